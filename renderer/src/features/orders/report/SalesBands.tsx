// The explanation segments as shaded bands under the bars, each labelled with its link number, placed by share
// of the time range in view so a zoom or a resize moves them with the plot.
import type { Segment } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import type { Range } from './useSalesPlot.ts';

interface SalesBandsProps {
  segments: readonly Segment[];
  durationMs: number;
  bucketMs: number;
  range: Range;
}

export function SalesBands({ segments, durationMs, bucketMs, range }: SalesBandsProps) {
  const { t } = useT();
  const width = range.max - range.min;
  const percent = (minutes: number) => `${(minutes / width) * 100}%`;
  return segments.map((segment) => {
    const from = segment.startClockMs / bucketMs;
    const to = (segment.endClockMs ?? durationMs) / bucketMs;
    return (
      <div
        key={segment.id}
        className="sales-chart__band"
        data-link-no={segment.linkNo}
        style={{ left: percent(from - range.min), width: percent(Math.max(0, to - from)) }}
      >
        <span className="sales-chart__band-label">{t('orders.linkNo', { n: segment.linkNo })}</span>
      </div>
    );
  });
}
