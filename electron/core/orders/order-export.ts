// The order export, streamed: rows go from a read-only SQLite cursor straight to a file (or stdout) in batches,
// so memory stays flat whether the log holds a hundred lines or a million.
import fs from 'node:fs';
import { OWNER_FILE_MODE } from '../system/data-folder.ts';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import type { Progress } from '../jobs/job-runner.ts';
import { CSV_BOM, csvRow } from '../csv/write.ts';
import type { Locale } from '../protocol/messages.ts';
import type { OrderFilter } from '../protocol/order-schemas.ts';
import { orderCsvHeader, orderCsvLine, type OrderCsvSource } from './order-csv.ts';
import { filterSql } from './order-filter.ts';

/** Characters per write (a few hundred KB of UTF-8): few syscalls, and memory does not notice. */
const BATCH_CHARS = 128 * 1024;
/** Rows between progress reports and turns of the event loop (other clients keep being served). */
const YIELD_EVERY = 5000;

export interface OrderExportOptions {
  filter: OrderFilter;
  locale: Locale;
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

/** The file's bytes, a batch at a time; `result` is filled in as it goes. */
async function* csvBatches(
  dbFile: string,
  options: OrderExportOptions,
  progress: Progress,
  result: OrderExportResult,
): AsyncGenerator<Buffer> {
  // Its own connection: a cursor held across event-loop turns would block the studio's connection for others.
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const contacts = options.contacts !== false;
    const { where, params } = filterSql(options.filter, { contacts });
    // One read transaction: the count and every row come from the same snapshot while orders keep arriving (WAL).
    db.exec('BEGIN');
    const total = (db.prepare(`SELECT count(*) AS n FROM ${FROM} WHERE ${where}`).get(params) as { n: number }).n;
    progress('phase_exporting', 0, total);
    let batch = CSV_BOM + csvRow(orderCsvHeader(options.locale));
    // Unfiltered, rows come in primary-key order; a filter sorts in SQLite's sorter, which spills to temp files.
    const rows = db.prepare(`${SELECT} WHERE ${where} ORDER BY o.id, l.line_no`).iterate(params);
    for (const row of rows as IterableIterator<OrderCsvSource>) {
      batch += orderCsvLine(contacts ? row : { ...row, phone: '', address: '' }, options.locale);
      result.rows++;
      if (batch.length >= BATCH_CHARS) {
        const bytes = Buffer.from(batch);
        batch = '';
        result.bytes += bytes.byteLength;
        yield bytes;
      }
      if (result.rows % YIELD_EVERY === 0) {
        progress('phase_exporting', result.rows, total);
        await progress.yield();
      }
    }
    const last = Buffer.from(batch);
    result.bytes += last.byteLength;
    yield last;
    progress('phase_exporting', result.rows, total);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

/**
 * Writes the filtered orders' lines as CSV to `dest`, honouring its backpressure. `end: false` leaves the stream
 * open (stdout).
 */
export async function writeOrdersCsv(
  dbFile: string,
  options: OrderExportOptions,
  dest: Writable,
  progress: Progress,
  { end = true }: { end?: boolean } = {},
): Promise<OrderExportResult> {
  const result: OrderExportResult = { rows: 0, bytes: 0 };
  // One batch in flight at a time: the readable side buffers nothing beyond the batch being written.
  const source = Readable.from(csvBatches(dbFile, options, progress, result), { objectMode: true, highWaterMark: 1 });
  await pipeline(source, dest, { end });
  return result;
}

/** The export as a file at `out`; on any failure the partial file is removed. */
export async function exportOrdersCsv(
  dbFile: string,
  options: OrderExportOptions & { out: string },
  progress: Progress,
): Promise<OrderExportResult> {
  try {
    return await writeOrdersCsv(
      dbFile,
      options,
      fs.createWriteStream(options.out, { mode: OWNER_FILE_MODE }),
      progress,
    );
  } catch (error) {
    fs.rmSync(options.out, { force: true });
    throw error;
  }
}
