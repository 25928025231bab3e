// The studio's one writer on a real SQLite file: group commit (one commit for the writes of a turn), a savepoint
// per write, events and promises only after the commit, bulk holders, and another process's lock.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { Writer, type FlushWal } from '../../electron/core/db/writer.ts';
import type { Publish } from '../../electron/core/publish.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-writer-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
/**
 * A WAL database with a table, a second connection that reads only what is committed, and a manual commit. The
 * WAL is flushed for real unless a test holds the flushes.
 */
function setup(options: { flushWal?: FlushWal } = {}) {
  const file = path.join(dir, `w${++fileNo}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 0');
  db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`);
  db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY)`);
  // Checked at COMMIT, not at the insert: a group whose commit fails.
  db.exec(`CREATE TABLE children (id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)`);
  db.pragma('foreign_keys = ON');
  const other = new Database(file, { readonly: true });
  const events: string[] = [];
  const publish: Publish = (name, data) => events.push(`${name}:${JSON.stringify(data)}`);
  const commits: Array<() => void> = [];
  let scheduled: (() => void) | null = null;
  const writer = new Writer(db, publish, {
    ...options,
    schedule: (commit) => {
      commits.push(commit);
      scheduled?.();
    },
  });
  /** Resolves once the writer has scheduled its n-th commit. */
  const commitScheduled = (n: number) =>
    new Promise<void>((resolve) => {
      scheduled = () => commits.length >= n && resolve();
      scheduled();
    });
  const committed = () =>
    (other.prepare('SELECT name FROM items ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name);
  const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
  const close = () => {
    writer.close();
    other.close();
    db.close();
  };
  return { db, file, other, writer, events, commits, commitScheduled, committed, insert, close };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the writes of one turn share one commit; each resolves, and its events go out, only after it', async () => {
  const { writer, events, commits, committed, insert, close } = setup();
  let resolved = 0;
  const writes = ['a', 'b', 'c'].map((name) =>
    writer
      .write((emit) => {
        insert.run(name);
        emit('catalog.bulkChanged', { created: 1, updated: 0 });
        return name;
      })
      .then((value) => {
        resolved++;
        return value;
      }),
  );
  await tick();
  assert.equal(commits.length, 1, 'one group, one commit');
  assert.deepEqual(committed(), [], 'nothing is on disk before the commit');
  assert.equal(resolved, 0, 'nobody is answered before the commit');
  assert.deepEqual(events, []);
  assert.ok(writer.whenCommitted() instanceof Promise, 'replies have something to wait for');
  commits[0]!();
  assert.deepEqual(await Promise.all(writes), ['a', 'b', 'c']);
  assert.deepEqual(committed(), ['a', 'b', 'c']);
  assert.equal(events.length, 3);
  assert.equal(writer.whenCommitted(), null);
  close();
});

test('a refused write rolls back only itself and announces nothing; the others of its group are kept', async () => {
  const { writer, events, commits, committed, insert, close } = setup();
  const first = writer.write((emit) => {
    insert.run('只剩一件');
    emit('catalog.bulkChanged', { created: 1, updated: 0 });
  });
  const refused = writer.write((emit) => {
    insert.run('先写了一半');
    emit('catalog.bulkChanged', { created: 99, updated: 0 });
    insert.run('只剩一件'); // UNIQUE: refused after a first change of its own
  });
  const third = writer.write(() => insert.run('第三单'));
  await assert.rejects(refused, /UNIQUE/);
  assert.equal(commits.length, 1);
  commits[0]!();
  await Promise.all([first, third]);
  assert.deepEqual(committed(), ['只剩一件', '第三单'], 'the refused write left nothing, not even its first row');
  assert.deepEqual(events, ['catalog.bulkChanged:{"created":1,"updated":0}']);
  close();
});

test('a group whose commit fails refuses every write in it and announces nothing', async () => {
  const { db, writer, events, commits, committed, insert, close } = setup();
  const ok = writer.write((emit) => {
    insert.run('x');
    emit('catalog.bulkChanged', { created: 1, updated: 0 });
  });
  const orphan = writer.write(() => db.prepare('INSERT INTO children (parent_id) VALUES (42)').run());
  commits[0]!();
  await assert.rejects(ok, /FOREIGN KEY/);
  await assert.rejects(orphan, /FOREIGN KEY/);
  assert.equal(db.inTransaction, false);
  assert.deepEqual(committed(), []);
  assert.deepEqual(events, []);
  // The next write starts a group of its own.
  const next = writer.write(() => insert.run('y'));
  commits[1]!();
  await next;
  assert.deepEqual(committed(), ['y']);
  close();
});

test('a group SQLite rolled back by itself refuses its writes, and a later write starts a group of its own', async () => {
  const { db, writer, events, commits, committed, insert, close } = setup();
  const first = writer.write((emit) => {
    insert.run('lost');
    emit('catalog.bulkChanged', { created: 1, updated: 0 });
  });
  // As SQLite does after a full disk or an I/O error: the whole transaction is gone.
  const failing = writer.write(() => db.exec('ROLLBACK'));
  await assert.rejects(failing);
  assert.equal(db.inTransaction, false);
  const later = writer.write(() => insert.run('kept'));
  await assert.rejects(first, /rolled back/);
  assert.equal(db.inTransaction, true, 'the later write is in a transaction of its own, not committed alone');
  commits.at(-1)!();
  await later;
  assert.deepEqual(committed(), ['kept']);
  assert.deepEqual(events, []);
  close();
});

test('a write cannot start another write (or hold the writer) inside its work', async () => {
  const { writer, commits, committed, insert, close } = setup();
  let inner: Promise<unknown> | null = null;
  const outer = writer.write(() => {
    insert.run('outer');
    inner = writer.write(() => insert.run('inner'));
  });
  await assert.rejects(inner!, /inside its work/);
  commits[0]!();
  await outer;
  assert.deepEqual(committed(), ['outer']);
  close();
});

test('the default schedule commits by itself once the turn has taken in its messages', async () => {
  const file = path.join(dir, 'auto.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (v INTEGER)');
  const writer = new Writer(db, () => {});
  const done = await Promise.all(
    [1, 2, 3].map((v) => writer.write(() => db.prepare('INSERT INTO t VALUES (?)').run(v).changes)),
  );
  assert.deepEqual(done, [1, 1, 1]);
  const reader = new Database(file, { readonly: true });
  assert.equal((reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 3);
  reader.close();
  writer.close();
  db.close();
});

test('a holder waits for the open group to commit, then writes alone; later writes queue behind it in order', async () => {
  const { db, writer, commits, committed, insert, close } = setup();
  const before = writer.write(() => insert.run('before'));
  let release!: () => void;
  const holding = writer.hold(async () => {
    await writer.bulk(async () => {
      insert.run('bulk 1');
      await new Promise<void>((resolve) => (release = resolve));
      insert.run('bulk 2');
    });
    return 'bulk';
  });
  await before; // committed by the holder, before its own transaction began
  assert.deepEqual(committed(), ['before']);
  assert.equal(writer.held, true);
  const a = writer.write(() => insert.run('a'));
  const b = writer.write(() => insert.run('b'));
  await tick();
  assert.deepEqual(committed(), ['before'], 'the bulk transaction is not committed, and nothing landed inside it');
  release();
  assert.equal(await holding, 'bulk');
  await tick();
  assert.equal(db.inTransaction, true, 'a and b are in the next group');
  commits.at(-1)!();
  await Promise.all([a, b]);
  assert.deepEqual(committed(), ['before', 'bulk 1', 'bulk 2', 'a', 'b']);
  assert.equal(writer.held, false);
  close();
});

test("a holder that fails frees the writer; its error stays its caller's", async () => {
  const { writer, commits, committed, insert, close } = setup();
  const failing = writer.hold(async () => {
    await tick();
    throw new Error('disk full');
  });
  const next = writer.write(() => insert.run('still writes'));
  await assert.rejects(failing, /disk full/);
  await tick();
  commits.at(-1)!();
  await next;
  assert.deepEqual(committed(), ['still writes']);
  close();
});

test('bulk refuses a caller that does not hold the writer', async () => {
  const { writer, close } = setup();
  await assert.rejects(
    writer.bulk(async () => {}),
    /hold the writer/,
  );
  close();
});

test('while another process holds the lock, writes wait (in order) and go through once it lets go', async () => {
  const { db, file, writer, commits, commitScheduled, committed, insert, close } = setup();
  const cli = new Database(file);
  cli.exec('BEGIN IMMEDIATE');
  const first = writer.write(() => insert.run('first'));
  const second = writer.write(() => insert.run('second'));
  assert.equal(writer.held, true, 'the writer waits, holding later writes behind the first');
  assert.equal(db.pragma('synchronous', { simple: true }), 2, 'a group that could not begin left the level as it was');
  await tick();
  cli.exec('COMMIT');
  // The retry begins the group; both writes join it; the manual schedule commits it.
  await commitScheduled(1);
  await tick();
  commits[0]!();
  await Promise.all([first, second]);
  assert.deepEqual(committed(), ['first', 'second']);
  cli.close();
  close();
});

test('close commits the open group at once (before the database closes)', async () => {
  const { writer, committed, insert, close } = setup();
  const write = writer.write(() => insert.run('kept'));
  writer.close();
  await write;
  assert.deepEqual(committed(), ['kept']);
  close();
});

/** Holds every flush of the WAL until the test lets it finish. */
function heldFlushes() {
  const pending: Array<(error: Error | null) => void> = [];
  const flushWal: FlushWal = (_fd, done) => pending.push(done);
  return { pending, flushWal };
}

/** Whether a promise has settled, without waiting for it. */
function tracked<T>(promise: Promise<T>) {
  const state = { settled: false, value: undefined as T | undefined, error: undefined as unknown };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

test('a write is answered only once the WAL is flushed; its events go out at the commit, and the next group commits meanwhile', async () => {
  const { pending, flushWal } = heldFlushes();
  const { db, writer, events, commits, committed, insert, close } = setup({ flushWal });
  const atCommit: string[] = [];
  const first = tracked(
    writer.write(
      (emit) => {
        insert.run('a');
        emit('catalog.bulkChanged', { created: 1, updated: 0 });
        return 'a';
      },
      (result) => atCommit.push(`${result} after ${events.length} event(s)`),
    ),
  );
  await tick();
  assert.deepEqual(atCommit, []);
  commits[0]!();
  assert.deepEqual(committed(), ['a'], 'committed');
  assert.equal(events.length, 1, 'its event goes out at the commit, numbered with what the database holds');
  assert.deepEqual(
    atCommit,
    ['a after 1 event(s)'],
    'what may not wait for the flush runs at the commit, after its events',
  );
  assert.equal(writer.whenCommitted(), null, 'a snapshot does not wait for the flush');
  assert.equal(db.pragma('synchronous', { simple: true }), 2, 'outside the group commit the connection stays FULL');
  assert.equal(pending.length, 1, 'the WAL is being flushed');
  await tick();
  assert.equal(first.settled, false, 'not answered before the flush');

  const second = tracked(writer.write(() => insert.run('b')));
  await tick();
  commits[1]!();
  assert.deepEqual(committed(), ['a', 'b'], 'the next group commits while the first flush runs');
  assert.equal(pending.length, 1, 'one flush at a time');
  pending[0]!(null);
  await tick();
  assert.equal(first.value, 'a');
  assert.equal(second.settled, false, 'a flush covers only what was committed before it began');
  assert.equal(pending.length, 2, 'the writes committed meanwhile get the next flush');
  pending[1]!(null);
  await tick();
  assert.ok(second.settled && second.error === undefined);
  close();
});

test('a failed flush refuses its writes, those committed meanwhile and every later one, as not confirmed', async () => {
  const { pending, flushWal } = heldFlushes();
  const { writer, commits, committed, insert, close } = setup({ flushWal });
  const lost = writer.write(() => insert.run('x'));
  await tick();
  commits[0]!();
  const meanwhile = writer.write(() => insert.run('y'));
  await tick();
  commits[1]!();
  pending[0]!(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
  const unconfirmed = (error: Error & { code?: string }) => {
    assert.equal(error.code, 'write_unconfirmed');
    assert.match(error.message, /did not confirm.*EIO/);
    return true;
  };
  await assert.rejects(lost, unconfirmed);
  await assert.rejects(meanwhile, unconfirmed, 'its WAL frames come after the ones the disk may have dropped');
  assert.deepEqual(committed(), ['x', 'y'], 'committed, as the error says: the seller checks before retrying');
  await assert.rejects(
    writer.write(() => insert.run('z')),
    unconfirmed,
  );
  await assert.rejects(
    writer.hold(async () => 'bulk'),
    unconfirmed,
  );
  assert.deepEqual(committed(), ['x', 'y'], 'nothing more is written');
  close();
});

test('close answers the open group itself: it commits and flushes at once, leaving nothing to the thread', async () => {
  const { pending, flushWal } = heldFlushes();
  const { db, writer, insert, committed, other } = setup({ flushWal });
  const open = writer.write(() => insert.run('open'));
  writer.close();
  await open;
  assert.equal(pending.length, 0, 'no flush was left to the thread');
  assert.deepEqual(committed(), ['open']);
  await assert.rejects(
    writer.write(() => insert.run('after')),
    /not open|closed/i,
  );
  other.close();
  db.close();
});

test('close flushes here and now: every write is answered, the one whose flush was running too', async () => {
  const { pending, flushWal } = heldFlushes();
  const { db, writer, commits, insert, other } = setup({ flushWal });
  const running = writer.write(() => insert.run('flushing'));
  await tick();
  commits[0]!();
  const open = writer.write(() => insert.run('still open'));
  writer.close();
  await open;
  pending[0]!(null); // the pool's flush ends after close: its file is closed then
  await running;
  other.close();
  db.close();
});

test('without a WAL to flush (an in-memory database) a write is answered at its commit', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY)');
  const writer = new Writer(db, () => {});
  assert.equal(await writer.write(() => db.prepare('INSERT INTO items DEFAULT VALUES').run().changes), 1);
  writer.close();
  db.close();
});
