// The sales chart's plot and what it tells React: the minute under the cursor (pointer or keys), the time range
// in view (zoom), and the element the explanation bands are drawn into. Keys: ←/→ a minute, Home/End the first
// and last in view, + and − zoom around the cursor, 0 the whole show.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type uPlot from 'uplot';
import { useUplot } from '../../../ui/chart/useUplot.ts';
import { zoomAround } from './sales-chart-data.ts';
import { salesPlotOptions } from './sales-plot-options.ts';
import type { TipPlace } from './SalesTip.tsx';

const HEIGHT = 300;

export interface Range {
  min: number;
  max: number;
}

export interface CursorAt extends TipPlace {
  minute: number;
  /** Reached from the keyboard: read out, and hidden again when focus leaves. */
  byKeys: boolean;
}

interface SalesPlotInput {
  data: uPlot.AlignedData;
  /** Minutes the axis covers. */
  total: number;
  comparedSlots: readonly number[];
  clock: (minute: number) => string;
}

export function useSalesPlot({ data, total, comparedSlots, clock }: SalesPlotInput) {
  const container = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<Range>({ min: 0, max: total });
  const [cursor, setCursor] = useState<CursorAt | null>(null);
  const [under, setUnder] = useState<HTMLElement | null>(null);
  // Read by the plot's callbacks, which outlive a render.
  const latest = useRef({ total, clock, zoom: null as Range | null, byKeys: false });
  useEffect(() => {
    latest.current.total = total;
    latest.current.clock = clock;
  }, [total, clock]);

  const slotsKey = comparedSlots.join(',');
  const build = useCallback(
    (el: HTMLElement) =>
      salesPlotOptions(
        el,
        {
          comparedSlots: slotsKey ? slotsKey.split(',').map(Number) : [],
          clock: (minute) => latest.current.clock(minute),
          totalMinutes: () => latest.current.total,
        },
        {
          onCursor(u) {
            const left = u.cursor.left ?? -1;
            if (left < 0) {
              setCursor(null);
              return;
            }
            const last = latest.current.total - 1;
            const minute = Math.min(last, Math.max(0, Math.floor(u.posToVal(left, 'x'))));
            const middle = u.valToPos(minute + 0.5, 'x');
            const next = {
              minute,
              left: u.over.offsetLeft + middle,
              top: u.over.offsetTop + 8,
              flip: middle > u.over.clientWidth / 2,
              byKeys: latest.current.byKeys,
            };
            setCursor((was) =>
              was && was.minute === next.minute && was.left === next.left && was.byKeys === next.byKeys ? was : next,
            );
          },
          onZoom(u) {
            const { min = 0, max = latest.current.total } = u.scales.x!;
            setRange({ min, max });
            latest.current.zoom = min > 0 || max < latest.current.total ? { min, max } : null;
          },
          onReady(u) {
            setUnder(u.under);
            // A new plot (another show compared) keeps the zoom the old one had.
            if (latest.current.zoom) u.setScale('x', latest.current.zoom);
          },
        },
      ),
    [slotsKey],
  );
  const plot = useUplot(container, build, data, HEIGHT);

  const zoomTo = useCallback((min: number, max: number) => plot.current?.setScale('x', { min, max }), [plot]);
  const resetZoom = useCallback(() => zoomTo(0, latest.current.total), [zoomTo]);

  /** Puts the cursor on a minute's bar, as if the pointer were there. */
  const showMinute = (minute: number) => {
    const u = plot.current;
    if (!u) return;
    latest.current.byKeys = true;
    u.setCursor({ left: u.valToPos(minute + 0.5, 'x'), top: u.over.clientHeight / 2 });
  };

  // The minutes whose bars are in view.
  const first = Math.max(0, Math.ceil(range.min - 0.5));
  const last = Math.min(total - 1, Math.max(first, Math.floor(range.max - 0.5)));

  const onKeyDown = (e: KeyboardEvent) => {
    const at = cursor ? Math.min(last, Math.max(first, cursor.minute)) : first;
    const zoomBy = (factor: number) => zoomTo(...zoomAround(range, at + 0.5, factor, total));
    const actions: Record<string, () => number> = {
      ArrowRight: () => (cursor ? Math.min(last, at + 1) : at),
      ArrowLeft: () => (cursor ? Math.max(first, at - 1) : at),
      Home: () => first,
      End: () => last,
      '+': () => (zoomBy(0.5), at),
      '=': () => (zoomBy(0.5), at),
      '-': () => (zoomBy(2), at),
      '0': () => (resetZoom(), at),
    };
    const action = actions[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    showMinute(action());
  };

  return {
    container,
    under,
    range,
    zoomed: range.min > 0 || range.max < total,
    cursor,
    resetZoom,
    onKeyDown,
    /** Focus with no pointer over the chart shows the first minute in view at once. */
    onFocus: () => (cursor ? undefined : showMinute(first)),
    onBlur: () => (cursor?.byKeys ? plot.current?.setCursor({ left: -10, top: -10 }) : undefined),
    /** The pointer takes over from the keys. */
    onPointerMove: () => {
      latest.current.byKeys = false;
    },
  };
}
