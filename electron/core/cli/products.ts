// `livecart products import FILE` and `livecart products export [--out FILE]`: the same jobs the UI runs.
import fs from 'node:fs';
import path from 'node:path';
import { exportProducts } from '../catalog/product-export.ts';
import { importProducts } from '../catalog/product-import.ts';
import { StudioError } from '../protocol/errors.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { openStudio } from '../studio.ts';
import type { ExportFormat } from '../protocol/jobs-schemas.ts';
import { OWNER_FILE_MODE } from '../system/data-folder.ts';
import { EXIT_FAILED, EXIT_OK, say } from './args.ts';
import { formatIssue, withConsoleProgress } from './console-progress.ts';

export async function importCommand(file: string, dataDir: string, locale: Locale): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    console.error(locale === 'zh-CN' ? `无法读取文件：${file}` : `Cannot read the file: ${file}`);
    return EXIT_FAILED;
  }
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    const outcome = await withConsoleProgress(locale, (progress) =>
      importProducts(studio.catalog, bytes, progress, {
        pictures: { kind: 'files', baseDir: path.dirname(path.resolve(file)) },
      }),
    );
    for (const warning of outcome.warnings ?? []) console.error(formatIssue(warning, locale));
    const { created, updated } = outcome.summary;
    console.log(
      locale === 'zh-CN'
        ? `已导入：新增 ${created} 个，更新 ${updated} 个商品`
        : `Imported: ${created} created, ${updated} updated`,
    );
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    const issues = error.issues ?? [];
    console.error(messageFor(error.code, locale, { count: issues.length }));
    for (const issue of issues) console.error(`  ${formatIssue(issue, locale)}`);
    return EXIT_FAILED;
  } finally {
    await studio.close();
  }
}

export async function exportCommand(
  out: string | undefined,
  dataDir: string,
  locale: Locale,
  archived: boolean,
  format: ExportFormat,
): Promise<number> {
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    // Owner-only, like everything the studio writes (a new file; an existing one keeps its mode).
    const dest = out ? fs.createWriteStream(out, { mode: OWNER_FILE_MODE }) : process.stdout;
    let rows: number;
    try {
      ({ rows } = await withConsoleProgress(locale, (progress) =>
        exportProducts(studio.catalog, { archived, locale, format }, dest, progress, { end: out !== undefined }),
      ));
    } catch (error) {
      if (out) fs.rmSync(out, { force: true });
      throw error;
    }
    if (out) console.error(say(locale, `已导出 ${rows} 个商品到 ${out}`, `Exported ${rows} products to ${out}`));
    return EXIT_OK;
  } finally {
    await studio.close();
  }
}
