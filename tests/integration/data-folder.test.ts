// The data folder as the operating system sees it: owner-only, one studio at a time, a damaged database explained
// and restored from a backup, a full disk and another process's lock met with words instead of stack traces.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { backupDatabase } from '../../electron/core/db/backup.ts';
import { DatabaseCorruptError, DB_FILE } from '../../electron/core/db/connection.ts';
import { openStudio } from '../../electron/core/studio.ts';
import {
  FolderBusyError,
  holdForCommand,
  lockOutCommands,
  StudioRunningError,
} from '../../electron/core/system/studio-lock.ts';
import { restoreBackup } from '../../electron/core/db/restore.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, tempDir } from '../support/studio-fixture.ts';
import { livecart } from '../support/cli.ts';

const posix = process.platform !== 'win32';

/** Every file and folder under `dir` whose mode lets anyone but the owner in. */
function looser(dir: string): string[] {
  const found: string[] = [];
  const walk = (entry: string) => {
    const stat = fs.lstatSync(entry);
    if ((stat.mode & 0o077) !== 0) found.push(`${path.relative(dir, entry) || '.'} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) walk(path.join(entry, name));
  };
  walk(dir);
  return found;
}

test('buyers are readable by the owner only: the folder, the database and its WAL, backups and exports', async (t) => {
  if (!posix) return t.skip('POSIX file modes only');
  const previous = process.umask(0o022); // the usual umask: what the studio writes must not depend on it
  try {
    const run = await runStudio();
    try {
      const client = await TestClient.connect(run.host.port, run.host.token);
      await client.call('catalog.create', { input: { title: '蜂蜜', priceFen: 3900, stock: 5, sku: 'HONEY' } });
      await client.call('orders.create', {
        input: { sessionId: null, lines: [{ sku: 'HONEY', quantity: 1 }], buyer: '小王', phone: '13800000000' },
      });
      await backupDatabase(run.studio.db, run.dataDir);
      const { jobId } = await client.call('orders.exportFile', { locale: 'zh-CN' });
      assert.equal((await client.jobFinished(jobId)).state, 'done');
      const out = path.join(run.dataDir, 'orders-out.csv');
      const exported = livecart(['orders', 'export', '--out', out, '--data-dir', run.dataDir]);
      assert.equal(exported.code, 0, exported.stderr);
      client.close();
      assert.deepEqual(looser(run.dataDir), []);
      assert.ok(fs.existsSync(path.join(run.dataDir, `${DB_FILE}-wal`)), 'the WAL was checked too');
    } finally {
      await run.stop();
    }
  } finally {
    process.umask(previous);
  }
});

test('a folder left readable by an older version is tightened when the studio opens it', async (t) => {
  if (!posix) return t.skip('POSIX file modes only');
  const dataDir = tempDir();
  const first = await openStudio({ dataDir });
  await backupDatabase(first.db, dataDir);
  await first.close();
  fs.chmodSync(dataDir, 0o755);
  for (const name of [DB_FILE, 'secret.key']) fs.chmodSync(path.join(dataDir, name), 0o644);
  fs.chmodSync(path.join(dataDir, 'backups'), 0o755);
  for (const name of fs.readdirSync(path.join(dataDir, 'backups'))) {
    fs.chmodSync(path.join(dataDir, 'backups', name), 0o644);
  }
  assert.notDeepEqual(looser(dataDir), []);
  const again = await openStudio({ dataDir });
  await again.close();
  assert.deepEqual(looser(dataDir), []);

  // Moved to another disk and linked back: the folder behind the link is tightened too.
  const moved = path.join(tempDir(), 'moved');
  fs.renameSync(dataDir, moved);
  fs.symlinkSync(moved, dataDir);
  fs.chmodSync(moved, 0o755);
  const linked = await openStudio({ dataDir });
  await linked.close();
  assert.equal(fs.statSync(moved).mode & 0o777, 0o700);
});

test('one studio per data folder: a second is refused with who has it; the lock goes with the process', async () => {
  const dataDir = tempDir();
  const first = await openStudio({ dataDir });
  await assert.rejects(openStudio({ dataDir }), (error: unknown) => {
    assert.ok(error instanceof StudioRunningError);
    assert.equal(error.code, 'studio_running');
    assert.equal(error.pid, process.pid);
    return true;
  });
  // A CLI command beside it takes no studio lock (only the commands' shared one): it works, waiting its turn.
  const cli = livecart(['products', 'export', '--data-dir', dataDir]);
  assert.equal(cli.code, 0, cli.stderr);
  const serve = livecart(['serve', '--data-dir', dataDir], 'zh-CN');
  assert.equal(serve.code, 1);
  assert.match(serve.stderr, /另一个 LiveCart Studio 已在使用这个数据文件夹/);
  assert.match(serve.stderr, new RegExp(`进程 ${process.pid}`));
  await first.close();
  const second = await openStudio({ dataDir });
  await second.close();
});

test('a studio killed outright leaves no stale lock', async () => {
  const dataDir = tempDir();
  const script = `import { openStudio } from ${JSON.stringify(path.resolve(import.meta.dirname, '../../electron/core/studio.ts'))};
await openStudio({ dataDir: ${JSON.stringify(dataDir)} });
process.stdout.write('open\\n');
setInterval(() => {}, 1000);`;
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await assert.rejects(openStudio({ dataDir }), StudioRunningError);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const after = await openStudio({ dataDir });
  await after.close();
});

/** A folder with one product in a backup, then its database overwritten with garbage (as a failing disk would). */
async function damagedFolder() {
  const dataDir = tempDir();
  const first = await openStudio({ dataDir });
  first.catalog.create({ title: '备份里的商品', priceFen: 100, stock: 1 });
  const backup = await backupDatabase(first.db, dataDir);
  await first.close();
  const dbFile = path.join(dataDir, DB_FILE);
  const damaged = Buffer.alloc(64 * 1024, 0x5a);
  fs.writeFileSync(dbFile, damaged);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  return { dataDir, backup, dbFile, damaged };
}

test('a damaged database: said plainly with the latest backup, doctor marks it, restore brings the backup back', async () => {
  const { dataDir, backup } = await damagedFolder();

  await assert.rejects(openStudio({ dataDir }), (error: unknown) => {
    assert.ok(error instanceof DatabaseCorruptError);
    assert.equal(error.backup, backup);
    return true;
  });
  const serve = livecart(['serve', '--data-dir', dataDir]);
  assert.equal(serve.code, 1);
  assert.match(serve.stderr, /The database file is damaged/);
  assert.match(serve.stderr, /livecart restore/);
  assert.doesNotMatch(serve.stderr, /\n\s+at /, 'no stack trace');

  const doctor = livecart(['doctor', '--data-dir', dataDir], 'zh-CN');
  assert.equal(doctor.code, 1);
  assert.match(doctor.stdout, /✗ 数据库文件已损坏/);
  assert.match(doctor.stdout, new RegExp(path.basename(backup)));

  const restored = livecart(['restore', '--data-dir', dataDir]);
  assert.equal(restored.code, 0, restored.stderr);
  const damaged = fs.readdirSync(dataDir).filter((n) => n.startsWith(`${DB_FILE}.damaged-`));
  assert.equal(damaged.length, 1, 'the damaged file is kept');
  const reopened = await openStudio({ dataDir });
  assert.equal(reopened.catalog.store.counts().active, 1);
  await reopened.close();
  assert.match(livecart(['doctor', '--data-dir', dataDir]).stdout, /✓ Database intact/);
});

test('a restore that cannot finish leaves the damaged file in place; commands and restores keep out of each other', async () => {
  const { dataDir, backup, dbFile, damaged } = await damagedFolder();

  // The copy cannot be written (as on a full disk): nothing is moved, no empty database appears.
  const now = new Date('2026-12-02T08:00:00Z');
  const copy = `${dbFile}.restoring-${now.toISOString().replace(/[:.]/g, '-')}`;
  fs.symlinkSync(path.join(dataDir, 'no-such-folder', 'x'), copy);
  await assert.rejects(restoreBackup(dbFile, backup, now));
  assert.deepEqual(fs.readFileSync(dbFile), damaged, 'the damaged file stays where it was, whole');
  assert.deepEqual(
    fs.readdirSync(dataDir).filter((n) => n.includes('.damaged-') || n.includes('.restoring-')),
    [],
    'nothing moved aside, no copy left',
  );

  // A command has the folder open: the restore is refused, saying so, and changes nothing.
  const command = holdForCommand(dataDir);
  const refused = livecart(['restore', '--data-dir', dataDir], 'zh-CN');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /有 livecart 命令正在使用这个数据文件夹/);
  assert.deepEqual(fs.readFileSync(dbFile), damaged);

  // While a restore holds the folder, a command starting waits for it (here: gives up at once when told not to wait).
  command.release();
  const restoring = lockOutCommands(dataDir);
  assert.throws(
    () => holdForCommand(dataDir, 0),
    (error: unknown) => error instanceof FolderBusyError,
  );
  restoring.release();
  holdForCommand(dataDir, 0).release();

  await restoreBackup(dbFile, backup);
  const reopened = await openStudio({ dataDir });
  assert.equal(reopened.catalog.store.counts().active, 1);
  await reopened.close();
});

test('a full disk is disk_full in the user’s language, saves nothing, and the next order after space is freed works', async () => {
  const run = await runStudio();
  try {
    const client = await TestClient.connect(run.host.port, run.host.token);
    const STOCK = 100_000;
    await client.call('catalog.create', { input: { title: '挂面', priceFen: 1290, stock: STOCK, sku: 'NOODLE' } });
    const order = () =>
      client.call('orders.create', {
        input: { sessionId: null, lines: [{ sku: 'NOODLE', quantity: 1 }], buyer: '小李' },
      });
    // SQLite's own "database or disk is full": the file may not grow by another page.
    const pages = run.studio.db.pragma('page_count', { simple: true }) as number;
    run.studio.db.pragma(`max_page_count = ${pages}`);
    let made = 0;
    let error: CallFailed | null = null;
    for (let i = 0; i < 20_000 && !error; i++) {
      try {
        await order();
        made++;
      } catch (e) {
        error = e as CallFailed;
      }
    }
    assert.ok(error instanceof CallFailed, 'the disk filled up');
    assert.equal(error.error.code, 'disk_full', JSON.stringify(error.error));
    assert.ok(made > 0);
    // The order API says it in the caller's language, with the status that means "no room".
    const api = await fetch(`http://127.0.0.1:${run.host.port}/api/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${run.host.token}`,
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
      },
      body: JSON.stringify({ key: 'full-1', sku: 'NOODLE', quantity: 1, buyer: '小李' }),
    });
    assert.equal(api.status, 507);
    assert.match(((await api.json()) as { error: { message: string } }).error.message, /磁盘空间已满/);
    const stock = run.studio.catalog.store.getBySku('NOODLE')!.stock;
    assert.equal(stock, STOCK - made, 'the refused order took no stock');
    run.studio.db.pragma('max_page_count = 1073741823');
    await order();
    assert.equal(run.studio.catalog.store.getBySku('NOODLE')!.stock, STOCK - made - 1);
    client.close();
  } finally {
    await run.stop();
  }
});

test('another process holding the write lock makes a write wait, not fail, and blocks nobody meanwhile', async () => {
  const run = await runStudio();
  try {
    const client = await TestClient.connect(run.host.port, run.host.token);
    const reader = await TestClient.connect(run.host.port, run.host.token);
    await client.call('catalog.create', { input: { title: '红枣', priceFen: 2990, stock: 9, sku: 'DATE' } });
    // What a CLI import beside the studio does: hold SQLite's write lock for as long as its transaction runs.
    const other = new Database(path.join(run.dataDir, DB_FILE));
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const ordering = client
      .call('orders.create', { input: { sessionId: null, lines: [{ sku: 'DATE', quantity: 1 }], buyer: '小赵' } })
      .finally(() => (settled = true));
    // The studio still answers while that write waits (its thread is not stuck inside SQLite).
    assert.equal((await reader.call('catalog.list', { query: '红枣' })).total, 1);
    assert.equal((await reader.call('catalog.list', { query: '红枣' })).total, 1);
    assert.equal(settled, false, 'the order waits for the lock');
    other.exec('COMMIT');
    other.close();
    const order = await ordering;
    assert.equal(order.lines[0]!.quantity, 1);
    assert.equal(run.studio.catalog.store.getBySku('DATE')!.stock, 8);
    client.close();
    reader.close();
  } finally {
    await run.stop();
  }
});
