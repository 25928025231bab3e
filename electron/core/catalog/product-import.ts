// Bulk CSV import of the product library, run as a job. All or nothing: every row is checked first (cells,
// images, the catalogue as it is), then every product is written in one transaction. The transaction spans
// many event-loop turns while the write gate is held, so other clients are still answered during a big import.
import fs from 'node:fs';
import path from 'node:path';
import { decodeCsvBytes } from '../csv/decode.ts';
import { CsvSyntaxError, parseCsv } from '../csv/parse.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import type { Product, ProductInput } from '../protocol/catalog-schemas.ts';
import type { CatalogService } from './catalog-service.ts';
import { ProductCsvMapper, type ProductCsvColumn, type ProductRow } from './product-csv.ts';
import { productFields, type RuleContext } from './product-rules.ts';
import { sameFields, type ProductFields } from './product-store.ts';

const YIELD_EVERY = 2000;

export interface ImportOptions {
  /** Relative image paths in the file are resolved against this folder (the CSV's own, from the CLI). */
  baseDir?: string;
}

type ColumnName = (key: ProductCsvColumn) => string | undefined;

interface CheckedFile {
  rows: ProductRow[];
  issues: Issue[];
  warnings: Issue[];
  columnName: ColumnName;
}

const invalid = (issues: Issue[]) =>
  new StudioError('import_invalid', `${issues.length} problem(s) in the file`, { issues });

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

async function checkCells(text: string, progress: Progress): Promise<CheckedFile> {
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
  return { ...mapper.finish(), columnName: (key) => mapper.columnName(key) };
}

async function copyImages(catalog: CatalogService, file: CheckedFile, options: ImportOptions, progress: Progress) {
  const withImages = file.rows.filter((r) => r.imagePath);
  const imageColumn = file.columnName('image') ?? 'image';
  const imageIds = new Map<number, string>();
  const issues: Issue[] = [];
  let done = 0;
  for (const row of withImages) {
    progress('phase_images', done++, withImages.length);
    const given = row.imagePath!;
    const source = path.isAbsolute(given) || !options.baseDir ? given : path.resolve(options.baseDir, given);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(source);
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

function rowInput(row: ProductRow, imageId: string | undefined): Partial<ProductInput> {
  return {
    title: row.title,
    priceFen: row.priceFen,
    originalPriceFen: row.originalPriceFen,
    sku: row.sku,
    link: row.link,
    ...(row.stock !== null && { stock: row.stock }),
    ...(row.sellingPoints !== null && { sellingPoints: row.sellingPoints }),
    ...(imageId !== undefined && { imageId }),
  };
}

interface Step {
  existing: Product | undefined;
  fields: ProductFields;
}

/** Checks every row against the catalogue as it is now (the gate keeps it so until the write is done). */
async function plan(catalog: CatalogService, file: CheckedFile, imageIds: Map<number, string>, progress: Progress) {
  const { store } = catalog;
  const ownRef = new RegExp(`^${catalog.studioId()}-(\\d+)$`);
  const steps: Step[] = [];
  const issues: Issue[] = [];
  for (const [i, row] of file.rows.entries()) {
    // The product a row names: this studio's own exported ref first (products without a SKU), then its SKU.
    const ref = row.ref ? ownRef.exec(row.ref) : null;
    const bySku = row.sku === null ? undefined : store.getBySku(row.sku);
    const existing = (ref ? store.get(Number(ref[1])) : undefined) ?? bySku;
    const rules: RuleContext = {
      ...catalog.rules,
      // The SKU was just looked up: reuse the answer instead of asking SQLite twice per row.
      skuOwner: (sku) => (sku === row.sku ? bySku?.id : catalog.rules.skuOwner(sku)),
    };
    try {
      steps.push({ existing, fields: productFields(rowInput(row, imageIds.get(row.line)), rules, existing) });
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      for (const issue of error.issues ?? []) {
        const column = file.columnName(FIELD_COLUMN[issue.path] ?? 'title') ?? issue.path;
        issues.push({ ...issue, path: column, line: row.line });
      }
    }
    if ((i + 1) % YIELD_EVERY === 0) {
      progress('phase_checking', i + 1, file.rows.length);
      await progress.yield();
    }
  }
  return { steps, issues };
}

async function write(catalog: CatalogService, steps: Step[], progress: Progress) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const now = Date.now();
  await catalog.bulkTransaction(async () => {
    for (const [i, { existing, fields }] of steps.entries()) {
      if (!existing) {
        catalog.store.insertQuiet(fields, now);
        counts.created++;
      } else if (sameFields(existing, fields)) {
        counts.unchanged++; // export → import of the same file changes nothing, not even versions
      } else {
        catalog.store.update(existing.id, existing.version, fields, now);
        counts.updated++;
      }
      if ((i + 1) % YIELD_EVERY === 0) {
        progress('phase_writing', i + 1, steps.length);
        await progress.yield();
      }
    }
  });
  return counts;
}

export async function importProductsCsv(
  catalog: CatalogService,
  bytes: Uint8Array,
  progress: Progress,
  options: ImportOptions = {},
): Promise<JobOutcome> {
  progress('phase_reading', 0, bytes.byteLength);
  const { text, encoding } = decodeCsvBytes(bytes);
  const file = await checkCells(text, progress);
  if (file.issues.length > 0) throw invalid(file.issues);
  const images = await copyImages(catalog, file, options, progress);
  if (images.issues.length > 0) throw invalid(images.issues);

  const counts = await catalog.gate.hold(async () => {
    const { steps, issues } = await plan(catalog, file, images.imageIds, progress);
    if (issues.length > 0) throw invalid(issues);
    progress('phase_writing', 0, steps.length);
    return write(catalog, steps, progress);
  });
  if (counts.created + counts.updated > 0) catalog.publishBulk({ created: counts.created, updated: counts.updated });
  return { summary: { ...counts, rows: file.rows.length, encoding }, warnings: file.warnings };
}
