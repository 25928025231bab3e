// The order export, streamed: rows go from a read-only SQLite cursor straight to a file (or stdout), as CSV or as
// an .xlsx workbook, so memory stays flat whether the log holds a hundred lines or a million.
import fs from 'node:fs';
import { OWNER_FILE_MODE } from '../system/data-folder.ts';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import type { Progress } from '../jobs/job-runner.ts';
import { CSV_BOM, csvRow } from '../csv/write.ts';
import { assertFitsXlsx, XlsxTableWriter } from '../csv/xlsx-write.ts';
import type { Locale } from '../protocol/messages.ts';
import type { ExportFormat } from '../protocol/jobs-schemas.ts';
import type { OrderFilter } from '../protocol/order-schemas.ts';
import { orderCells, orderCsvHeader, orderCsvLine, orderTableColumns, type OrderCsvSource } from './order-csv.ts';
import { filterSql } from './order-filter.ts';

/** Bytes per write: few syscalls, and memory does not notice. */
const BATCH_BYTES = 256 * 1024;
/** Rows between progress reports and turns of the event loop (other clients keep being served). */
const YIELD_EVERY = 5000;

export interface OrderExportOptions {
  filter: OrderFilter;
  locale: Locale;
  /** Default CSV. */
  format?: ExportFormat;
  /** False for whoever may not see buyers' phone numbers and addresses: those columns stay empty. */
  contacts?: boolean;
}

export interface OrderExportResult {
  /** Lines written, the header not counted. */
  rows: number;
  bytes: number;
}

const FROM = `orders o JOIN order_lines l ON l.order_id = o.id`;

const SELECT = `SELECT o.order_no, o.created_at, s.title AS session_title, l.link_no, l.title, l.spec, l.sku, l.unit_price_fen,
    l.quantity, o.coupon_name, l.discount_fen AS line_discount_fen, o.buyer, o.phone, o.address, o.note, o.status,
    o.carrier, o.tracking_no
  FROM ${FROM} LEFT JOIN live_sessions s ON s.id = o.session_id`;

type Lines = IterableIterator<OrderCsvSource>;

/**
 * The lines to export, counted for the progress bar. Not by counting the join: SQLite walks it line by line with a
 * lookup of each line's order, 2.6 s for 1,000,000 lines (a third of the export); every line has its order, so
 * unfiltered it is the lines' own count (70 ms), and filtered the lines of the matching orders (0.5 s).
 */
function countSql(where: string): string {
  if (where === '1') return `SELECT count(*) AS n FROM order_lines`;
  return `SELECT count(*) AS n FROM order_lines WHERE order_id IN (SELECT o.id FROM orders o WHERE ${where})`;
}

/**
 * The filtered lines from one read snapshot: the count and every row agree while orders keep arriving (WAL). Its
 * own connection: a cursor held across event-loop turns would block the studio's connection for others.
 */
async function withLines<T>(
  dbFile: string,
  options: OrderExportOptions,
  use: (total: number, lines: Lines) => Promise<T>,
): Promise<T> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const contacts = options.contacts !== false;
    const { where, params } = filterSql(options.filter, { contacts });
    db.exec('BEGIN');
    const total = (db.prepare(countSql(where)).get(params) as { n: number }).n;
    // Unfiltered, rows come in primary-key order; a filter sorts in SQLite's sorter, which spills to temp files.
    const rows = db.prepare(`${SELECT} WHERE ${where} ORDER BY o.id, l.line_no`).iterate(params) as Lines;
    const out = await use(total, contacts ? rows : withoutContacts(rows));
    db.exec('COMMIT');
    return out;
  } finally {
    db.close();
  }
}

function* withoutContacts(rows: Lines): Lines {
  for (const row of rows) yield { ...row, phone: '', address: '' };
}

/**
 * The CSV's bytes, a batch at a time; `result` is filled in as it goes. Each line is encoded straight into the
 * batch's buffer: building a long string and encoding it whole cost more than encoding (the rope of a few hundred
 * lines is flattened first: 2.2 s of a 1,000,000-line export).
 */
async function* csvBatches(
  total: number,
  lines: Lines,
  locale: Locale,
  progress: Progress,
  result: OrderExportResult,
): AsyncGenerator<Buffer> {
  progress('phase_exporting', 0, total);
  let batch = Buffer.allocUnsafe(BATCH_BYTES);
  let used = batch.write(CSV_BOM + csvRow(orderCsvHeader(locale)));
  for (const row of lines) {
    const line = orderCsvLine(row, locale);
    // A UTF-16 code unit is at most 3 bytes of UTF-8: when the line might not fit, the batch goes first.
    if (used + line.length * 3 > BATCH_BYTES) {
      if (used > 0) yield take(batch, used, result);
      batch = Buffer.allocUnsafe(Math.max(BATCH_BYTES, line.length * 3));
      used = 0;
    }
    used += batch.write(line, used);
    result.rows++;
    if (result.rows % YIELD_EVERY === 0) {
      progress('phase_exporting', result.rows, total);
      await progress.yield();
    }
  }
  yield take(batch, used, result);
  progress('phase_exporting', result.rows, total);
}

function take(batch: Buffer, used: number, result: OrderExportResult): Buffer {
  result.bytes += used;
  return batch.subarray(0, used);
}

async function writeXlsx(
  total: number,
  lines: Lines,
  options: OrderExportOptions,
  dest: Writable,
  progress: Progress,
  end: boolean,
): Promise<OrderExportResult> {
  assertFitsXlsx(total);
  progress('phase_exporting', 0, total);
  const sheetName = options.locale === 'zh-CN' ? '订单' : 'Orders';
  const writer = new XlsxTableWriter(dest, orderTableColumns(options.locale), sheetName, { end });
  let rows = 0;
  try {
    for (const row of lines) {
      writer.add(orderCells(row, options.locale));
      if (++rows % YIELD_EVERY === 0) {
        await writer.drained();
        progress('phase_exporting', rows, total);
        await progress.yield();
      }
    }
  } catch (error) {
    writer.abort(error as Error);
    throw error;
  }
  const bytes = await writer.finish();
  progress('phase_exporting', rows, total);
  return { rows, bytes };
}

/**
 * Writes the filtered orders' lines to `dest` (CSV honouring its backpressure, or .xlsx). `end: false` leaves the
 * stream open (stdout).
 */
export async function writeOrders(
  dbFile: string,
  options: OrderExportOptions,
  dest: Writable,
  progress: Progress,
  { end = true }: { end?: boolean } = {},
): Promise<OrderExportResult> {
  return withLines(dbFile, options, async (total, lines) => {
    if (options.format === 'xlsx') return writeXlsx(total, lines, options, dest, progress, end);
    const result: OrderExportResult = { rows: 0, bytes: 0 };
    // One batch in flight at a time: the readable side buffers nothing beyond the batch being written.
    const batches = csvBatches(total, lines, options.locale, progress, result);
    await pipeline(Readable.from(batches, { objectMode: true, highWaterMark: 1 }), dest, { end });
    return result;
  });
}

/** The export as a file at `out`; on any failure the partial file is removed. */
export async function exportOrders(
  dbFile: string,
  options: OrderExportOptions & { out: string },
  progress: Progress,
): Promise<OrderExportResult> {
  const dest = fs.createWriteStream(options.out, { mode: OWNER_FILE_MODE });
  try {
    return await writeOrders(dbFile, options, dest, progress);
  } catch (error) {
    dest.destroy(); // refused before a byte was written (too many rows for a sheet): the file is closed all the same
    fs.rmSync(options.out, { force: true });
    throw error;
  }
}
