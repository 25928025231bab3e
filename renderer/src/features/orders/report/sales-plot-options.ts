// How uPlot draws the sales chart: this show's minutes as bars, each compared show as a line, the session clock
// across and yuan up; drag along the time axis to zoom. Colours come from the theme's CSS (a canvas cannot use
// var()), read off the chart's element when the plot is made.
import uPlot from 'uplot';
import type { PlotOptions } from '../../../ui/chart/useUplot.ts';
import { CLOCK_STEPS, clampZoom, YUAN_STEPS, yuanLabel, yuanTop } from './sales-chart-data.ts';

export interface SalesPlotSpec {
  /** The colour slot (1–4) of each compared show's line, in series order. */
  comparedSlots: readonly number[];
  /** A tick's label: minutes into the show as the session clock. */
  clock: (minute: number) => string;
  /** How many minutes the axis covers now (it grows while a show is live). */
  totalMinutes: () => number;
}

export interface SalesPlotHooks {
  onCursor: (u: uPlot) => void;
  onZoom: (u: uPlot) => void;
  onReady: (u: uPlot) => void;
}

export function salesPlotOptions(el: HTMLElement, spec: SalesPlotSpec, hooks: SalesPlotHooks): PlotOptions {
  const css = getComputedStyle(el);
  const color = (name: string) => css.getPropertyValue(name).trim();
  const axis = {
    stroke: color('--text-muted'),
    font: `12px ${color('--font')}`,
    grid: { stroke: color('--border'), dash: [3, 4], width: 1 },
    ticks: { show: false },
  };
  return {
    legend: { show: false },
    padding: [12, 24, 0, 0],
    cursor: { y: false, drag: { x: true, y: false, setScale: true, dist: 5 } },
    scales: {
      x: {
        time: false,
        range: (_u, min, max) => (min == null ? [0, spec.totalMinutes()] : clampZoom(min, max, spec.totalMinutes())),
      },
      y: { range: (_u, _min, max) => [0, yuanTop(max ?? 0)] },
    },
    axes: [
      {
        ...axis,
        border: { show: true, stroke: color('--border-strong'), width: 1 },
        incrs: CLOCK_STEPS,
        space: 72,
        values: (_u, splits) => splits.map(spec.clock),
      },
      {
        ...axis,
        size: 64,
        incrs: YUAN_STEPS,
        space: 40,
        values: (_u, splits) => splits.map(yuanLabel),
      },
    ],
    series: [
      {},
      {
        fill: color('--accent'),
        stroke: color('--accent'),
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.9, Infinity, 1] }),
        points: { show: false },
      },
      ...spec.comparedSlots.map((slot) => ({
        stroke: color(`--compare-${slot}`),
        width: 2,
      })),
    ],
    hooks: {
      setCursor: [hooks.onCursor],
      setScale: [(u, key) => (key === 'x' ? hooks.onZoom(u) : undefined)],
      ready: [hooks.onReady],
    },
  };
}
