// Backups use SQLite's online backup API: a raw copy of a WAL database can miss committed pages.
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir, ownerOnly, tighten } from '../system/data-folder.ts';
import type { Db } from './connection.ts';
import { BACKUPS_DIR } from './restore.ts';

export async function backupDatabase(db: Db, dataDir: string, now = new Date()): Promise<string> {
  const dir = path.join(dataDir, BACKUPS_DIR);
  makePrivateDir(dir);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `livecart-${stamp}.db`);
  // A copy of every buyer's details: owner-only before a byte is written.
  fs.writeFileSync(file, '', ownerOnly);
  await db.backup(file);
  tighten(file);
  return file;
}
