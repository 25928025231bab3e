// Backups use SQLite's online backup API: a raw copy of a WAL database can miss committed pages.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './connection.ts';

export async function backupDatabase(db: Db, dataDir: string, now = new Date()): Promise<string> {
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `livecart-${stamp}.db`);
  await db.backup(file);
  return file;
}
