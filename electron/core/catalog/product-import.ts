// Bulk import of the product library from a CSV or .xlsx file, run as a job. All or nothing: every row is checked first (cells,
// pictures, the catalogue as it is), then every product is written in one transaction. The transaction spans
// many event-loop turns while the writer is held, so other clients are still answered during a big import.
//
// A row exported from this studio carries what its product was then (stock, edit version). What changed in the
// studio since is kept rather than overwritten — stock that sold meanwhile above all — and said per line.
import { CsvSyntaxError } from '../csv/parse.ts';
import { openSheet, type SheetRecords } from '../csv/sheet.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { IssueList, StudioError, type Issue } from '../protocol/errors.ts';
import type { Product, ProductInput, Sku, SkuInput } from '../protocol/catalog-schemas.ts';
import type { CatalogService } from './catalog-service.ts';
import { pictureResolver, type PictureSource } from './import-pictures.ts';
import { groupRows, type RowGroup } from './product-groups.ts';
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

async function checkCells(sheet: SheetRecords, progress: Progress): Promise<CheckedFile> {
  const mapper = new ProductCsvMapper();
  let seen = 0;
  try {
    for (const record of sheet.records) {
      mapper.push(record);
      if (++seen % YIELD_EVERY === 0) {
        progress('phase_checking', record.line, sheet.lines);
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
const FIELD_COLUMN = new Map<string, ProductCsvColumn>([
  ['title', 'title'],
  ['priceFen', 'price'],
  ['originalPriceFen', 'originalPrice'],
  ['stock', 'stock'],
  ['sku', 'sku'],
  ['code', 'sku'], // a 规格's 商品编码
  ['spec', 'spec'],
  ['id', 'spec'],
  ['skus', 'spec'],
  ['link', 'link'],
  ['imageId', 'image'],
]);

/** A rule's issue as the row and column it came from: `skus.2.priceFen` is the third 规格 row's 价格. */
function issueAt(issue: Issue, group: RowGroup, column: ColumnName): Issue {
  const each = /^skus\.(\d+)\.(\w+)$/.exec(issue.path);
  const row = (each && group[Number(each[1])]) || group[0];
  const key = FIELD_COLUMN.get(each ? each[2]! : issue.path) ?? 'title';
  return { ...issue, path: column(key) ?? key, line: row.line };
}

/**
 * What changed in the studio since the export, put back over the file's cells, with an issue (a warning: nothing
 * is refused) for each thing kept. Only this studio's own export says what the product was then; another file
 * states what the seller wants, and nothing is kept from it.
 */
class SinceExport {
  readonly kept: Issue[] = [];
  private readonly exportedHere: boolean;
  /** The product was edited in the studio after the file was exported. */
  private readonly editedSince: boolean;
  private readonly column: ColumnName;

  constructor(exportedHere: boolean, editedSince: boolean, column: ColumnName) {
    this.exportedHere = exportedHere;
    this.editedSince = editedSince;
    this.column = column;
  }

  /**
   * Stock: the file's number is what it was at the export unless the seller typed another. Sales since then must
   * not be undone: a number nobody typed is no change, and one typed over a stock that moved is not applied (an
   * export from before the file said its stock is treated as moved: it cannot tell).
   */
  stock(row: ProductRow, file: number, current: number): number {
    const base = row.stockAtExport;
    if (!this.exportedHere || file === current || (base !== null && current === base)) return file;
    const typed = base === null || file !== base;
    const code = base === null ? 'import_kept_stock_unknown' : typed ? 'import_kept_stock' : 'import_stock_moved';
    const params = { file, current, ...(base !== null && { base }) };
    this.kept.push({ path: this.at('stock'), code, line: row.line, params });
    return current;
  }

  /** Anything a person edits: a product edited after the export keeps those edits wherever the file differs. */
  edited<T>(row: ProductRow, key: ProductCsvColumn, file: T, current: T): T {
    if (!this.exportedHere || !this.editedSince || file === current) return file;
    this.kept.push({ path: this.at(key), code: 'import_kept_edited', line: row.line });
    return current;
  }

  private at(key: ProductCsvColumn): string {
    return this.column(key) ?? key;
  }
}

/** A product without 规格 in the file (one row, no 规格 cell): its own fields, the product's one SKU among them. */
function flatInput(row: ProductRow, imageId: string | undefined, existing: Product | undefined, since: SinceExport) {
  const input: Partial<ProductInput> = {
    title: row.title,
    priceFen: row.priceFen,
    originalPriceFen: row.originalPriceFen,
    sku: row.sku,
    link: row.link,
    ...(row.stock !== null && { stock: row.stock }),
    ...(row.sellingPoints !== null && { sellingPoints: row.sellingPoints }),
    ...(imageId !== undefined && { imageId }),
  };
  if (!existing) return input;
  if (input.stock !== undefined) input.stock = since.stock(row, input.stock, existing.stock);
  for (const [key, field] of EDITED) {
    if (input[field] !== undefined)
      (input as Record<string, unknown>)[field] = since.edited(row, key, input[field], existing[field]);
  }
  return input;
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

type CodeOwners = Map<string, { sku: Sku; productId: number } | undefined>;

/**
 * A product with 规格: a row per 规格. Each row is the live SKU with its 商品编码, else the one with its 规格 name,
 * else (a product that had none) the product's one unnamed SKU; the rest are new. Live 规格 the file leaves out are
 * kept as they are: a sheet of some 规格 retires nothing (the editor does).
 */
function skuInput(
  group: RowGroup,
  imageId: string | undefined,
  existing: Product | undefined,
  owners: CodeOwners,
  since: SinceExport,
): Partial<ProductInput> {
  const first = group[0];
  const live = existing?.skus ?? [];
  const taken = new Set<number>();
  const take = (sku: Sku | undefined) => {
    if (sku === undefined || taken.has(sku.id)) return undefined;
    taken.add(sku.id);
    return sku;
  };
  const matches = group.map((row) => {
    const owner = row.sku === null ? undefined : owners.get(row.sku);
    const byCode = owner?.productId === existing?.id ? live.find((s) => s.id === owner?.sku.id) : undefined;
    return take(byCode) ?? take(live.find((s) => s.spec === row.spec));
  });
  const unnamed = live.length === 1 && live[0]!.spec === '' ? live[0] : undefined;
  const firstNew = matches.indexOf(undefined);
  if (firstNew !== -1) matches[firstNew] = take(unnamed);

  const skus: SkuInput[] = group.map((row, i) => {
    const was = matches[i];
    if (!was)
      return {
        spec: row.spec,
        priceFen: row.priceFen,
        originalPriceFen: row.originalPriceFen,
        stock: row.stock ?? 0,
        code: row.sku,
      };
    return {
      id: was.id,
      spec: row.spec,
      priceFen: since.edited(row, 'price', row.priceFen, was.priceFen),
      originalPriceFen: since.edited(row, 'originalPrice', row.originalPriceFen, was.originalPriceFen),
      stock: row.stock === null ? was.stock : since.stock(row, row.stock, was.stock),
      code: since.edited(row, 'sku', row.sku, was.code),
    };
  });
  for (const s of live) if (!taken.has(s.id)) skus.push({ ...s });

  const own = <T>(key: ProductCsvColumn, file: T, current: T | undefined) =>
    current === undefined ? file : since.edited(first, key, file, current);
  const sellingPoints = group.find((r) => r.sellingPoints !== null)?.sellingPoints;
  const link = group.find((r) => r.link !== null)?.link ?? null;
  return {
    title: own('title', first.title, existing?.title),
    link: own('link', link, existing?.link),
    skus,
    ...(sellingPoints != null && { sellingPoints: own('sellingPoints', sellingPoints, existing?.sellingPoints) }),
    ...(imageId !== undefined && { imageId: own('image', imageId, existing?.imageId) }),
  };
}

interface Step {
  existing: Product | undefined;
  fields: ProductFields;
}

/** Checks every product against the catalogue as it is now (the held writer keeps it so until the write is done). */
async function plan(catalog: CatalogService, file: CheckedFile, imageIds: Map<number, string>, progress: Progress) {
  const { store } = catalog;
  const ownRef = new RegExp(`^${catalog.studioId()}-(\\d+)$`);
  const steps: Step[] = [];
  const { groups, issues } = groupRows(file.rows, file.columnName);
  const kept = new IssueList();
  const keptLines = new Set<number>();
  // Every code in the file, looked up once (a code appears on one row only: the mapper refuses repeats).
  const owners: CodeOwners = new Map();
  const rules: RuleContext = {
    ...catalog.rules,
    skuOwner: (sku) => (owners.has(sku) ? owners.get(sku)?.productId : catalog.rules.skuOwner(sku)),
  };
  const noneKept = new SinceExport(false, false, file.columnName);
  const planned = new Map<number, number>();
  let checked = 0;
  for (const group of groups) {
    const first = group[0];
    // The product a group names: this studio's own exported ref first (products without a code), then a code.
    const ref = first.ref ? ownRef.exec(first.ref) : null;
    let byCode: number | undefined;
    for (const row of group) {
      if (row.sku === null) continue;
      const owner = store.skus.withCode(row.sku);
      owners.set(row.sku, owner);
      byCode ??= owner?.productId;
    }
    const existing =
      (ref ? store.get(Number(ref[1])) : undefined) ?? (byCode === undefined ? undefined : store.get(byCode));
    // Two groups of rows for one product (another title, the same product's codes): the second would write over
    // the first. Said on its row instead.
    if (existing) {
      const firstLine = planned.get(existing.id);
      if (firstLine !== undefined) {
        const path = file.columnName('title') ?? 'title';
        issues.push({ path, code: 'csv_product_twice', line: first.line, params: { firstLine } });
        continue;
      }
      planned.set(existing.id, first.line);
    }
    const editedSince =
      existing !== undefined &&
      first.editVersion !== null &&
      (store.editVersionOf(existing.id) ?? 1) > first.editVersion;
    const since =
      ref !== null && existing !== undefined ? new SinceExport(true, editedSince, file.columnName) : noneKept;
    const imageId =
      group.length === 1
        ? imageIds.get(first.line)
        : group.map((r) => imageIds.get(r.line)).find((id) => id !== undefined);
    const input =
      group.length === 1 && first.spec === ''
        ? flatInput(first, imageId, existing, since)
        : skuInput(group, imageId, existing, owners, since);
    for (const k of since.kept) keptLines.add(k.line!);
    kept.push(...since.kept);
    try {
      steps.push({ existing, fields: productFields(input, rules, existing) });
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      for (const issue of error.issues ?? []) issues.push(issueAt(issue, group, file.columnName));
    }
    checked += group.length;
    if (checked >= YIELD_EVERY) {
      checked = 0;
      progress('phase_checking', steps.length, groups.length);
      await progress.yield();
    }
  }
  return { steps, issues, kept, keptRows: keptLines.size };
}

async function write(catalog: CatalogService, steps: Step[], progress: Progress) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const now = Date.now();
  await catalog.writer.bulk(async () => {
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

export async function importProducts(
  catalog: CatalogService,
  bytes: Uint8Array,
  progress: Progress,
  options: ImportOptions = {},
): Promise<JobOutcome> {
  progress('phase_reading', 0, bytes.byteLength);
  const sheet = await openSheet(bytes);
  if (sheet.issue) throw new StudioError('import_invalid', 'unreadable workbook', { issues: [sheet.issue] });
  const file = await checkCells(sheet, progress);
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

  const outcome = await catalog.writer.hold(async () => {
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
    summary: { ...counts, kept: outcome.keptRows, rows: file.rows.length, encoding: sheet.format },
    warnings: warnings.items,
    warningsTotal: file.warningsTotal + outcome.kept.length,
  };
}
