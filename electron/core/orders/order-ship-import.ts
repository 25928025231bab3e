// 批量发货 from a CSV or .xlsx file, run as a job: order number, carrier and tracking number per row, any other columns
// ignored (a filled-in order export imports as it is). The rules and the write are OrderService.shipBatch's.
import { CsvSyntaxError, type CsvRecord } from '../csv/parse.ts';
import { openSheet, type SheetRecords } from '../csv/sheet.ts';
import { undefuseFormula } from '../csv/write.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import type { Actor } from './order-store.ts';
import { orderCsvColumnNames, type OrderCsvColumn } from './order-csv.ts';
import type { OrderService } from './order-service.ts';
import type { ShipRow } from './order-shipping.ts';

const YIELD_EVERY = 2000;

type ShipColumn = Extract<OrderCsvColumn, 'orderNo' | 'carrier' | 'trackingNo'>;
const SHIP_COLUMNS: readonly ShipColumn[] = ['orderNo', 'carrier', 'trackingNo'];
/** shipBatch names cells by the export's English header; issues name the column as written in the file. */
const ISSUE_PATHS: Record<string, ShipColumn> = { order_no: 'orderNo', carrier: 'carrier', tracking_no: 'trackingNo' };

const invalid = (issues: Issue[]) =>
  new StudioError('import_invalid', `${issues.length} problem(s) in the file`, { issues });

const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

interface ShipFile {
  rows: ShipRow[];
  issues: Issue[];
  warnings: Issue[];
  /** Each needed column's index and its header exactly as written. */
  columns: Map<ShipColumn, { index: number; name: string }>;
}

function findColumn(name: string): ShipColumn | undefined {
  const lower = name.toLowerCase();
  return SHIP_COLUMNS.find((key) => {
    const names = orderCsvColumnNames(key);
    return names.zh === name || names.en === lower;
  });
}

function readHeader(header: CsvRecord, file: ShipFile): void {
  let zh = false;
  let en = false;
  header.fields.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return; // trailing empty header cells are common in Excel files
    const key = findColumn(name);
    const params = { column: name };
    if (!key) {
      file.warnings.push({ path: raw, code: 'csv_unknown_column', line: header.row, params });
    } else if (file.columns.has(key)) {
      file.issues.push({ path: raw, code: 'csv_duplicate_column', line: header.row, params });
    } else {
      file.columns.set(key, { index, name: raw });
      if (orderCsvColumnNames(key).zh === name) zh = true;
      else en = true;
    }
  });
  for (const key of SHIP_COLUMNS) {
    if (file.columns.has(key)) continue;
    const names = orderCsvColumnNames(key);
    // Named in the language the file uses (both when nothing was recognised).
    const column = zh ? names.zh : en ? names.en : `${names.zh} / ${names.en}`;
    file.issues.push({ path: column, code: 'csv_missing_column', line: header.row, params: { column } });
  }
}

/** Trimmed, with the export's formula defusing undone (a tracking number written `'-123` reads back `-123`). */
function cell(record: CsvRecord, file: ShipFile, key: ShipColumn): string {
  const index = file.columns.get(key)!.index;
  return undefuseFormula((record.fields[index] ?? '').trim());
}

async function readShipFile(sheet: SheetRecords, progress: Progress): Promise<ShipFile> {
  const file: ShipFile = { rows: [], issues: [], warnings: [], columns: new Map() };
  if (sheet.issue) return { ...file, issues: [sheet.issue] };
  let header = false;
  let records = 0;
  try {
    for (const record of sheet.records) {
      if (isBlank(record.fields)) continue;
      if (!header) {
        readHeader(record, file);
        header = true;
        if (file.issues.length > 0) return file;
        continue;
      }
      // The row a spreadsheet shows, so a quoted address spanning lines keeps later rows right.
      file.rows.push({
        line: record.row,
        orderNo: cell(record, file, 'orderNo'),
        carrier: cell(record, file, 'carrier'),
        trackingNo: cell(record, file, 'trackingNo'),
        // The whole row, so a row pasted twice is told apart from the lines of one order in a filled-in export.
        whole: record.fields.map((f) => f.trim()).join('\u0000'),
      });
      if (++records % YIELD_EVERY === 0) {
        progress('phase_checking', record.line, sheet.lines);
        await progress.yield();
      }
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    file.issues.push(error.toIssue());
    return file;
  }
  if (!header) file.issues.push({ path: '', code: 'csv_empty' });
  else if (file.rows.length === 0) file.issues.push({ path: '', code: 'csv_no_rows' });
  return file;
}

/** Marks every order in the file shipped, or none: a bad row fails the job with every problem by its line. */
export async function importShipping(
  orders: OrderService,
  bytes: Uint8Array,
  actor: Actor,
  progress: Progress,
): Promise<JobOutcome> {
  progress('phase_reading', 0, bytes.byteLength);
  const sheet = await openSheet(bytes);
  const file = await readShipFile(sheet, progress);
  if (file.issues.length > 0) throw invalid(file.issues);
  progress('phase_shipping', 0, file.rows.length);
  const named = (issues: readonly Issue[]) =>
    issues.map((issue) => {
      const key = ISSUE_PATHS[issue.path];
      return key ? { ...issue, path: file.columns.get(key)!.name } : issue;
    });
  let result;
  try {
    result = await orders.shipBatch(file.rows, actor);
  } catch (error) {
    if (!(error instanceof StudioError) || error.code !== 'import_invalid') throw error;
    throw invalid(named(error.issues ?? []));
  }
  progress('phase_shipping', file.rows.length, file.rows.length);
  const { shipped, skipped, failed } = result;
  // A platform's refusals are not the file's fault: the rest shipped; these stay paid, each said on its row.
  return {
    summary: { shipped, skipped, failed: failed.length, rows: file.rows.length, encoding: sheet.format },
    warnings: [...named(failed), ...file.warnings],
  };
}
