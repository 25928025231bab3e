// Bulk CSV import of the product library, run as a job. All or nothing: every row is checked first (cells,
// pictures, the catalogue as it is), then every product is written in one transaction. The transaction spans
// many event-loop turns while the write gate is held, so other clients are still answered during a big import.
//
// A row exported from this studio carries what its product was then (stock, edit version). What changed in the
// studio since is kept rather than overwritten — stock that sold meanwhile above all — and said per line.
import { decodeCsvBytes } from '../csv/decode.ts';
import { CsvSyntaxError, parseCsv } from '../csv/parse.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { IssueList, StudioError, type Issue } from '../protocol/errors.ts';
import type { Product, ProductInput } from '../protocol/catalog-schemas.ts';
import type { CatalogService } from './catalog-service.ts';
import { pictureResolver, type PictureSource } from './import-pictures.ts';
import { ProductCsvMapper, type ProductCsvColumn, type ProductCsvResult, type ProductRow } from './product-csv.ts';
import { productFields, type RuleContext } from './product-rules.ts';
import { sameFields, type ProductFields } from './product-store.ts';

const YIELD_EVERY = 2000;

export interface ImportOptions {
  /** Where the 图片 column's pictures come from; none means a cell naming a picture is refused. */
  pictures?: PictureSource;
}

type ColumnName = (key: ProductCsvColumn) => string | undefined;

interface CheckedFile extends ProductCsvResult {
  columnName: ColumnName;
}

const invalid = (issues: IssueList) => issues.error('import_invalid', `${issues.length} problem(s) in the file`);

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

async function findPictures(catalog: CatalogService, file: CheckedFile, options: ImportOptions, progress: Progress) {
  const withImages = file.rows.filter((r) => r.imagePath);
  const imageColumn = file.columnName('image') ?? 'image';
  const imageIds = new Map<number, string>();
  const issues = new IssueList();
  const resolve = options.pictures ? pictureResolver(options.pictures, catalog.images) : null;
  let done = 0;
  for (const row of withImages) {
    progress('phase_images', done++, withImages.length);
    const answer = resolve
      ? await resolve(row.imagePath!)
      : { issue: { code: 'image_not_picked', params: { path: row.imagePath! } } };
    if ('imageId' in answer) imageIds.set(row.line, answer.imageId);
    else issues.push({ ...answer.issue, path: imageColumn, line: row.line });
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

// What a person edits, as the file's columns and the product's fields.
const EDITED: ReadonlyArray<[ProductCsvColumn, keyof ProductInput & keyof Product]> = [
  ['title', 'title'],
  ['price', 'priceFen'],
  ['originalPrice', 'originalPriceFen'],
  ['sku', 'sku'],
  ['link', 'link'],
  ['sellingPoints', 'sellingPoints'],
  ['image', 'imageId'],
];

/**
 * The row's input with whatever changed in the studio since the export put back to what the studio has, and an
 * issue (a warning: nothing is refused) for each thing kept.
 */
function keepNewer(
  row: ProductRow,
  input: Partial<ProductInput>,
  existing: Product,
  editVersion: number,
  exportedHere: boolean,
  column: ColumnName,
): { input: Partial<ProductInput>; kept: Issue[] } {
  // Only this studio's own export says what the product was then; another file states what the seller wants.
  if (!exportedHere) return { input, kept: [] };
  const kept: Issue[] = [];
  const merged = { ...input };
  const at = (key: ProductCsvColumn) => column(key) ?? key;
  // Stock: the file's number is what it was at the export unless the seller typed another. Sales since then must
  // not be undone: a number nobody typed is no change, and one typed over a stock that moved is not applied (an
  // export from before the file said its stock is treated as moved: it cannot tell).
  const base = row.stockAtExport;
  if (input.stock !== undefined && input.stock !== existing.stock && (base === null || existing.stock !== base)) {
    merged.stock = existing.stock;
    const typed = base === null || input.stock !== base;
    const code = base === null ? 'import_kept_stock_unknown' : typed ? 'import_kept_stock' : 'import_stock_moved';
    const params = { file: input.stock, current: existing.stock, ...(base !== null && { base }) };
    kept.push({ path: at('stock'), code, line: row.line, params });
  }
  // Everything else: a product edited in the studio after the export keeps those edits wherever the file differs.
  if (row.editVersion !== null && editVersion > row.editVersion) {
    for (const [key, field] of EDITED) {
      if (input[field] === undefined || input[field] === existing[field]) continue;
      (merged as Record<string, unknown>)[field] = existing[field];
      kept.push({ path: at(key), code: 'import_kept_edited', line: row.line });
    }
  }
  return { input: merged, kept };
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
  const issues = new IssueList();
  const kept = new IssueList();
  const keptLines = new Set<number>();
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
    let input = rowInput(row, imageIds.get(row.line));
    if (existing) {
      const editVersion = store.editVersionOf(existing.id) ?? 1;
      const merged = keepNewer(row, input, existing, editVersion, ref !== null, file.columnName);
      input = merged.input;
      if (merged.kept.length > 0) keptLines.add(row.line);
      kept.push(...merged.kept);
    }
    try {
      steps.push({ existing, fields: productFields(input, rules, existing) });
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
  return { steps, issues, kept, keptRows: keptLines.size };
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
  if (file.issuesTotal > 0) {
    const issues = new IssueList();
    issues.push(...file.issues);
    throw new StudioError('import_invalid', `${file.issuesTotal} problem(s) in the file`, {
      issues: issues.items,
      issuesTotal: file.issuesTotal,
    });
  }
  const pictures = await findPictures(catalog, file, options, progress);
  if (pictures.issues.length > 0) throw invalid(pictures.issues);

  const outcome = await catalog.gate.hold(async () => {
    const planned = await plan(catalog, file, pictures.imageIds, progress);
    if (planned.issues.length > 0) throw invalid(planned.issues);
    progress('phase_writing', 0, planned.steps.length);
    return { counts: await write(catalog, planned.steps, progress), kept: planned.kept, keptRows: planned.keptRows };
  });
  const { counts } = outcome;
  if (counts.created + counts.updated > 0) catalog.publishBulk({ created: counts.created, updated: counts.updated });
  const warnings = new IssueList();
  warnings.push(...file.warnings, ...outcome.kept.items);
  return {
    summary: { ...counts, kept: outcome.keptRows, rows: file.rows.length, encoding },
    warnings: warnings.items,
    warningsTotal: file.warningsTotal + outcome.kept.length,
  };
}
