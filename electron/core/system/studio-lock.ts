// One studio per data folder. Two would both take orders from the same stock, both record into one folder and
// both listen on the LAN port. The lock is an SQLite file held in exclusive mode: the operating system's own
// file lock, released when the process ends however it ends, so a crash never leaves a stale lock behind.
// (A CLI command beside a running studio takes no lock: it waits its turn for the database instead.)
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../protocol/errors.ts';
import { ownerOnly, tighten } from './data-folder.ts';

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

export interface StudioLock {
  release(): void;
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
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this mode it is kept until the connection closes.
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    lock.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new StudioRunningError(dataDir, holderPid(dataDir));
    }
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
