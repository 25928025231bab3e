// Sales per minute over the session clock, as bars, with each explanation segment a shaded band labelled with
// its link number: what was being explained when the money came in. Drawn as SVG by hand (no chart library);
// one image to assistive technology, summarised in its label, with the same numbers in the tables below.
import type { Segment, SessionReport } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { useT } from '../../../i18n/index.ts';
import { clockLabel, reportSpan } from '../format.ts';

const W = 960;
const H = 300;
const M = { left: 72, right: 16, top: 30, bottom: 34 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const MINUTE = 60_000;
const TICK_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480];

/** A round step so the y axis has about four gridlines: 1, 2 or 5 × a power of ten (in yuan). */
function niceStep(maxFen: number): number {
  const rough = Math.max(1, maxFen / 100 / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return step * 100;
}

const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`;

interface SalesChartProps {
  report: SessionReport;
  segments: readonly Segment[];
  /** How long the show ran (or has run), so the axis covers it even where nothing sold. */
  durationMs: number;
}

export function SalesChart({ report, segments, durationMs }: SalesChartProps) {
  const { t } = useT();
  const { buckets, bucketMs } = report;
  const span = reportSpan(report, segments, durationMs);
  const maxFen = Math.max(0, ...buckets.map((b) => b.paidFen));
  const yStep = niceStep(maxFen);
  const yMax = Math.max(yStep, Math.ceil(maxFen / yStep) * yStep);
  const x = (ms: number) => M.left + (Math.min(ms, span) / span) * PLOT_W;
  const y = (fen: number) => M.top + PLOT_H - (fen / yMax) * PLOT_H;

  const tickMinutes = TICK_MINUTES.find((m) => span / (m * MINUTE) <= 10) ?? 480;
  const xTicks: number[] = [];
  for (let ms = 0; ms <= span; ms += tickMinutes * MINUTE) xTicks.push(ms);
  const yTicks: number[] = [];
  for (let fen = 0; fen <= yMax; fen += yStep) yTicks.push(fen);

  const peak = buckets.reduce<(typeof buckets)[number] | null>(
    (best, b) => (!best || b.paidFen > best.paidFen ? b : best),
    null,
  );
  const summary =
    peak && peak.paidFen > 0
      ? t('orders.report.chartSummary', {
          minutes: Math.ceil(span / MINUTE),
          peak: displayFen(peak.paidFen),
          at: clockLabel(peak.startClockMs, span),
          segments: segments.length,
        })
      : t('orders.report.chartEmpty', { minutes: Math.ceil(span / MINUTE), segments: segments.length });
  const barWidth = Math.max(1, (bucketMs / span) * PLOT_W - 1);

  return (
    <figure className="sales-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
        className="sales-chart__svg"
        data-testid="sales-chart"
      >
        <g className="sales-chart__bands">
          {segments.map((segment) => {
            const left = x(segment.startClockMs);
            const width = Math.max(2, x(segment.endClockMs ?? durationMs) - left);
            return (
              <g key={segment.id} data-link-no={segment.linkNo}>
                <rect x={left} y={M.top} width={width} height={PLOT_H} className="sales-chart__band">
                  <title>
                    {`${t('orders.linkNo', { n: segment.linkNo })} ${segment.title} · ${clockLabel(segment.startClockMs, span)}–${clockLabel(segment.endClockMs ?? durationMs, span)}`}
                  </title>
                </rect>
                {width >= 16 ? (
                  <text x={left + width / 2} y={M.top - 8} textAnchor="middle" className="sales-chart__band-label">
                    {t('orders.linkNo', { n: segment.linkNo })}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
        <g className="sales-chart__grid">
          {yTicks.map((fen) => (
            <g key={fen}>
              <line x1={M.left} x2={W - M.right} y1={y(fen)} y2={y(fen)} />
              <text x={M.left - 8} y={y(fen)} dy="0.32em" textAnchor="end" className="sales-chart__label">
                {yuan(fen)}
              </text>
            </g>
          ))}
        </g>
        <g className="sales-chart__bars">
          {buckets
            .filter((b) => b.paidFen > 0)
            .map((b) => (
              <rect
                key={b.startClockMs}
                x={x(b.startClockMs) + 0.5}
                y={y(b.paidFen)}
                width={barWidth}
                height={M.top + PLOT_H - y(b.paidFen)}
                className="sales-chart__bar"
              />
            ))}
        </g>
        <g className="sales-chart__axis">
          <line x1={M.left} x2={W - M.right} y1={M.top + PLOT_H} y2={M.top + PLOT_H} />
          {xTicks.map((ms) => (
            <text key={ms} x={x(ms)} y={H - 12} textAnchor="middle" className="sales-chart__label">
              {clockLabel(ms, span)}
            </text>
          ))}
        </g>
      </svg>
      <figcaption className="sales-chart__caption muted">
        <span className="sales-chart__key sales-chart__key--bar" aria-hidden="true" />
        {t('orders.report.legendSales')}
        <span className="sales-chart__key sales-chart__key--band" aria-hidden="true" />
        {t('orders.report.legendSegments')}
      </figcaption>
    </figure>
  );
}
