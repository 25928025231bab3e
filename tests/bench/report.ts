// The benchmark's output: a table on stdout and every raw number (with the machine it ran on) as JSON.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface Row {
  name: string;
  unit: string;
  studio: number | null;
  baseline: number | null;
  /** Rates (rows/s) are better high; times and sizes are better low. Decides which way the ratio reads. */
  higherIsBetter?: boolean;
  note?: string;
}

/** How many times the baseline's cost the studio pays: above 1 the studio is slower (or bigger). */
export function costRatio(row: Row): number | null {
  const { studio, baseline } = row;
  if (studio === null || baseline === null || studio <= 0 || baseline <= 0) return null;
  return row.higherIsBetter ? baseline / studio : studio / baseline;
}

function fmt(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 10_000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

export function formatTable(rows: readonly Row[]): string {
  const head = ['benchmark', 'unit', 'studio', 'baseline', 'ratio'];
  const body = rows.map((r) => {
    const ratio = costRatio(r);
    return [r.name, r.unit, fmt(r.studio), fmt(r.baseline), ratio === null ? '—' : `${ratio.toFixed(2)}×`];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const notes = rows.filter((r) => r.note).map((r) => `  * ${r.name}: ${r.note}`);
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    'ratio = cost of the studio ÷ cost of the baseline (time, or 1/rate): above 1 the studio is slower or bigger.',
    ...notes,
  ].join('\n');
}

const FS_TYPES: Record<number, string> = {
  0xef53: 'ext2/3/4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
  0x6969: 'nfs',
};

function packageVersion(name: string): string | null {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(dataRoot: string): Record<string, unknown> {
  const mem = new Database(':memory:');
  const sqliteVersion = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  mem.close();
  const cpus = os.cpus();
  let fsType: string | null = null;
  try {
    const type = fs.statfsSync(dataRoot).type;
    fsType = FS_TYPES[type] ?? `0x${type.toString(16)}`;
  } catch {
    // unknown
  }
  return {
    date: new Date().toISOString(),
    /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews every figure. */
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    cpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? null,
    totalMemMb: Math.round(os.totalmem() / 1e6),
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    node: process.version,
    v8: process.versions.v8,
    sqlite: sqliteVersion,
    betterSqlite3: packageVersion('better-sqlite3'),
    ws: packageVersion('ws'),
    dataRoot,
    dataRootFs: fsType,
    gitCommit: gitCommit(),
  };
}

/** A line to print when other work keeps the CPUs busy (load above ¾ of the cores), else null. */
export function busyMachineWarning(): string | null {
  const [load = 0] = os.loadavg();
  const cores = os.availableParallelism();
  return load > cores * 0.75
    ? `NOTE: load average ${load.toFixed(2)} on ${cores} cores: other work is running, figures are noisy (ratios less so).`
    : null;
}

export function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}
