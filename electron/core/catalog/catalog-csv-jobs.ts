// Bulk CSV import and export of the product library, run as jobs. Import is all or nothing: every row is
// checked first (cells, images), then every product is written in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import { decodeCsvBytes } from '../csv/decode.ts';
import { CsvSyntaxError, parseCsv } from '../csv/parse.ts';
import { CSV_BOM, csvRow } from '../csv/write.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import type { Locale } from '../protocol/messages.ts';
import type { Product, ProductInput } from '../protocol/catalog-schemas.ts';
import type { CatalogService } from './catalog-service.ts';
import {
  ProductCsvMapper,
  productCsvHeader,
  productCsvLine,
  type ProductCsvColumn,
  type ProductRow,
} from './product-csv.ts';
import { productFields } from './product-rules.ts';
import { sameFields } from './product-store.ts';

const YIELD_EVERY = 2000;

export interface ImportOptions {
  /** Relative image paths in the file are resolved against this folder (the CSV's own, from the CLI). */
  baseDir?: string;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface CheckedFile {
  rows: ProductRow[];
  issues: Issue[];
  warnings: Issue[];
  imageColumn: string;
  columnName: (key: ProductCsvColumn) => string | undefined;
}

async function checkRows(text: string, progress: Progress): Promise<CheckedFile> {
  const mapper = new ProductCsvMapper();
  const totalLines = countLines(text);
  let seen = 0;
  try {
    for (const record of parseCsv(text)) {
      mapper.push(record);
      if (++seen % YIELD_EVERY === 0) {
        progress('phase_checking', record.line, totalLines);
        await progress.yield();
      }
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    mapper.syntaxError(error);
  }
  return {
    ...mapper.finish(),
    imageColumn: mapper.columnName('image') ?? 'image',
    columnName: (key) => mapper.columnName(key),
  };
}

async function copyImages(
  catalog: CatalogService,
  rows: ProductRow[],
  imageColumn: string,
  options: ImportOptions,
  progress: Progress,
): Promise<{ imageIds: Map<number, string>; issues: Issue[] }> {
  const withImages = rows.filter((r) => r.imagePath);
  const imageIds = new Map<number, string>();
  const issues: Issue[] = [];
  let done = 0;
  for (const row of withImages) {
    progress('phase_images', done++, withImages.length);
    const given = row.imagePath!;
    const file = path.isAbsolute(given) || !options.baseDir ? given : path.resolve(options.baseDir, given);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      issues.push({ path: imageColumn, code: 'image_missing', line: row.line, params: { path: given } });
      continue;
    }
    try {
      imageIds.set(row.line, await catalog.images.save(bytes));
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      for (const issue of error.issues ?? []) issues.push({ ...issue, path: imageColumn, line: row.line });
    }
  }
  return { imageIds, issues };
}

export async function importProductsCsv(
  catalog: CatalogService,
  bytes: Uint8Array,
  progress: Progress,
  options: ImportOptions = {},
): Promise<JobOutcome> {
  progress('phase_reading', 0, bytes.byteLength);
  const { text, encoding } = decodeCsvBytes(bytes);
  const checked = await checkRows(text, progress);
  if (checked.issues.length > 0) {
    throw new StudioError('import_invalid', `${checked.issues.length} problem(s) in the file`, {
      issues: checked.issues,
    });
  }
  const { imageIds, issues } = await copyImages(catalog, checked.rows, checked.imageColumn, options, progress);
  if (issues.length > 0) throw new StudioError('import_invalid', `${issues.length} problem(s) in the file`, { issues });

  progress('phase_writing', 0, checked.rows.length);
  await progress.yield();
  const { created, updated, unchanged } = writeRows(catalog, checked.rows, imageIds, checked.columnName);
  if (created + updated > 0) catalog.publishBulk({ created, updated });
  return { summary: { created, updated, unchanged, rows: checked.rows.length, encoding }, warnings: checked.warnings };
}

// Where a rule's field shows up in the file, so its issue can name the column the seller sees.
const FIELD_COLUMN: Record<string, ProductCsvColumn> = {
  title: 'title',
  priceFen: 'price',
  originalPriceFen: 'originalPrice',
  stock: 'stock',
  sku: 'sku',
  link: 'link',
  imageId: 'image',
};

/** The product a row names: its own exported ref first (products without a SKU), then its SKU. */
function existingFor(catalog: CatalogService, row: ProductRow, studioId: string): Product | undefined {
  const own = row.ref ? new RegExp(`^${studioId}-(\\d+)$`).exec(row.ref) : null;
  const byRef = own ? catalog.store.get(Number(own[1])) : undefined;
  if (byRef) return byRef;
  return row.sku === null ? undefined : catalog.store.getBySku(row.sku);
}

/**
 * One transaction: every row is checked against the catalogue as it is (a SKU used by another product, …);
 * any problem rolls every row back and is reported by line and column.
 */
function writeRows(
  catalog: CatalogService,
  rows: ProductRow[],
  imageIds: Map<number, string>,
  columnName: (key: ProductCsvColumn) => string | undefined,
) {
  const { store, rules } = catalog;
  const studioId = catalog.studioId();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const issues: Issue[] = [];
  const now = Date.now();
  catalog.transaction(() => {
    for (const row of rows) {
      const input: Partial<ProductInput> = {
        title: row.title,
        priceFen: row.priceFen,
        originalPriceFen: row.originalPriceFen,
        sku: row.sku,
        link: row.link,
        ...(row.stock !== null && { stock: row.stock }),
        ...(row.sellingPoints !== null && { sellingPoints: row.sellingPoints }),
        ...(imageIds.has(row.line) && { imageId: imageIds.get(row.line)! }),
      };
      const existing = existingFor(catalog, row, studioId);
      let fields;
      try {
        fields = productFields(input, rules, existing);
      } catch (error) {
        if (!(error instanceof StudioError)) throw error;
        for (const issue of error.issues ?? []) {
          const column = columnName(FIELD_COLUMN[issue.path] ?? 'title') ?? issue.path;
          issues.push({ ...issue, path: column, line: row.line });
        }
        continue;
      }
      if (!existing) {
        store.insert(fields, now);
        counts.created++;
      } else if (sameFields(existing, fields)) {
        counts.unchanged++; // export → import of the same file changes nothing, not even versions
      } else {
        store.update(existing.id, existing.version, fields, now);
        counts.updated++;
      }
    }
    // Throwing inside the transaction rolls back every row written above.
    if (issues.length > 0)
      throw new StudioError('import_invalid', `${issues.length} problem(s) in the file`, { issues });
  });
  return counts;
}

export async function exportProductsCsv(
  catalog: CatalogService,
  options: { archived: boolean; locale: Locale },
  progress: Progress,
): Promise<JobOutcome> {
  const total = catalog.store.count(options.archived);
  const parts: string[] = [CSV_BOM + csvRow(productCsvHeader(options.locale))];
  const imagePath = (id: string) => catalog.images.pathOf(id);
  const studioId = catalog.studioId();
  let rows = 0;
  for (const product of catalog.store.iterate(options.archived)) {
    parts.push(productCsvLine(product, imagePath, `${studioId}-${product.id}`));
    if (++rows % YIELD_EVERY === 0) {
      progress('phase_exporting', rows, total);
      await progress.yield();
    }
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    summary: { rows },
    file: { fileName: `products-${stamp}.csv`, mime: 'text/csv;charset=utf-8', bytes: Buffer.from(parts.join('')) },
  };
}
