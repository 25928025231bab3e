// A damaged database is never deleted: it is moved aside, and the chosen backup (the latest by default), copied
// through SQLite's backup API and checked, takes its place. Only while no studio and no command has the folder open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ownerOnly, tighten } from '../system/data-folder.ts';
import { lockDataFolder, lockOutCommands, type StudioLock } from '../system/studio-lock.ts';

export const BACKUPS_DIR = 'backups';

/** The newest backup in the data folder (names sort by time), or null. */
export function latestBackup(dataDir: string): string | null {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(dataDir, BACKUPS_DIR));
  } catch {
    return null;
  }
  const newest = names
    .filter((n) => /^livecart-.*\.db$/.test(n))
    .sort()
    .at(-1);
  return newest ? path.join(dataDir, BACKUPS_DIR, newest) : null;
}

/** `ok` or the first problem SQLite's quick check finds (a file that is not a database at all included). */
export function checkDatabaseFile(file: string): string {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows[0]?.quick_check ?? 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/**
 * Restores `backup` in place of `dbFile`, keeping the damaged file (and its -wal/-shm) beside it as
 * `<name>.damaged-<stamp>`; returns where it went. The backup is first copied next to the database and checked, then
 * swapped in by renames: a copy that fails (a full disk, the backup gone) leaves the damaged file where it was, never
 * an empty database the next launch would take for a new shop. Holds the folder meanwhile — no studio, no command.
 */
export async function restoreBackup(dbFile: string, backup: string, now = new Date()): Promise<string> {
  const dataDir = path.dirname(dbFile);
  const studio = lockDataFolder(dataDir); // StudioRunningError while a studio has it open
  let commands: StudioLock | null = null;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const copy = `${dbFile}.restoring-${stamp}`;
  try {
    commands = lockOutCommands(dataDir); // FolderBusyError while a command has it open
    const problem = checkDatabaseFile(backup);
    if (problem !== 'ok') throw new Error(`the backup ${backup} is damaged too: ${problem}`);
    // Created owner-only before SQLite writes into it.
    fs.writeFileSync(copy, '', ownerOnly);
    const source = new Database(backup, { readonly: true });
    try {
      await source.backup(copy);
    } finally {
      source.close();
    }
    const copied = checkDatabaseFile(copy);
    if (copied !== 'ok') throw new Error(`the copy of ${backup} failed its check: ${copied}`);
    tighten(copy);
    return swapIn(dbFile, copy, `${dbFile}.damaged-${stamp}`);
  } finally {
    fs.rmSync(copy, { force: true });
    commands?.release();
    studio.release();
  }
}

/** Moves the database and its -wal/-shm aside, then the copy into place; on failure puts them all back. */
function swapIn(dbFile: string, copy: string, aside: string): string {
  const moved: Array<[string, string]> = [];
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (!fs.existsSync(dbFile + suffix)) continue;
      fs.renameSync(dbFile + suffix, aside + suffix);
      moved.push([dbFile + suffix, aside + suffix]);
    }
    fs.renameSync(copy, dbFile);
  } catch (error) {
    for (const [from, to] of moved.reverse()) fs.renameSync(to, from);
    throw error;
  }
  return aside;
}
