// A damaged database is never deleted: it is moved aside, and the chosen backup (the latest by default) is copied
// into its place through SQLite's backup API, then checked. Run only while no studio has the folder open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ownerOnly, tighten } from '../system/data-folder.ts';

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
 * Moves `dbFile` (and its -wal/-shm) aside as `<name>.damaged-<stamp>` and restores `backup` in its place.
 * Returns where the damaged file went. Throws when the backup itself fails its check (nothing is moved then).
 */
export async function restoreBackup(dbFile: string, backup: string, now = new Date()): Promise<string> {
  const problem = checkDatabaseFile(backup);
  if (problem !== 'ok') throw new Error(`the backup ${backup} is damaged too: ${problem}`);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${dbFile}.damaged-${stamp}`;
  if (fs.existsSync(dbFile)) fs.renameSync(dbFile, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(dbFile + suffix)) fs.renameSync(dbFile + suffix, aside + suffix);
  }
  // Created owner-only before SQLite writes into it.
  fs.writeFileSync(dbFile, '', ownerOnly);
  const source = new Database(backup, { readonly: true });
  try {
    await source.backup(dbFile);
  } finally {
    source.close();
  }
  tighten(dbFile);
  return aside;
}
