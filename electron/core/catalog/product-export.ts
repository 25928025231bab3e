// The product library's export, run as a job: CSV (UTF-8 with a BOM for Excel, user text defused) or an .xlsx
// workbook with typed cells, written to a stream as it goes.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CSV_BOM, csvRow } from '../csv/write.ts';
import { XlsxTableWriter } from '../csv/xlsx-write.ts';
import { exportFileName } from '../csv/export-file.ts';
import { memorySink } from '../csv/memory-sink.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import type { ExportFormat } from '../protocol/jobs-schemas.ts';
import type { Locale } from '../protocol/messages.ts';
import type { CatalogService } from './catalog-service.ts';
import { productCsvHeader, productCsvLines, productTableColumns, productExportRows } from './product-csv.ts';

const BATCH = 2000;

export interface ProductExportOptions {
  archived: boolean;
  locale: Locale;
  format: ExportFormat;
}

/** Writes CSV text to `dest`, waiting when it asks to (a big library does not pile up in memory). */
async function write(dest: Writable, text: string): Promise<void> {
  if (!dest.write(text)) await once(dest, 'drain');
}

/** The library (with or without archived products) to `dest`; `end: false` leaves it open (stdout). */
export async function exportProducts(
  catalog: CatalogService,
  options: ProductExportOptions,
  dest: Writable,
  progress: Progress,
  { end = true }: { end?: boolean } = {},
): Promise<{ rows: number }> {
  const total = catalog.store.count(options.archived);
  const imageName = (id: string) => catalog.images.fileNameOf(id);
  const studioId = catalog.studioId();
  const sheetName = options.locale === 'zh-CN' ? '商品' : 'Products';
  const columns = productTableColumns(options.locale);
  const xlsx = options.format === 'xlsx' ? new XlsxTableWriter(dest, columns, sheetName, { end }) : null;
  if (!xlsx) await write(dest, CSV_BOM + csvRow(productCsvHeader(options.locale)));
  let batch = '';
  let rows = 0;
  try {
    for (const { product, editVersion } of catalog.store.iterateWithEditVersion(options.archived)) {
      const from = { ref: `${studioId}-${product.id}`, editVersion };
      if (xlsx) for (const cells of productExportRows(product, imageName, from)) xlsx.add(cells);
      else batch += productCsvLines(product, imageName, from);
      if (++rows % BATCH === 0) {
        if (xlsx) await xlsx.drained();
        else await write(dest, batch);
        batch = '';
        progress('phase_exporting', rows, total);
        await progress.yield();
      }
    }
  } catch (error) {
    xlsx?.abort(error as Error);
    throw error;
  }
  if (xlsx) await xlsx.finish();
  else {
    await write(dest, batch);
    if (end) {
      dest.end();
      await finished(dest);
    }
  }
  return { rows };
}

/** The export as a job's outcome, its file kept in memory until fetched: a library is megabytes at most. */
export async function exportProductsFile(
  catalog: CatalogService,
  options: ProductExportOptions,
  progress: Progress,
): Promise<JobOutcome> {
  const sink = memorySink();
  const { rows } = await exportProducts(catalog, options, sink.stream, progress);
  return { summary: { rows }, file: { ...exportFileName('products', options.format), bytes: sink.bytes() } };
}
