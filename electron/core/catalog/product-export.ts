// CSV export of the product library, run as a job: UTF-8 with a BOM for Excel, user text defused.
import { CSV_BOM, csvRow } from '../csv/write.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import type { Locale } from '../protocol/messages.ts';
import type { CatalogService } from './catalog-service.ts';
import { productCsvHeader, productCsvLines } from './product-csv.ts';

const BATCH = 2000;

export async function exportProductsCsv(
  catalog: CatalogService,
  options: { archived: boolean; locale: Locale },
  progress: Progress,
): Promise<JobOutcome> {
  const total = catalog.store.count(options.archived);
  // Each batch becomes bytes at once: holding 100,000 rows as JS strings until the end cost 3× the file size.
  const chunks: Buffer[] = [Buffer.from(CSV_BOM + csvRow(productCsvHeader(options.locale)))];
  const imageName = (id: string) => catalog.images.fileNameOf(id);
  const studioId = catalog.studioId();
  let batch = '';
  let rows = 0;
  for (const { product, editVersion } of catalog.store.iterateWithEditVersion(options.archived)) {
    batch += productCsvLines(product, imageName, { ref: `${studioId}-${product.id}`, editVersion });
    if (++rows % BATCH === 0) {
      chunks.push(Buffer.from(batch));
      batch = '';
      progress('phase_exporting', rows, total);
      await progress.yield();
    }
  }
  chunks.push(Buffer.from(batch));
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    summary: { rows },
    file: { fileName: `products-${stamp}.csv`, mime: 'text/csv;charset=utf-8', bytes: Buffer.concat(chunks) },
  };
}
