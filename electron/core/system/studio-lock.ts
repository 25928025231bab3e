// One studio per data folder. Two would both take orders from the same stock, both record into one folder and
// both listen on the LAN port. The lock is an SQLite file held in exclusive mode: the operating system's own
// file lock, released when the process ends however it ends, so a crash never leaves a stale lock behind.
// A CLI command beside a running studio takes a shared lock of its own instead (holdForCommand): commands run side
// by side and beside the studio, waiting their turn for the database, but never while a backup is being restored.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../protocol/errors.ts';
import { ownerOnly, tighten } from './data-folder.ts';
import { isBusy } from '../db/writer.ts';

export const LOCK_FILE = 'studio.lock';
/** Who holds the lock, for the message a second studio shows (the lock itself cannot be read while held). */
export const LOCK_INFO_FILE = 'studio.lock.json';

export class StudioRunningError extends StudioError {
  readonly dataDir: string;
  readonly pid: number | string;
  constructor(dataDir: string, pid: number | null) {
    super('studio_running', `another LiveCart Studio is using ${dataDir}${pid ? ` (process ${pid})` : ''}`);
    this.name = 'StudioRunningError';
    this.dataDir = dataDir;
    this.pid = pid ?? '';
  }
}

/** Restoring a backup while a `livecart` command has the database open (or the other way round). */
export class FolderBusyError extends StudioError {
  readonly dataDir: string;
  constructor(dataDir: string, why: 'commands' | 'restoring') {
    super(
      'studio_running',
      why === 'commands'
        ? `a livecart command is using ${dataDir}: restore once it has finished`
        : `a backup is being restored into ${dataDir}: try again once it is done`,
      { issues: [{ path: '', code: why === 'commands' ? 'folder_in_use' : 'folder_restoring' }] },
    );
    this.name = 'FolderBusyError';
    this.dataDir = dataDir;
  }
}

export interface StudioLock {
  release(): void;
}

export const COMMANDS_LOCK_FILE = 'commands.lock';
/** How long a command waits for a restore to finish before it gives up. */
const COMMAND_WAIT_MS = 60_000;
/** Two studios starting at the same instant can each stop the other's first try: a few short, random retries. */
const LOCK_TRIES = 5;

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function holderPid(dataDir: string): number | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_INFO_FILE), 'utf8')) as { pid?: unknown };
    return typeof info.pid === 'number' ? info.pid : null;
  } catch {
    return null;
  }
}

/** Takes the data folder's lock, or throws StudioRunningError naming who has it. */
export function lockDataFolder(dataDir: string): StudioLock {
  for (let attempt = 1; ; attempt++) {
    try {
      return tryLockDataFolder(dataDir);
    } catch (error) {
      if (!(error instanceof StudioRunningError) || error.pid !== '' || attempt === LOCK_TRIES) throw error;
      // Busy but nobody named as holder: another process may be taking it this very moment. Ask again shortly.
      pause(10 + Math.random() * 40);
    }
  }
}

function tryLockDataFolder(dataDir: string): StudioLock {
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this mode it is kept until the connection closes.
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    lock.close();
    if (isBusy(error)) throw new StudioRunningError(dataDir, holderPid(dataDir));
    throw error;
  }
  tighten(file);
  const info = path.join(dataDir, LOCK_INFO_FILE);
  fs.writeFileSync(info, JSON.stringify({ pid: process.pid, since: Date.now() }), ownerOnly);
  return {
    release() {
      if (!lock.open) return;
      fs.rmSync(info, { force: true });
      lock.close();
    },
  };
}

/**
 * Held by a CLI command for as long as it has the database open: a read transaction on `commands.lock` keeps a
 * shared lock, so commands run side by side; a restore holding it exclusively makes a command wait until it is done.
 */
export function holdForCommand(dataDir: string, waitMs = COMMAND_WAIT_MS): StudioLock {
  const file = path.join(dataDir, COMMANDS_LOCK_FILE);
  const guard = new Database(file, { timeout: waitMs });
  try {
    guard.exec('CREATE TABLE IF NOT EXISTS guard (x INTEGER)');
    guard.exec('BEGIN');
    guard.prepare('SELECT count(*) FROM guard').get(); // the shared lock, kept until release
  } catch (error) {
    guard.close();
    if (isBusy(error)) throw new FolderBusyError(dataDir, 'restoring');
    throw error;
  }
  tighten(file);
  return {
    release() {
      if (!guard.open) return;
      guard.exec('ROLLBACK');
      guard.close();
    },
  };
}

/** For a restore: no command may have the database open now, and none opens it until release. */
export function lockOutCommands(dataDir: string): StudioLock {
  const file = path.join(dataDir, COMMANDS_LOCK_FILE);
  const guard = new Database(file, { timeout: 0 });
  try {
    guard.pragma('locking_mode = EXCLUSIVE');
    guard.exec('CREATE TABLE IF NOT EXISTS guard (x INTEGER); DELETE FROM guard;');
  } catch (error) {
    guard.close();
    if (isBusy(error)) throw new FolderBusyError(dataDir, 'commands');
    throw error;
  }
  tighten(file);
  return {
    release() {
      if (guard.open) guard.close();
    },
  };
}
