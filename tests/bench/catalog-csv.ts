// Products CSV import and export through the real jobs, each beside a plain better-sqlite3 baseline doing the
// same writes (or building the same file) with nothing else: no parsing, no checks, no events, no yields.
import { setTimeout as sleep } from 'node:timers/promises';
import { importProducts } from '../../electron/core/catalog/product-import.ts';
import { openDatabase, type Db } from '../../electron/core/db/connection.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';
import { exportInChild, type ExportSide } from './catalog-export.ts';
import { now, summarize, watchEventLoop, type LatencySummary, type StallReport } from './measure.ts';
import { timedJob, type PhaseTimes } from './timed-job.ts';
import type { BenchProduct } from './product-data.ts';

export interface CsvBenchOptions {
  dataDir: string;
  baselineFile: string;
  products: readonly BenchProduct[];
  csv: Buffer;
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
    /** A client calling `jobs.list` 10 ms after each answer during the import; waits count from when due. */
    ping: LatencySummary;
  };
  baseline: { seconds: number; rowsPerSecond: number; stall: StallReport };
  pragmas: { studio: Record<string, unknown>; baseline: Record<string, unknown> };
  spotCheck: { checked: number; mismatches: string[] };
}

export interface ExportResult {
  studio: ExportSide;
  baseline: ExportSide;
  /** The baseline writes byte-for-byte the file the studio writes (so both did the same work). */
  identicalOutput: boolean;
}

export interface CsvBenchResult {
  import: ImportResult;
  export: ExportResult;
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
  const job = await timedJob(studio.jobs, 'catalog.import', (progress) =>
    importProducts(studio.catalog, opts.csv, progress),
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

export async function benchCatalogCsv(opts: CsvBenchOptions): Promise<CsvBenchResult> {
  const running = await runStudio(opts.dataDir);
  let importResult: ImportResult;
  try {
    importResult = await benchImport(running, opts);
  } finally {
    await running.stop();
  }
  // Baseline second: by then the database pages are as warm in the OS cache for it as for the studio.
  const studio = await exportInChild('studio', opts.dataDir);
  const baseline = await exportInChild('baseline', opts.dataDir);
  return {
    import: importResult,
    export: { studio, baseline, identicalOutput: studio.sha256 === baseline.sha256 },
  };
}
