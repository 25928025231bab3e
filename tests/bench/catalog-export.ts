// Products CSV export, measured in a fresh child process per side so that each memory peak is the export's
// own (in the process that just imported 100,000 rows, freed-but-resident memory hides most of it).
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportProductsFile } from '../../electron/core/catalog/product-export.ts';
import { productCsvHeader } from '../../electron/core/catalog/product-csv.ts';
import type { Db } from '../../electron/core/db/connection.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { collectGarbage, now, watchEventLoop, watchMemory, type MemoryPeak, type StallReport } from './measure.ts';
import { timedJob, type PhaseTimes } from './timed-job.ts';

export type ExportSideName = 'studio' | 'baseline';

export interface ExportSide {
  rows: number;
  bytes: number;
  sha256: string;
  seconds: number;
  rowsPerSecond: number;
  mbPerSecond: number;
  /** Peaks above the level after opening the database and a forced GC; RSS peak includes getrusage's maxRSS. */
  memory: MemoryPeak;
  gcAvailable: boolean;
  stall: StallReport;
  /** The studio's job phases (none for the baseline). */
  phases?: PhaseTimes;
}

const fen = (v: number) => `${Math.trunc(v / 100)}.${String(v % 100).padStart(2, '0')}`;
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

interface RawRow {
  id: number;
  title: string;
  spec: string;
  price_fen: number;
  original_price_fen: number | null;
  stock: number;
  code: string | null;
  link: string | null;
  selling_points: string;
  image_id: string | null;
  edit_version: number;
}

/**
 * The floor: iterate the same tables and join cells by hand (no formula defusing: the data has none to defuse),
 * in the export's columns, ending with the `商品ID` ref (`<studio id>-<product id>`), the stock and edit version at
 * export. The bench's products have no pictures (the image cell stays empty on both sides).
 */
function baselineExport(
  db: Db,
  header: readonly string[],
  studioId: string,
  sample: () => void,
): { rows: number; bytes: Buffer } {
  const parts = [`\uFEFF${header.map(quote).join(',')}\r\n`];
  let rows = 0;
  // A row per live 规格, the product's own cells repeated: the export's shape, in one join.
  const select = db.prepare<[], RawRow>(
    `SELECT p.id, p.title, s.spec, s.price_fen, s.original_price_fen, s.stock, s.code, p.link, p.selling_points,
       p.image_id, p.edit_version
     FROM products p JOIN product_skus s ON s.product_id = p.id AND s.archived_at IS NULL
     WHERE p.archived_at IS NULL ORDER BY p.id, s.position, s.id`,
  );
  for (const r of select.iterate()) {
    parts.push(
      [
        quote(r.title),
        quote(r.spec),
        fen(r.price_fen),
        r.original_price_fen === null ? '' : fen(r.original_price_fen),
        String(r.stock),
        quote(r.code ?? ''),
        quote(r.link ?? ''),
        quote(r.selling_points),
        r.image_id ?? '',
        `${studioId}-${r.id}`,
        String(r.stock),
        String(r.edit_version),
      ].join(',') + '\r\n',
    );
    if (++rows % 2000 === 0) sample();
  }
  return { rows, bytes: Buffer.from(parts.join('')) };
}

/** In the child: opens the data dir, exports once, and returns the figures. */
export async function measureExport(side: ExportSideName, dataDir: string): Promise<ExportSide> {
  const studio = await openStudio({ dataDir });
  try {
    studio.catalog.store.counts(); // the database file is open and its first pages read before the clock starts
    const gcAvailable = collectGarbage();
    const memory = watchMemory();
    const stall = watchEventLoop();
    await sleep(20);
    let rows: number;
    let bytes: Buffer;
    let phases: PhaseTimes | undefined;
    const t0 = now();
    if (side === 'studio') {
      const job = await timedJob(
        studio.jobs,
        'catalog.export',
        (progress) => exportProductsFile(studio.catalog, { archived: false, locale: 'zh-CN', format: 'csv' }, progress),
        () => memory.sample(),
      );
      bytes = studio.jobs.wholeFile(job.job.id).bytes;
      rows = Number(job.job.summary?.rows ?? 0);
      phases = job.phases;
    } else {
      ({ rows, bytes } = baselineExport(studio.db, productCsvHeader('zh-CN'), studio.catalog.studioId(), () =>
        memory.sample(),
      ));
    }
    const ms = now() - t0;
    const peak = memory.stop();
    await sleep(20);
    const stallReport = stall.stop();
    // getrusage's high-water mark catches a peak between two samples.
    const maxRss = process.resourceUsage().maxRSS * 1024;
    if (maxRss / 1e6 > peak.peakMb) {
      peak.peakMb = maxRss / 1e6;
      peak.peakDeltaMb = peak.peakMb - peak.startMb;
    }
    const s = ms / 1000;
    return {
      rows,
      bytes: bytes.byteLength,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      seconds: s,
      rowsPerSecond: rows / s,
      mbPerSecond: bytes.byteLength / 1e6 / s,
      memory: peak,
      gcAvailable,
      stall: stallReport,
      ...(phases && { phases }),
    };
  } finally {
    await studio.close();
  }
}

const CHILD = fileURLToPath(new URL('./export-child.ts', import.meta.url));
const run = promisify(execFile);

/** In the parent: one export in a fresh Node process; its figures come back as the last line of its stdout. */
export async function exportInChild(side: ExportSideName, dataDir: string): Promise<ExportSide> {
  const { stdout } = await run(process.execPath, [CHILD, side, dataDir], {
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as ExportSide;
}
