// Sales per minute over the session clock, as bars, with each explanation segment a shaded band labelled with
// its link number: what was being explained when the money came in. Hover or the keys show a minute's numbers;
// drag zooms; up to four other shows can be laid over it as lines. One image to assistive technology,
// summarised in its label, with the same numbers in the tables below.
//
// Drawn by uPlot (canvas). Measured for this chart (bars, lines, cursor, drag zoom, legend) with `vite build`,
// minified: uPlot 1.6.32 51 kB (22 kB gzip) with cursor and drag zoom built in; Chart.js 4.6.1 tree-shaken with
// chartjs-plugin-zoom 205 kB (71 kB gzip), 247 kB with the annotation plugin for the bands; ECharts 6.1.0 through
// `echarts/core` with bar, line, grid, tooltip, dataZoom, legend, markArea 582 kB (196 kB gzip). The tooltip,
// legend and bands are our own DOM anyway (both languages, keyboard, the live region), so uPlot's smaller core
// gives up nothing we use.
import { useCallback, useId, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Segment, SessionReport } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { useT } from '../../../i18n/index.ts';
import { useLive } from '../../../stores/live.ts';
import { Button } from '../../../ui/Button.tsx';
import { clockLabel, reportSpan } from '../format.ts';
import { CompareShows, showName } from './CompareShows.tsx';
import { explainedDuring, perMinute, plotData, reportMinutes } from './sales-chart-data.ts';
import { SalesBands } from './SalesBands.tsx';
import { SalesLegend } from './SalesLegend.tsx';
import { SalesTip, SalesTipAnnouncement, type TipMinute } from './SalesTip.tsx';
import { useComparedReports } from './useComparedReports.ts';
import { useSalesPlot } from './useSalesPlot.ts';

interface SalesChartProps {
  report: SessionReport;
  segments: readonly Segment[];
  /** How long the show ran (or has run), so the axis covers it even where nothing sold. */
  durationMs: number;
}

export function SalesChart({ report, segments, durationMs }: SalesChartProps) {
  const { t, locale } = useT();
  const keysId = useId();
  const sessions = useLive((s) => s.sessions);
  const [chosen, setChosen] = useState<number[]>([]);
  const compared = useComparedReports(chosen);

  const { bucketMs } = report;
  const span = reportSpan(report, segments, durationMs);
  const ownMinutes = Math.ceil(span / bucketMs);
  // Each loaded show keeps the colour of its place in the choice, so the legend and the lines agree.
  const lines = useMemo(
    () => compared.flatMap((c, i) => (c.report ? [{ sessionId: c.sessionId, slot: i + 1, report: c.report }] : [])),
    [compared],
  );
  const total = Math.max(ownMinutes, ...lines.map((l) => reportMinutes(l.report)));
  const own = useMemo(() => perMinute(report, ownMinutes), [report, ownMinutes]);
  const others = useMemo(() => lines.map((l) => perMinute(l.report, reportMinutes(l.report))), [lines]);
  const data = useMemo(() => plotData(own, others, total), [own, others, total]);
  const axisSpan = total * bucketMs;
  const clock = useCallback((minute: number) => clockLabel(minute * bucketMs, axisSpan), [bucketMs, axisSpan]);

  const { container, under, range, zoomed, cursor, resetZoom, onKeyDown, onFocus, onBlur, onPointerMove } =
    useSalesPlot({ data, total, comparedSlots: lines.map((l) => l.slot), clock });

  const tipMinute = (minute: number): TipMinute => ({
    clock: clock(minute),
    own: own[minute] ?? null,
    explained: explainedDuring(segments, minute, bucketMs, durationMs),
    compared: lines.map((l, i) => ({
      sessionId: l.sessionId,
      name: showName(t, sessions, l.sessionId),
      slot: l.slot,
      sales: others[i]![minute] ?? null,
    })),
  });
  const tip = cursor ? tipMinute(cursor.minute) : null;

  const peak = report.buckets.reduce<(typeof report.buckets)[number] | null>(
    (best, b) => (!best || b.paidFen > best.paidFen ? b : best),
    null,
  );
  const minutes = Math.ceil(span / 60_000);
  const summary =
    (peak && peak.paidFen > 0
      ? t('orders.report.chartSummary', {
          minutes,
          peak: displayFen(peak.paidFen),
          at: clockLabel(peak.startClockMs, span),
          segments: segments.length,
        })
      : t('orders.report.chartEmpty', { minutes, segments: segments.length })) +
    (lines.length > 0
      ? t('orders.report.chartCompared', {
          shows: new Intl.ListFormat(locale).format(lines.map((l) => showName(t, sessions, l.sessionId))),
        })
      : '');

  return (
    <figure className="sales-chart">
      <div className="sales-chart__tools">
        <CompareShows sessionId={report.sessionId} chosen={chosen} onChange={setChosen} />
        <div className="sales-chart__zoom">
          <span className="sales-chart__range muted" data-testid="sales-chart-range">
            {t('orders.report.chartRange', { from: clock(range.min), to: clock(range.max) })}
          </span>
          <Button size="small" onClick={resetZoom} disabled={!zoomed}>
            {t('orders.report.resetZoom')}
          </Button>
        </div>
      </div>
      <div className="sales-chart__stage">
        <div
          ref={container}
          className="sales-chart__plot"
          role="img"
          aria-label={summary}
          aria-describedby={keysId}
          tabIndex={0}
          data-testid="sales-chart"
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
          onPointerMove={onPointerMove}
        />
        {under
          ? createPortal(
              <SalesBands segments={segments} durationMs={durationMs} bucketMs={bucketMs} range={range} />,
              under,
            )
          : null}
        {tip && cursor ? <SalesTip minute={tip} place={cursor} /> : null}
      </div>
      <SalesTipAnnouncement minute={cursor?.byKeys ? tip : null} />
      <p id={keysId} className="sales-chart__keys muted">
        {t('orders.report.chartKeys')}
      </p>
      <SalesLegend compared={compared} sessions={sessions} />
    </figure>
  );
}
