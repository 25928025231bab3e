// The sales chart's numbers, apart from any drawing: minutes on the session clock, the series the plot draws,
// which links were explained in a minute, and the ticks and zoom limits of its axes. Pure, so unit-tested.
import type { AlignedData } from 'uplot';
import type { Segment, SessionReport } from '../../../../../electron/core/protocol/contract.ts';

export interface MinuteSales {
  orders: number;
  paidFen: number;
}

/** The narrowest zoom, in minutes: below this a bar fills the plot and says nothing a tooltip does not. */
export const MIN_ZOOM_MINUTES = 2;

/** The time axis's tick steps in minutes; uPlot takes the smallest that leaves its labels room. */
export const CLOCK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480];

/** The money axis's tick steps in fen: 1, 2 or 5 × a power of ten yuan, never a fraction of one. */
export const YUAN_STEPS = Array.from({ length: 9 }, (_, k) => [1, 2, 5].map((m) => m * 100 * 10 ** k)).flat();

/** Every minute of the span, zeros included (the report leaves out minutes after its last sale while live). */
export function perMinute(report: SessionReport, minutes: number): MinuteSales[] {
  const sales: MinuteSales[] = Array.from({ length: minutes }, () => ({ orders: 0, paidFen: 0 }));
  for (const b of report.buckets) {
    const minute = Math.floor(b.startClockMs / report.bucketMs);
    if (minute >= 0 && minute < minutes) sales[minute] = { orders: b.orders, paidFen: b.paidFen };
  }
  return sales;
}

/** A show's own length in whole minutes of its report: the minutes it sold in, or more. */
export const reportMinutes = (report: SessionReport): number => report.buckets.length;

/**
 * uPlot's aligned columns. x is the minute's middle (m + 0.5), so the bar under the pointer is the nearest point;
 * x = 0 and x = total with no values (undefined, which uPlot leaves out of bar widths) make its own "zoom out"
 * (a double-click) return to the whole show. Past a show's end its line stops (null) instead of dropping to 0.
 */
export function plotData(own: readonly MinuteSales[], compared: ReadonlyArray<readonly MinuteSales[]>, total: number) {
  const x = [0, ...Array.from({ length: total }, (_, m) => m + 0.5), total];
  const column = (sales: readonly MinuteSales[]) => [
    undefined,
    ...Array.from({ length: total }, (_, m) => (m < sales.length ? sales[m]!.paidFen : null)),
    undefined,
  ];
  return [x, column(own), ...compared.map(column)] as AlignedData;
}

/** The links explained at any moment of minute `minute`, each once, in the order they began. */
export function explainedDuring(
  segments: readonly Segment[],
  minute: number,
  bucketMs: number,
  durationMs: number,
): Segment[] {
  const from = minute * bucketMs;
  const to = from + bucketMs;
  const seen = new Set<number>();
  return segments
    .filter((s) => s.startClockMs < to && Math.max(s.endClockMs ?? durationMs, s.startClockMs + 1) > from)
    .sort((a, b) => a.startClockMs - b.startClockMs)
    .filter((s) => !seen.has(s.linkNo) && seen.add(s.linkNo));
}

/** A zoom kept inside the show and no narrower than MIN_ZOOM_MINUTES (widened around its middle). */
export function clampZoom(min: number, max: number, total: number): [number, number] {
  if (min >= 0 && max <= total && max - min >= Math.min(total, MIN_ZOOM_MINUTES)) return [min, max];
  const width = Math.min(total, Math.max(MIN_ZOOM_MINUTES, max - min));
  const middle = (min + max) / 2;
  const from = Math.min(Math.max(0, middle - width / 2), total - width);
  return [from, from + width];
}

/** The keyboard's zoom: `factor` < 1 narrows around `center`, > 1 widens, keeping `center` where it was. */
export function zoomAround(
  range: { min: number; max: number },
  center: number,
  factor: number,
  total: number,
): [number, number] {
  const min = center - (center - range.min) * factor;
  const max = center + (range.max - center) * factor;
  return clampZoom(min, max, total);
}

/** A round step so the money axis has about four gridlines: 1, 2 or 5 × a power of ten yuan. */
function yuanStep(maxFen: number): number {
  const rough = Math.max(1, maxFen / 100 / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return step * 100;
}

/** The money axis's top: the next round step above the highest bar, never below one step. */
export function yuanTop(maxFen: number): number {
  const step = yuanStep(maxFen);
  return Math.max(step, Math.ceil(maxFen / step) * step);
}

/** The y axis's label: whole yuan, grouped (the tooltip gives the exact amount). */
export const yuanLabel = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`;
