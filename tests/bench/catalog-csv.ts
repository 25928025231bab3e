// Products CSV import and export through the real jobs, each beside a plain better-sqlite3 baseline doing the
// same writes (or building the same file) with nothing else: no parsing, no checks, no events, no yields.
import { setTimeout as sleep } from 'node:timers/promises';
import { exportProductsCsv, importProductsCsv } from '../../electron/core/catalog/catalog-csv-jobs.ts';
import { productCsvHeader } from '../../electron/core/catalog/product-csv.ts';
import { openDatabase, type Db } from '../../electron/core/db/connection.ts';
import type { JobOutcome, Progress } from '../../electron/core/jobs/job-runner.ts';
import type { Job } from '../../electron/core/protocol/contract.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';
import {
  collectGarbage,
  now,
  summarize,
  watchEventLoop,
  watchRss,
  type LatencySummary,
  type StallReport,
} from './measure.ts';
import type { BenchProduct } from './product-data.ts';

export interface CsvBenchOptions {
  dataDir: string;
  baselineFile: string;
  products: readonly BenchProduct[];
  csv: Buffer;
}

export interface PhaseTimes {
  /** ms from the job's start to the first report of each phase, and how long each phase lasted. */
  [phase: string]: { startMs: number; ms: number };
}

export interface ImportResult {
  rows: number;
  csvBytes: number;
  studio: {
    seconds: number;
    rowsPerSecond: number;
    summary: Record<string, string | number>;
    phases: PhaseTimes;
    stall: StallReport;
    /** A client calling `jobs.list` every 10 ms during the import: how long its calls waited. */
    ping: LatencySummary;
  };
  baseline: { seconds: number; rowsPerSecond: number; stall: StallReport };
  pragmas: { studio: Record<string, unknown>; baseline: Record<string, unknown> };
  spotCheck: { checked: number; mismatches: string[] };
}

export interface ExportSide {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  mbPerSecond: number;
  rss: { startMb: number; peakMb: number; peakDeltaMb: number };
  stall: StallReport;
}

export interface ExportResult {
  gcAvailable: boolean;
  studio: ExportSide & { phases: PhaseTimes };
  baseline: ExportSide;
  /** The baseline writes byte-for-byte the file the studio writes (so both did the same work). */
  identicalOutput: boolean;
}

export interface CsvBenchResult {
  import: ImportResult;
  export: ExportResult;
}

/** Runs one job through the studio's real JobRunner, timing each phase it reports. */
async function timedJob(
  running: Running,
  kind: Job['kind'],
  work: (progress: Progress) => Promise<JobOutcome>,
  onProgress: () => void = () => {},
): Promise<{ job: Job; ms: number; phases: PhaseTimes }> {
  const marks: Array<[string, number]> = [];
  const t0 = now();
  const { done } = running.studio.jobs.start(kind, (progress) => {
    const timed = ((phase: string, d: number, total: number) => {
      if (marks.at(-1)?.[0] !== phase) marks.push([phase, now() - t0]);
      onProgress();
      progress(phase, d, total);
    }) as Progress;
    timed.yield = progress.yield;
    return work(timed);
  });
  const job = await done;
  const ms = now() - t0;
  const phases: PhaseTimes = {};
  marks.forEach(([phase, start], k) => {
    phases[phase] = { startMs: start, ms: (marks[k + 1]?.[1] ?? ms) - start };
  });
  if (job.state !== 'done') throw new Error(`${kind} job failed: ${JSON.stringify(job.error).slice(0, 2000)}`);
  return { job, ms, phases };
}

/**
 * Calls `jobs.list` `gapMs` after each answer until stopped. Each wait is counted from when the call was due,
 * not from when this (in-process, so equally blocked) client got to send it: a renderer in another process
 * would have sent it on time and waited for the studio's loop to come free.
 */
function pinger(client: TestClient, gapMs: number): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    // Bounded: stops when asked, and never makes more than 100,000 calls.
    for (let k = 0; running && k < 100_000; k++) {
      const due = now() + gapMs;
      await sleep(gapMs);
      await client.call('jobs.list', {});
      samples.push(now() - due);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

function pragmas(db: Db): Record<string, unknown> {
  const get = (name: string) => db.pragma(name, { simple: true });
  return { journal_mode: get('journal_mode'), synchronous: get('synchronous'), foreign_keys: get('foreign_keys') };
}

/** The floor: the same rows, already parsed, inserted with one prepared statement in one transaction. */
function baselineInsert(db: Db, products: readonly BenchProduct[]): void {
  const insert = db.prepare(
    `INSERT INTO products (title, price_fen, original_price_fen, stock, sku, link, link_kind, selling_points, image_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const t = Date.now();
  db.transaction(() => {
    for (const p of products) {
      insert.run(p.title, p.priceFen, p.originalPriceFen, p.stock, p.sku, p.link, p.linkKind, p.sellingPoints, t, t);
    }
  }).immediate();
}

function checkImported(running: Running, products: readonly BenchProduct[]): ImportResult['spotCheck'] {
  const mismatches: string[] = [];
  const picks = [0, 1, 2, Math.floor(products.length / 2), products.length - 1].filter((i) => i < products.length);
  for (const i of picks) {
    const want = products[i]!;
    const got = running.studio.catalog.store.getBySku(want.sku);
    const same =
      got &&
      got.title === want.title &&
      got.priceFen === want.priceFen &&
      got.originalPriceFen === want.originalPriceFen &&
      got.stock === want.stock &&
      got.link === want.link &&
      got.linkKind === want.linkKind &&
      got.sellingPoints === want.sellingPoints;
    if (!same) mismatches.push(`${want.sku}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  }
  return { checked: picks.length, mismatches };
}

async function benchImport(running: Running, opts: CsvBenchOptions): Promise<ImportResult> {
  const { studio, host } = running;
  const rows = opts.products.length;
  const client = await TestClient.connect(host.port, host.token);
  await client.call('jobs.list', {}); // warm the path the pinger uses

  const stallWatch = watchEventLoop();
  await sleep(20);
  const ping = pinger(client, 10);
  const job = await timedJob(running, 'catalog.import', (progress) =>
    importProductsCsv(studio.catalog, opts.csv, progress),
  );
  const pingSamples = await ping.stop();
  await sleep(20);
  const studioStall = stallWatch.stop();
  client.close();

  // The same schema and pragmas as the studio's file: openDatabase is what the studio opens it with.
  const db = openDatabase(opts.baselineFile);
  const baselinePragmas = pragmas(db);
  let baselineMs: number;
  let baselineStall: StallReport;
  try {
    const watch = watchEventLoop();
    await sleep(20);
    const t0 = now();
    baselineInsert(db, opts.products);
    baselineMs = now() - t0;
    await sleep(20);
    baselineStall = watch.stop();
  } finally {
    db.close();
  }

  return {
    rows,
    csvBytes: opts.csv.byteLength,
    studio: {
      seconds: job.ms / 1000,
      rowsPerSecond: rows / (job.ms / 1000),
      summary: job.job.summary ?? {},
      phases: job.phases,
      stall: studioStall,
      ping: summarize(pingSamples),
    },
    baseline: { seconds: baselineMs / 1000, rowsPerSecond: rows / (baselineMs / 1000), stall: baselineStall },
    pragmas: { studio: pragmas(studio.db), baseline: baselinePragmas },
    spotCheck: checkImported(running, opts.products),
  };
}

const fen = (v: number) => `${Math.trunc(v / 100)}.${String(v % 100).padStart(2, '0')}`;
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

interface RawRow {
  id: number;
  title: string;
  price_fen: number;
  original_price_fen: number | null;
  stock: number;
  sku: string | null;
  link: string | null;
  selling_points: string;
  image_id: string | null;
}

/**
 * The floor: iterate the same table and join cells by hand (no formula defusing: the data has none to defuse),
 * in the export's columns, ending with the `商品ID` ref (`<studio id>-<product id>`).
 */
function baselineExport(
  db: Db,
  header: readonly string[],
  studioId: string,
  sample: () => void,
): { rows: number; bytes: Buffer } {
  const parts = [`\uFEFF${header.map(quote).join(',')}\r\n`];
  let rows = 0;
  const select = db.prepare<[], RawRow>('SELECT * FROM products WHERE archived_at IS NULL ORDER BY id');
  for (const r of select.iterate()) {
    parts.push(
      [
        quote(r.title),
        fen(r.price_fen),
        r.original_price_fen === null ? '' : fen(r.original_price_fen),
        String(r.stock),
        quote(r.sku ?? ''),
        quote(r.link ?? ''),
        quote(r.selling_points),
        r.image_id ?? '',
        `${studioId}-${r.id}`,
      ].join(',') + '\r\n',
    );
    if (++rows % 2000 === 0) sample();
  }
  return { rows, bytes: Buffer.from(parts.join('')) };
}

function exportSide(rows: number, bytes: number, ms: number, rss: ExportSide['rss'], stall: StallReport): ExportSide {
  const s = ms / 1000;
  return { rows, bytes, seconds: s, rowsPerSecond: rows / s, mbPerSecond: bytes / 1e6 / s, rss, stall };
}

async function benchExport(running: Running): Promise<ExportResult> {
  const { studio } = running;
  const gcAvailable = collectGarbage();
  let rssWatch = watchRss();
  let stallWatch = watchEventLoop();
  await sleep(20);
  const job = await timedJob(
    running,
    'catalog.export',
    (progress) => exportProductsCsv(studio.catalog, { archived: false, locale: 'zh-CN' }, progress),
    () => rssWatch.sample(),
  );
  const studioFile = studio.jobs.file(job.job.id).bytes;
  const studioRss = rssWatch.stop();
  await sleep(20);
  const studioStall = stallWatch.stop();
  const studioRows = Number(job.job.summary?.rows ?? 0);

  collectGarbage();
  rssWatch = watchRss();
  stallWatch = watchEventLoop();
  await sleep(20);
  const t0 = now();
  const base = baselineExport(studio.db, productCsvHeader('zh-CN'), studio.catalog.studioId(), () => rssWatch.sample());
  const baseMs = now() - t0;
  const baseRss = rssWatch.stop();
  await sleep(20);
  const baseStall = stallWatch.stop();

  return {
    gcAvailable,
    studio: { ...exportSide(studioRows, studioFile.byteLength, job.ms, studioRss, studioStall), phases: job.phases },
    baseline: exportSide(base.rows, base.bytes.byteLength, baseMs, baseRss, baseStall),
    identicalOutput: Buffer.compare(studioFile, base.bytes) === 0,
  };
}

export async function benchCatalogCsv(opts: CsvBenchOptions): Promise<CsvBenchResult> {
  const running = await runStudio(opts.dataDir);
  try {
    const importResult = await benchImport(running, opts);
    const exportResult = await benchExport(running);
    return { import: importResult, export: exportResult };
  } finally {
    await running.stop();
  }
}
