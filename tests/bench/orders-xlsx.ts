// The order export as an Excel workbook beside the same export as CSV: 100,000 order lines seeded into a migrated
// data dir, each export run by the studio's exportOrders in its own fresh Node process (orders-export-child.ts,
// peak RSS from getrusage). The workbook is read back row by row (exceljs's streaming reader) to prove it holds
// every line.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { seedOrderLines, type SeededOrders } from './order-data.ts';
import type { Row } from './report.ts';

interface ChildRun {
  rows: number;
  bytes: number;
  seconds: number;
  maxRssMb: number;
}

export interface OrdersXlsxResult {
  seeded: SeededOrders;
  xlsx: ChildRun;
  csv: ChildRun;
}

const CHILD = fileURLToPath(new URL('./orders-export-child.ts', import.meta.url));

async function run(dbFile: string, out: string, format: 'csv' | 'xlsx'): Promise<ChildRun> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, dbFile, out, format], {
    timeout: 30 * 60_000,
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildRun;
}

/** Data rows in the workbook's first sheet, read as a stream (the header not counted). */
async function workbookRows(file: string): Promise<number> {
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, {})) {
    for await (const _row of sheet) rows++;
    break;
  }
  return rows - 1;
}

export async function benchOrdersXlsx(opts: { dir: string; lines: number; keep: boolean }): Promise<OrdersXlsxResult> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const seeded = await seedOrderLines(path.join(opts.dir, 'studio'), opts.lines);
  const xlsxOut = path.join(opts.dir, 'orders.xlsx');
  const csvOut = path.join(opts.dir, 'orders.csv');
  const xlsx = await run(seeded.dbFile, xlsxOut, 'xlsx');
  const csv = await run(seeded.dbFile, csvOut, 'csv');
  const inFile = await workbookRows(xlsxOut);
  if (xlsx.rows !== seeded.lines || inFile !== seeded.lines || csv.rows !== seeded.lines)
    throw new Error(`exported ${xlsx.rows} xlsx rows (${inFile} in the file), ${csv.rows} CSV, of ${seeded.lines}`);
  if (!opts.keep) fs.rmSync(opts.dir, { recursive: true, force: true });
  return { seeded, xlsx, csv };
}

export function ordersXlsxRows(r: OrdersXlsxResult): Row[] {
  const lines = r.seeded.lines.toLocaleString('en-US');
  return [
    {
      name: `orders xlsx export, ${lines} lines: time`,
      unit: 's',
      studio: r.xlsx.seconds,
      baseline: r.csv.seconds,
      note: `studio = exportOrders as .xlsx (exceljs streaming writer, typed cells: text order numbers and phones, amounts with two decimals, dates), a fresh Node process; baseline = the studio's own CSV export of the same ${lines} lines in another fresh process. The workbook read back holds every line`,
    },
    {
      name: 'orders xlsx export: peak RSS of the process',
      unit: 'MB',
      studio: r.xlsx.maxRssMb,
      baseline: r.csv.maxRssMb,
      note: 'getrusage maxRSS at the end of each Node child',
    },
    {
      name: 'orders xlsx export: file size',
      unit: 'MB',
      studio: r.xlsx.bytes / 1e6,
      baseline: r.csv.bytes / 1e6,
      note: 'a zip of XML (deflated) beside UTF-8 text',
    },
  ];
}
