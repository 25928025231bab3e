// `livecart restore [FILE]`: puts a backup (the latest by default) in place of a damaged database. The damaged file
// is kept beside it; nothing happens while a studio or another command has the folder open.
import fs from 'node:fs';
import path from 'node:path';
import { checkDatabaseFile, latestBackup, restoreBackup } from '../db/restore.ts';
import type { Locale } from '../protocol/messages.ts';
import { DB_FILE } from '../db/connection.ts';
import { EXIT_FAILED, EXIT_OK } from './args.ts';

export async function restoreCommand(file: string | undefined, dataDir: string, locale: Locale): Promise<number> {
  const zh = locale === 'zh-CN';
  const backup = file ? path.resolve(file) : latestBackup(dataDir);
  if (!backup || !fs.existsSync(backup)) {
    console.error(
      zh
        ? `没有可用的备份${file ? `：${file}` : `（${path.join(dataDir, 'backups')} 是空的）`}`
        : `No backup to restore${file ? `: ${file}` : ` (${path.join(dataDir, 'backups')} is empty)`}`,
    );
    return EXIT_FAILED;
  }
  // Throws StudioRunningError or FolderBusyError (reported by the CLI) while a studio or a command has the folder.
  const dbFile = path.join(dataDir, DB_FILE);
  const aside = await restoreBackup(dbFile, backup);
  const check = checkDatabaseFile(dbFile);
  console.log(
    zh
      ? `已用备份 ${backup} 恢复数据库（检查：${check}）。损坏的文件保留在 ${aside}`
      : `Restored the database from ${backup} (check: ${check}). The damaged file was kept as ${aside}`,
  );
  return check === 'ok' ? EXIT_OK : EXIT_FAILED;
}
