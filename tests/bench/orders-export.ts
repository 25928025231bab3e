// The order log's CSV export at scale: a million order lines seeded straight into a migrated data dir, exported by
// the studio's exportOrdersCsv in a fresh Node process (peak RSS = that process's getrusage high-water mark), beside
// the sqlite3 command-line shell running the same join with the same formatting done in SQL (`sqlite3 -csv -header
// DB "SELECT …" > file`, peak RSS from GNU time's -v when /usr/bin/time exists). Both read a file the seeding just
// wrote, so both find it in the OS cache.
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { orderCsvHeader } from '../../electron/core/orders/order-csv.ts';
import { ORDER_STATUS_NAMES } from '../../electron/core/protocol/order-messages.ts';
import { now } from './measure.ts';
import { seedOrderLines, type SeededOrders } from './order-data.ts';
import type { Row } from './report.ts';

export interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  /** Peak RSS of the whole exporting process; null when it could not be measured. */
  maxRssMb: number | null;
}

export interface OrdersExportResult {
  seeded: SeededOrders;
  studio: ExportRun & { rssBeforeMb: number; processSeconds: number };
  /** null when the sqlite3 shell is missing (`skipped` says why). */
  sqlite3: (ExportRun & { version: string; rssFrom: string }) | null;
  skipped: string | null;
}

const CHILD = fileURLToPath(new URL('./orders-export-child.ts', import.meta.url));
const TIME = '/usr/bin/time';
const TIMEOUT_MS = 30 * 60_000;

const money = (fen: string) => `printf('%d.%02d', ${fen} / 100, ${fen} % 100)`;
const statusName = `CASE o.status ${Object.entries(ORDER_STATUS_NAMES)
  .map(([status, names]) => `WHEN '${status}' THEN '${names['zh-CN']}'`)
  .join(' ')} END`;
/** The export's columns (order-csv.ts), each computed by SQLite: local time, yuan amounts, status names. */
const EXPRESSIONS = [
  'o.order_no',
  `strftime('%Y-%m-%d %H:%M:%S', o.created_at / 1000, 'unixepoch', 'localtime')`,
  's.title',
  'l.link_no',
  'l.title',
  'l.spec',
  'l.sku',
  money('l.unit_price_fen'),
  'l.quantity',
  'o.coupon_name',
  money('l.discount_fen'),
  money('(l.unit_price_fen * l.quantity - l.discount_fen)'),
  'o.buyer',
  'o.phone',
  'o.address',
  'o.note',
  statusName,
  'o.carrier',
  'o.tracking_no',
];

export function sqlite3Query(): string {
  const header = orderCsvHeader('zh-CN');
  if (header.length !== EXPRESSIONS.length) throw new Error('the export has new columns: update EXPRESSIONS');
  const columns = EXPRESSIONS.map((e, k) => `${e} AS "${header[k]}"`).join(', ');
  return `SELECT ${columns} FROM orders o JOIN order_lines l ON l.order_id = o.id
    LEFT JOIN live_sessions s ON s.id = o.session_id ORDER BY o.id, l.line_no`;
}

/** Why the sqlite3 shell cannot run, or null when it can. */
export function sqlite3Unavailable(): string | null {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'the sqlite3 command-line shell is not installed (apt-get install sqlite3)';
  }
}

/** CSV records in a file: line ends outside quotes (a note may span lines inside its quotes), header included. */
function countRecords(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let records = 0;
  let quoted = false;
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) {
      for (let k = 0; k < n; k++) {
        const c = buf[k];
        if (c === 0x22) quoted = !quoted;
        else if (c === 0x0a && !quoted) records++;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return records;
}

async function studioExport(dbFile: string, out: string): Promise<OrdersExportResult['studio']> {
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, dbFile, out], {
    timeout: TIMEOUT_MS,
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as OrdersExportResult['studio'];
}

/** The shell writing to the file directly (stdout redirected, as `> file` does); wall time taken around it. */
async function sqlite3Export(dbFile: string, out: string): Promise<NonNullable<OrdersExportResult['sqlite3']>> {
  const version = execFileSync('sqlite3', ['-version'], { encoding: 'utf8' }).split(' ')[0]!;
  const withTime = fs.existsSync(TIME);
  const args = ['-csv', '-header', dbFile, sqlite3Query()];
  const fd = fs.openSync(out, 'w');
  let stderr = '';
  const t0 = now();
  try {
    const child = spawn(withTime ? TIME : 'sqlite3', withTime ? ['-v', 'sqlite3', ...args] : args, {
      stdio: ['ignore', fd, 'pipe'],
      timeout: TIMEOUT_MS,
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`sqlite3 export failed (${code}): ${stderr.slice(-2000)}`);
  } finally {
    fs.closeSync(fd);
  }
  const seconds = (now() - t0) / 1000;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  return {
    rows: countRecords(out) - 1,
    bytes: fs.statSync(out).size,
    seconds,
    maxRssMb: kb === undefined ? null : (Number(kb) * 1024) / 1e6,
    version,
    rssFrom: kb === undefined ? 'not measured: /usr/bin/time (GNU time) is missing' : `${TIME} -v`,
  };
}

export async function benchOrdersExport(opts: {
  dir: string;
  lines: number;
  keep: boolean;
}): Promise<OrdersExportResult> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const seeded = await seedOrderLines(path.join(opts.dir, 'studio'), opts.lines);
  const studioOut = path.join(opts.dir, 'orders-studio.csv');
  const studio = await studioExport(seeded.dbFile, studioOut);
  const records = countRecords(studioOut) - 1;
  if (studio.rows !== seeded.lines || records !== seeded.lines)
    throw new Error(`the studio exported ${studio.rows} rows (${records} in the file) of ${seeded.lines}`);
  if (!opts.keep) fs.rmSync(studioOut);
  const skipped = sqlite3Unavailable();
  let sqlite3: OrdersExportResult['sqlite3'] = null;
  if (!skipped) {
    const out = path.join(opts.dir, 'orders-sqlite3.csv');
    sqlite3 = await sqlite3Export(seeded.dbFile, out);
    if (sqlite3.rows !== seeded.lines) throw new Error(`sqlite3 exported ${sqlite3.rows} of ${seeded.lines} rows`);
    if (!opts.keep) fs.rmSync(out);
  }
  return { seeded, studio, sqlite3, skipped };
}

export function ordersExportRows(r: OrdersExportResult): Row[] {
  const s = r.studio;
  const q = r.sqlite3;
  const lines = r.seeded.lines.toLocaleString('en-US');
  const vs = q
    ? `sqlite3 ${q.version} shell: \`sqlite3 -csv -header DB "SELECT …"\` > file, the same join and order, amounts, local times and status names formatted in SQL (no BOM, no formula defusing; it quotes every non-ASCII cell), wall time of the whole process`
    : `none (${r.skipped})`;
  return [
    {
      name: `orders CSV export, ${lines} lines: time`,
      unit: 's',
      studio: s.seconds,
      baseline: q?.seconds ?? null,
      note: `${r.seeded.orders.toLocaleString('en-US')} orders over 60 shows, seeded by SQL in ${r.seeded.seconds.toFixed(1)} s. Studio = exportOrdersCsv (read-only cursor, 128 K-character batches to a file stream, a turn of the loop every 5,000 rows) in a fresh Node process, timed around the call (the whole process took ${s.processSeconds.toFixed(2)} s); baseline = ${vs}`,
    },
    {
      name: 'orders CSV export: throughput',
      unit: 'rows/s',
      studio: s.rows / s.seconds,
      baseline: q ? q.rows / q.seconds : null,
      higherIsBetter: true,
    },
    {
      name: 'orders CSV export: peak RSS of the process',
      unit: 'MB',
      studio: s.maxRssMb,
      baseline: q?.maxRssMb ?? null,
      note: `getrusage maxRSS at the end of the Node child (${s.rssBeforeMb.toFixed(0)} MB before the export started: Node, better-sqlite3, the modules); sqlite3: ${q ? q.rssFrom : 'skipped'}`,
    },
    {
      name: 'orders CSV export: file size',
      unit: 'MB',
      studio: s.bytes / 1e6,
      baseline: q ? q.bytes / 1e6 : null,
      note: `${q ? 'both files hold' : 'the file holds'} every line (CSV records counted, quotes respected)`,
    },
  ];
}
