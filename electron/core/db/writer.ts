// The studio's one writer, with group commit.
//
// Every domain writes through here. A write runs at once, in its own savepoint inside the group transaction
// that is open (BEGIN IMMEDIATE by the first write of a group), so the writes of one group see each other in
// order and a refused write (a sold-out order) rolls back only itself. The group commits once the event loop has
// taken in everything that arrived meanwhile (setImmediate: the rest of this turn's messages join it). Its events
// are published at the COMMIT, in order, so every screen and every snapshot agrees with the database.
//
// A reply means "on disk", and the disk is not asked on this thread. better-sqlite3 is synchronous: with
// synchronous=FULL the COMMIT's fsync stopped the studio's one thread (orders, the stream's fan-out) for every
// group. So a group commits at synchronous=NORMAL (the WAL is written, not flushed) and the WAL is then flushed by
// fdatasync on a thread of its own (wal-flusher.ts); the group's promises resolve only once that flush is done. Meanwhile the thread
// takes in and commits the next group, whose flush follows (one at a time: a flush covers every group committed
// before it started). What a FULL commit would have flushed is exactly the WAL (SQLite flushes a restarted WAL's
// header itself, and a checkpoint flushes the WAL before and the database after at NORMAL too), so a power cut
// loses nothing that was acknowledged. Only the group commit runs at NORMAL: anything else on the connection keeps
// the level it was opened with (FULL, connection.ts).
//
// Screens see a change (its event, a read) before its writer hears "on disk": by the flush's time, about a
// millisecond on an SSD, more on a slow disk. The same was already true of reads inside an open group. Code that
// acts after `await write(...)` runs that much later, and other messages may be handled in between. If a flush
// fails (an I/O error) its writes, and every write after, are refused as not confirmed (write_unconfirmed): after a
// failed fsync the kernel may have dropped those pages, and every later WAL frame depends on them.
//
// A bulk job (a 100,000-row import) holds the writer while it writes one transaction over many event-loop turns,
// so reads keep being answered meanwhile; writes queue behind it.
//
// Another process may hold SQLite's write lock for a while (a CLI import beside the running studio). The studio
// never blocks its thread on that lock (busy_timeout 0, see connection.ts): a group that cannot begin is tried
// again a moment later, holding the writer so later writes keep their order. It fails only after
// BUSY_GIVE_UP_MS, with a message that says why.
import fs from 'node:fs';
import { StudioError } from '../protocol/errors.ts';
import { WalFlusher } from './wal-flusher.ts';
import type { Publish } from '../publish.ts';
import type { Db } from './connection.ts';

/** SQLite's "another connection has the lock" (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;
export const BUSY_GIVE_UP_MS = 120_000;

interface Pending {
  result: unknown;
  events: Array<() => void>;
  /** What must happen at the COMMIT itself, not after the flush (see write). */
  committed: (() => void) | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Group {
  writes: Pending[];
}

/** Said to every write of a group that SQLite rolled back by itself (a full disk, an I/O error). */
const rolledBack = () => new StudioError('internal', 'the write was rolled back by the database');

/** Said to the writes a failed flush covered, and to every write after: committed, maybe shown, not on disk. */
const notConfirmed = (error: unknown) =>
  new StudioError(
    'write_unconfirmed',
    `the disk did not confirm the write (${(error as Error).message ?? String(error)}): restart the studio`,
  );

function settle(writes: readonly Pending[], error: unknown): void {
  for (const write of writes) {
    if (error) write.reject(error);
    else write.resolve(write.result);
  }
}

/** Flushes the WAL file's data to disk off the thread, then calls back (tests hold it to see who waits for it). */
export type FlushWal = (fd: number, done: (error: Error | null) => void) => void;

/** SQLite's synchronous levels: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
const FULL = 2;
const NORMAL = 1;

/** The WAL file beside a database opened at FULL or above in WAL mode, opened for flushing; else null. */
function walToFlush(db: Db): number | null {
  if (db.memory || String(db.pragma('journal_mode', { simple: true })) !== 'wal') return null;
  if (Number(db.pragma('synchronous', { simple: true })) < FULL) return null;
  try {
    // Read and write: Windows flushes only a handle that may write.
    return fs.openSync(`${db.name}-wal`, 'r+');
  } catch {
    return null; // no WAL yet: the group commits at the connection's own level, flushing as it commits
  }
}

export interface WriterOptions {
  now?: () => number;
  /** When a group commits: after the event loop has taken in this turn's other messages. */
  schedule?: (commit: () => void) => void;
  flushWal?: FlushWal;
}

export class Writer {
  private readonly db: Db;
  private readonly publish: Publish;
  private readonly now: () => number;
  private readonly schedule: (commit: () => void) => void;
  private group: Group | null = null;
  private committed: { promise: Promise<void>; resolve(): void } | null = null;
  /** A write's work in its own savepoint (inside the open transaction better-sqlite3 makes it one); made once. */
  private readonly savepoint: <T>(work: (emit: Publish) => T, emit: Publish) => T;
  /** A write's work is running: a write from inside it is a bug (it could not be rolled back with it). */
  private writing = false;
  private holder: Promise<unknown> | null = null;
  /** The WAL, when groups commit at NORMAL and are flushed off the thread; null: they flush as they commit. */
  private readonly wal: number | null;
  /** The connection's own synchronous level, kept for everything but the group commit. */
  private readonly level: number;
  private readonly flushWal: FlushWal;
  private readonly flusher: WalFlusher | null;
  /** Committed writes waiting for the next flush of the WAL, and those the running flush covers. */
  private unflushed: Pending[] = [];
  private flushing: Pending[] | null = null;
  /** A flush failed: nothing written after it can be confirmed (see the header). */
  private broken: StudioError | null = null;
  private closed = false;

  constructor(db: Db, publish: Publish, options: WriterOptions = {}) {
    this.db = db;
    this.publish = publish;
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? ((commit) => setImmediate(commit));
    this.savepoint = db.transaction((work, emit) => work(emit)) as <T>(work: (emit: Publish) => T, emit: Publish) => T;
    this.level = Number(db.pragma('synchronous', { simple: true }));
    this.wal = walToFlush(db);
    this.flusher = this.wal !== null && !options.flushWal ? new WalFlusher() : null;
    this.flushWal = options.flushWal ?? this.flusher?.flush ?? (() => undefined);
  }

  /** A bulk job holds the writer (see hold). */
  get held(): boolean {
    return this.holder !== null;
  }

  /**
   * Writes `work` in the open group (opening one if needed) and resolves once the group is on disk. Events raised
   * through `emit` are published at its COMMIT, in the order they were raised; a refused write (it throws) rolls
   * back only itself and announces nothing. `committed` runs at the COMMIT too, for what may not wait for the flush
   * (a revoked device's sockets close before anything else it sent is read).
   */
  write<T>(work: (emit: Publish) => T, committed?: (result: T) => void): Promise<T> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('the writer is closed (the database is closing)'));
    if (this.writing) return Promise.reject(new Error('a write may not start another write inside its work'));
    if (this.holder) return this.afterHolder().then(() => this.write(work, committed));
    // SQLite rolled the group back by itself after an error: its writes are lost, and this one must not run outside
    // a transaction (it would commit on its own while the group is told it failed).
    if (this.group && !this.db.inTransaction) this.fail(this.group, rolledBack());
    if (!this.group) {
      try {
        this.begin();
      } catch (error) {
        if (!isBusy(error)) return Promise.reject(error);
        // Another process writes: wait for it, holding the writer so later writes keep their place behind this one.
        const opening = this.retryWhileBusy(() => this.begin());
        const release = () => {
          if (this.holder === opening) this.holder = null;
        };
        this.holder = opening;
        opening.then(release, release);
        return opening.then(() => this.write(work, committed));
      }
    }
    const events: Array<() => void> = [];
    const emit: Publish = (name, data, audience) => events.push(() => this.publish(name, data, audience));
    let result: T;
    this.writing = true;
    try {
      result = this.savepoint(work, emit);
    } catch (error) {
      return Promise.reject(error);
    } finally {
      this.writing = false;
    }
    return new Promise<T>((resolve, reject) => {
      this.group!.writes.push({
        result,
        events,
        committed: committed && (() => committed(result)),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  /**
   * Null when nothing is waiting for a commit; else resolves once the open group is settled (on disk, or rolled
   * back). Snapshots wait for it, so the changes they hold have had their events numbered.
   */
  whenCommitted(): Promise<void> | null {
    return this.group ? this.committed!.promise : null;
  }

  /**
   * Before the database closes: commits the open group and flushes the WAL here and now, so every write is answered
   * (the running flush's too) and nothing is left to flush.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true; // the commit below leaves its writes to the flush here, not to the thread
    this.commit();
    if (this.wal === null) return;
    const waiting = [...(this.flushing ?? []), ...this.unflushed];
    this.unflushed = [];
    let error: unknown = null;
    try {
      fs.fdatasyncSync(this.wal);
    } catch (failure) {
      error = notConfirmed(failure);
    }
    settle(waiting, error); // a promise the running flush answers later keeps this answer
    fs.closeSync(this.wal);
    this.flusher?.close();
  }

  /** Holds the writer for the whole of `work` (which may yield); later writes queue behind it. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.broken) throw this.broken;
    if (this.writing) throw new Error('a write may not hold the writer inside its work');
    for (;;) {
      if (this.group) this.commit();
      else if (this.holder) await this.afterHolder();
      else break;
    }
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    this.holder = holding;
    try {
      return await work();
    } finally {
      if (this.holder === holding) this.holder = null;
      release();
    }
  }

  /**
   * One transaction that may span many event-loop turns (`work` yields). Only for a holder of the writer:
   * nobody else writes meanwhile, so no other change can land inside it.
   */
  async bulk(work: () => Promise<void>): Promise<void> {
    if (!this.held) throw new Error('a bulk transaction needs to hold the writer');
    this.restoreLevel(); // a bulk commit flushes as it commits (the connection's own level)
    const begin = () => this.db.exec('BEGIN IMMEDIATE');
    try {
      begin();
    } catch (error) {
      if (!isBusy(error)) throw error;
      await this.retryWhileBusy(begin);
    }
    try {
      await work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private begin(): void {
    if (this.wal !== null) this.db.exec(`PRAGMA synchronous = ${NORMAL}`);
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.restoreLevel();
      throw error;
    }
    const group: Group = { writes: [] };
    this.group = group;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.committed = { promise, resolve };
    this.schedule(() => {
      if (this.group === group) this.commit();
    });
  }

  private commit(): void {
    const group = this.group;
    if (!group) return;
    try {
      // SQLite itself rolls a transaction back on some errors (a full disk, an I/O error): nothing to commit.
      if (!this.db.inTransaction) throw rolledBack();
      this.db.exec('COMMIT');
    } catch (error) {
      this.fail(group, error);
      return;
    }
    this.restoreLevel();
    const committed = this.committed!;
    this.group = null;
    this.committed = null;
    for (const write of group.writes) {
      try {
        for (const send of write.events) send();
        write.committed?.();
      } catch (error) {
        // A listener's failure must not keep the other writers of the group waiting: they are committed.
        console.error('[studio] publishing after a commit failed:', error);
      }
    }
    committed.resolve();
    if (this.wal === null) {
      for (const write of group.writes) write.resolve(write.result);
      return;
    }
    this.unflushed.push(...group.writes);
    if (!this.flushing && !this.closed) this.flush();
  }

  /** Flushes the WAL for every write committed so far; the writes committed meanwhile wait for the next flush. */
  private flush(): void {
    const covered = this.unflushed;
    this.unflushed = [];
    this.flushing = covered;
    this.flushWal(this.wal!, (error) => {
      this.flushing = null;
      if (this.closed) return settle(covered, null); // close() flushed them itself and answered them
      if (error) {
        this.broken = notConfirmed(error);
        const after = this.unflushed;
        this.unflushed = [];
        return settle([...covered, ...after], this.broken);
      }
      settle(covered, null);
      if (this.unflushed.length > 0) this.flush();
    });
  }

  /** Back to the connection's own level once no group is open (SQLite refuses the change inside a transaction). */
  private restoreLevel(): void {
    if (this.wal !== null && !this.db.inTransaction) this.db.exec(`PRAGMA synchronous = ${this.level}`);
  }

  /** The group is lost: its writes are refused, none of their events go out, and the next write begins afresh. */
  private fail(group: Group, error: unknown): void {
    const committed = this.committed!;
    this.group = null;
    this.committed = null;
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch (rollback) {
      console.error('[studio] rolling back a failed group failed:', rollback);
    } finally {
      this.restoreLevel();
    }
    for (const write of group.writes) write.reject(error);
    committed.resolve();
  }

  /** Runs `write` again, a little later each time, until the other process lets go of the lock. */
  private async retryWhileBusy<T>(write: () => T): Promise<T> {
    const giveUpAt = this.now() + BUSY_GIVE_UP_MS;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(MAX_RETRY_MS, wait * 2)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return write();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (this.now() >= giveUpAt) {
          throw new StudioError('busy', 'another program kept the database locked', {
            issues: [{ path: '(root)', code: 'db_locked' }],
          });
        }
      }
    }
  }

  private async afterHolder(): Promise<void> {
    try {
      await this.holder;
    } catch {
      // the holder's failure is its own caller's business
    }
  }
}
