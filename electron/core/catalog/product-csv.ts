// The product library's CSV format: header names, cell rules, and the columns an export writes. Pure: no DB,
// no files. Import reads cells back exactly as export writes them, so export → import changes nothing.
import { CsvSyntaxError } from '../csv/parse.ts';
import type { CsvRecord } from '../csv/parse.ts';
import { tableCsvRow, type CellKind, type CellValue, type TableColumn } from '../csv/table.ts';
import { undefuseFormula } from '../csv/write.ts';
import type { Product } from '../protocol/catalog-schemas.ts';
import { IssueList, type Issue } from '../protocol/errors.ts';
import { parseYuanToFen } from '../protocol/money.ts';
import { classifyLink } from './link-kind.ts';

// Export order; import accepts any order, Chinese or English names. `kind` says how an export writes the cells
// (csv/table.ts): user text defused in CSV and a text cell in .xlsx, amounts `99.90` or numbers with two decimals.
const COLUMNS = [
  { key: 'title', zh: '商品名称', en: 'title', kind: 'text', width: 30 },
  // A product with 规格 is a row per 规格, its own cells repeated on each (how 微信小店 and spreadsheets list them).
  { key: 'spec', zh: '规格', en: 'spec', kind: 'text', width: 12 },
  { key: 'price', zh: '价格', en: 'price', kind: 'fen', width: 10 },
  { key: 'originalPrice', zh: '划线价', en: 'original_price', kind: 'fen', width: 10 },
  { key: 'stock', zh: '库存', en: 'stock', kind: 'count', width: 8 },
  { key: 'sku', zh: '商品编码', en: 'sku', kind: 'text', width: 14 },
  { key: 'link', zh: '链接', en: 'link', kind: 'text', width: 30 },
  { key: 'sellingPoints', zh: '卖点', en: 'selling_points', kind: 'text', width: 30 },
  { key: 'image', zh: '图片', en: 'image', kind: 'text', width: 20 },
  // Which product of which studio a row came from, so re-importing an export updates products without a SKU.
  { key: 'ref', zh: '商品ID', en: 'id', kind: 'own', width: 12 },
  // What the product (or the row's 规格) was when exported, so a re-import keeps what changed since (stock sold
  // meanwhile above all).
  { key: 'stockAtExport', zh: '导出时库存', en: 'stock_at_export', kind: 'count', width: 10 },
  { key: 'editVersion', zh: '导出版本', en: 'edit_version', kind: 'count', width: 8 },
] as const satisfies ReadonlyArray<{ key: string; zh: string; en: string; kind: CellKind; width: number }>;
type ColumnKey = (typeof COLUMNS)[number]['key'];
export type ProductCsvColumn = ColumnKey;
const REQUIRED: readonly ColumnKey[] = ['title', 'price'];

/** The same limits as productInputSchema, so a row that passes here is accepted by the catalogue. */
export const PRODUCT_CSV_LIMITS = {
  title: 200,
  spec: 100,
  sku: 64,
  link: 2000,
  sellingPoints: 4000,
  stock: 1_000_000_000,
};

export interface ProductRow {
  /** The row a spreadsheet shows for it (what every message names). */
  line: number;
  title: string;
  /** '' for a product without 规格 (or a file without the column). */
  spec: string;
  priceFen: number;
  originalPriceFen: number | null;
  /** null when the column is absent or the cell empty: keep the existing stock on update, 0 on create. */
  stock: number | null;
  sku: string | null;
  link: string | null;
  sellingPoints: string | null;
  /** As written in the file; the caller checks that it exists. */
  imagePath: string | null;
  /** The exported `商品ID` (`<studio>-<id>`); the caller decides whether it names one of its products. */
  ref: string | null;
  /** The stock when the file was exported (column 导出时库存), if the file says. */
  stockAtExport: number | null;
  /** The product's edit version when the file was exported (column 导出版本), if the file says. */
  editVersion: number | null;
}

export interface ProductCsvResult {
  /** Only rows without any issue; the caller imports nothing unless there are no issues. */
  rows: ProductRow[];
  /** The first MAX_ISSUES of each, clipped; the totals count them all. */
  issues: Issue[];
  warnings: Issue[];
  issuesTotal: number;
  warningsTotal: number;
}

interface Column {
  index: number;
  /** The header cell exactly as written in the file: the `path` of every issue in this column. */
  name: string;
}

// Thousands separators are accepted because Excel writes `1,000` (quoted) for a number-formatted cell;
// decimals are refused even when zero (`1.0`), since stock is a count.
const STOCK = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

/** A count of items, or null when the text is not a non-negative whole number within the limit. */
export function parseStock(text: string): number | null {
  if (!STOCK.test(text)) return null;
  const n = Number(text.replaceAll(',', ''));
  return n <= PRODUCT_CSV_LIMITS.stock ? n : null;
}

function findColumn(name: string): (typeof COLUMNS)[number] | undefined {
  const lower = name.toLowerCase();
  return COLUMNS.find((c) => c.zh === name || c.en === lower);
}

const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

/**
 * Reads a product file one record at a time (the header first), so the caller can yield to the event loop
 * between records. Every bad cell of every row is reported with its row and column header.
 */
export class ProductCsvMapper {
  private columns: Map<ColumnKey, Column> | null = null;
  private headerOk = false;
  private dataRows = 0;
  private readonly skus = new Map<string, number>();
  private readonly rows: ProductRow[] = [];
  private readonly issues = new IssueList();
  private readonly warnings = new IssueList();

  push(record: CsvRecord): void {
    // Excel leaves rows of empty cells (`,,,,`) where cells were once formatted: not data.
    if (isBlank(record.fields)) return;
    if (this.columns === null) this.readHeader(record);
    else this.readRow(record);
  }

  /** A syntax error ends the file: report it where it is. */
  syntaxError(err: CsvSyntaxError): void {
    this.issues.push(err.toIssue());
  }

  /** A column's header exactly as written in the file (the `path` for issues the caller adds), if present. */
  columnName(key: ProductCsvColumn): string | undefined {
    return this.columns?.get(key)?.name;
  }

  finish(): ProductCsvResult {
    const { issues, warnings } = this;
    if (issues.length === 0 && this.columns === null) issues.push({ path: '', code: 'csv_empty' });
    else if (issues.length === 0 && this.dataRows === 0) issues.push({ path: '', code: 'csv_no_rows' });
    return {
      rows: this.rows,
      issues: issues.items,
      warnings: warnings.items,
      issuesTotal: issues.length,
      warningsTotal: warnings.length,
    };
  }

  private readHeader(header: CsvRecord): void {
    const columns = new Map<ColumnKey, Column>();
    let zh = false;
    let en = false;
    header.fields.forEach((raw, index) => {
      const name = raw.trim();
      if (name === '') return; // trailing empty header cells are common in Excel files
      const col = findColumn(name);
      const params = { column: name };
      if (!col) {
        this.warnings.push({ path: raw, code: 'csv_unknown_column', line: header.row, params });
      } else if (columns.has(col.key)) {
        this.issues.push({ path: raw, code: 'csv_duplicate_column', line: header.row, params });
      } else {
        columns.set(col.key, { index, name: raw });
        if (col.zh === name) zh = true;
        else en = true;
      }
    });
    for (const key of REQUIRED) {
      if (columns.has(key)) continue;
      const c = COLUMNS.find((x) => x.key === key)!;
      // Name the missing column in the language the file uses (both when nothing was recognised).
      const column = zh ? c.zh : en ? c.en : `${c.zh} / ${c.en}`;
      this.issues.push({ path: column, code: 'csv_missing_column', line: header.row, params: { column } });
    }
    this.columns = columns;
    this.headerOk = this.issues.length === 0;
  }

  private readRow(record: CsvRecord): void {
    this.dataRows++;
    const columns = this.columns!;
    const issues = this.issues;
    const before = issues.length;
    // Every message names the row a spreadsheet shows (a quoted line break above does not shift it).
    const line = record.row;
    // Cells are trimmed (spreadsheets keep stray spaces), the export's formula defusing is undone, and line
    // breaks inside a cell become LF (what a textarea gives) whether the file used CRLF, CR or LF.
    const text = (key: ColumnKey): string | undefined => {
      const col = columns.get(key);
      return col ? undefuseFormula((record.fields[col.index] ?? '').trim()).replace(/\r\n?/g, '\n') : undefined;
    };
    const bad = (key: ColumnKey, code: string, params?: Record<string, string | number>) => {
      const issue: Issue = { path: columns.get(key)!.name, code, line };
      if (params) issue.params = params;
      issues.push(issue);
    };
    const optional = (key: ColumnKey, max: number): string | null => {
      const v = text(key);
      if (v === undefined || v === '') return null;
      if (v.length > max) bad(key, 'too_long', { max });
      return v;
    };

    const title = text('title') ?? '';
    if (columns.has('title')) {
      if (title.trim() === '') bad('title', 'required');
      else if (title.length > PRODUCT_CSV_LIMITS.title) bad('title', 'too_long', { max: PRODUCT_CSV_LIMITS.title });
    }

    // Control characters in a spec are the catalogue's rule (product-rules.ts), checked with the product.
    const spec = optional('spec', PRODUCT_CSV_LIMITS.spec) ?? '';

    const priceText = text('price');
    let priceFen: number | null = null;
    if (priceText === '') bad('price', 'required');
    else if (priceText !== undefined) {
      priceFen = parseYuanToFen(priceText);
      if (priceFen === null) bad('price', 'price_invalid', { value: priceText });
    }

    const originalText = text('originalPrice');
    let originalPriceFen: number | null = null;
    if (originalText) {
      originalPriceFen = parseYuanToFen(originalText);
      if (originalPriceFen === null) bad('originalPrice', 'price_invalid', { value: originalText });
      else if (priceFen !== null && originalPriceFen <= priceFen) bad('originalPrice', 'original_below_price');
    }

    const stockText = text('stock');
    let stock: number | null = null;
    if (stockText) {
      stock = parseStock(stockText);
      if (stock === null) bad('stock', 'stock_invalid', { value: stockText });
    }

    const sku = optional('sku', PRODUCT_CSV_LIMITS.sku);
    if (sku !== null) {
      const firstLine = this.skus.get(sku);
      if (firstLine !== undefined) bad('sku', 'sku_repeated', { sku, firstLine });
      else this.skus.set(sku, line);
    }

    const link = optional('link', PRODUCT_CSV_LIMITS.link);
    if (link !== null && link.length <= PRODUCT_CSV_LIMITS.link && classifyLink(link) === null) {
      bad('link', 'link_invalid');
    }

    const sellingPoints = optional('sellingPoints', PRODUCT_CSV_LIMITS.sellingPoints);
    const imagePath = text('image') || null;
    const ref = text('ref') || null;
    const count = (key: ColumnKey): number | null => {
      const value = text(key);
      if (!value) return null;
      const n = parseStock(value);
      if (n === null) bad(key, 'stock_invalid', { value });
      return n;
    };
    const stockAtExport = count('stockAtExport');
    const editVersion = count('editVersion');

    if (this.headerOk && issues.length === before && priceFen !== null) {
      this.rows.push({
        line,
        title,
        spec,
        priceFen,
        originalPriceFen,
        stock,
        sku,
        link,
        sellingPoints,
        imagePath,
        ref,
        stockAtExport,
        editVersion,
      });
    }
  }
}

/** All at once: the first non-blank record is the header. A CsvSyntaxError from the records becomes an issue. */
export function mapProductRows(records: Iterable<CsvRecord>): ProductCsvResult {
  const mapper = new ProductCsvMapper();
  try {
    for (const record of records) mapper.push(record);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    mapper.syntaxError(err);
  }
  return mapper.finish();
}

/** The export header, in the user's language. */
export function productCsvHeader(locale: 'zh-CN' | 'en'): string[] {
  return COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en));
}

/** The columns for an .xlsx export, headed in the user's language. */
export function productTableColumns(locale: 'zh-CN' | 'en'): TableColumn[] {
  return COLUMNS.map((c) => ({ header: locale === 'zh-CN' ? c.zh : c.en, kind: c.kind, width: c.width }));
}

const KINDS: readonly CellKind[] = COLUMNS.map((c) => c.kind);

/** Where an exported row came from, for its re-import: `<studio>-<id>` and what the product was then. */
export interface ExportedFrom {
  ref: string;
  editVersion: number;
}

type SkuCells = Pick<Product, 'priceFen' | 'originalPriceFen' | 'stock'> & { spec: string; code: string | null };

/**
 * A product's rows in export order: one per 规格 (a product without 规格 is one row with an empty 规格 cell), the
 * product's own cells repeated on each. Amounts in fen (each writer formats them), the picture as its
 * name in the library (`<sha-256>.jpg`: importing the file again finds the same picture, and the file says nothing
 * about where the studio keeps its data). Write them with productCsvLines.
 */
export function productExportRows(
  p: Product,
  imageNameFor: (imageId: string) => string | null,
  from: ExportedFrom | null = null,
): CellValue[][] {
  const skus: SkuCells[] = p.skus.length > 0 ? p.skus : [{ ...p, spec: '', code: p.sku }];
  const image = p.imageId === null ? null : imageNameFor(p.imageId);
  return skus.map((s) => [
    p.title,
    s.spec,
    s.priceFen,
    s.originalPriceFen,
    s.stock,
    s.code,
    p.link,
    p.sellingPoints,
    image,
    from?.ref ?? null,
    from ? s.stock : null,
    from?.editVersion ?? null,
  ]);
}

/** A product's exported CSV lines (each with CRLF): user text defused, amounts `99.90`. */
export function productCsvLines(
  p: Product,
  imageNameFor: (imageId: string) => string | null,
  from: ExportedFrom | null = null,
): string {
  let text = '';
  for (const cells of productExportRows(p, imageNameFor, from)) text += tableCsvRow(cells, KINDS);
  return text;
}
