// Small measuring tools for the benchmarks: latency summaries, event-loop stalls, resident memory peaks, GC.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface LatencySummary {
  n: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentiles over samples in milliseconds. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samplesMs).sort();
  const n = sorted.length;
  if (n === 0) return { n: 0, p50Ms: NaN, p90Ms: NaN, p99Ms: NaN, maxMs: NaN, meanMs: NaN };
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs: sorted[n - 1]!, meanMs: sum / n };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const now = (): number => performance.now();

export interface StallReport {
  /** Longest time a 10 ms timer was held up: the longest the UI (and every client) could not be answered. */
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

/** Watches event-loop delay from now until stop() is called. */
export function watchEventLoop(): { stop(): StallReport } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return {
    stop() {
      h.disable();
      const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
      return { maxMs: ms(h.max), p99Ms: ms(h.percentile(99)), meanMs: ms(h.mean) };
    },
  };
}

export interface MemoryPeak {
  startMb: number;
  peakMb: number;
  peakDeltaMb: number;
  /** The same for V8 heap used + external (Buffers): what the code allocated, whether or not the OS saw it. */
  heapStartMb: number;
  heapPeakDeltaMb: number;
}

/**
 * Samples memory on a timer and whenever sample() is called (from code that blocks the loop between yields,
 * the timer alone would miss peaks). Reports peaks above the levels when it started.
 */
export function watchMemory(intervalMs = 5): { sample(): void; stop(): MemoryPeak } {
  const heap = () => {
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed + m.external };
  };
  const start = heap();
  const peak = { ...start };
  const sample = () => {
    const m = heap();
    if (m.rss > peak.rss) peak.rss = m.rss;
    if (m.heap > peak.heap) peak.heap = m.heap;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      const mb = (b: number) => b / 1e6;
      return {
        startMb: mb(start.rss),
        peakMb: mb(peak.rss),
        peakDeltaMb: mb(peak.rss - start.rss),
        heapStartMb: mb(start.heap),
        heapPeakDeltaMb: mb(peak.heap - start.heap),
      };
    },
  };
}

let gcFn: (() => void) | null | undefined;

/** A full GC when the runtime allows it (exposed on demand, so `node run.ts` needs no flag); else nothing. */
export function collectGarbage(): boolean {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  if (!gcFn) return false;
  gcFn();
  gcFn();
  return true;
}

export const round = (v: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
