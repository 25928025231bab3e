// `livecart products import FILE` and `livecart products export [--out FILE]`: the same jobs the UI runs.
import fs from 'node:fs';
import path from 'node:path';
import { exportProductsCsv } from '../catalog/product-export.ts';
import { importProductsCsv } from '../catalog/product-import.ts';
import { StudioError } from '../protocol/errors.ts';
import { messageFor, type Locale } from '../protocol/messages.ts';
import { openStudio } from '../studio.ts';
import { ownerOnly } from '../system/data-folder.ts';
import { EXIT_FAILED, EXIT_OK } from './args.ts';
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
      importProductsCsv(studio.catalog, bytes, progress, {
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
): Promise<number> {
  const studio = await openStudio({ dataDir, exclusive: false });
  try {
    const outcome = await withConsoleProgress(locale, (progress) =>
      exportProductsCsv(studio.catalog, { archived, locale }, progress),
    );
    if (!outcome.file || !('bytes' in outcome.file)) return EXIT_FAILED;
    if (out) {
      // Owner-only, like everything the studio writes (a new file; an existing one keeps its mode).
      fs.writeFileSync(out, outcome.file.bytes, ownerOnly);
      console.error(
        locale === 'zh-CN'
          ? `已导出 ${outcome.summary.rows} 个商品到 ${out}`
          : `Exported ${outcome.summary.rows} products to ${out}`,
      );
    } else {
      process.stdout.write(outcome.file.bytes);
    }
    return EXIT_OK;
  } finally {
    await studio.close();
  }
}
