// What the chart says about one minute: its clock, what was paid and in how many orders, which links were being
// explained, and each compared show's same minute. Drawn beside the cursor for the eye; read out (polite live
// region) when the minute was reached from the keyboard.
import type { Segment } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { useT } from '../../../i18n/index.ts';
import type { MinuteSales } from './sales-chart-data.ts';

export interface TipMinute {
  clock: string;
  /** null past the end of this show (the axis runs on for a longer compared show). */
  own: MinuteSales | null;
  explained: readonly Segment[];
  /** Each compared show at this minute: null past its end. */
  compared: ReadonlyArray<{ sessionId: number; name: string; slot: number; sales: MinuteSales | null }>;
}

export interface TipPlace {
  /** The minute's middle, in CSS pixels from the chart's left edge. */
  left: number;
  top: number;
  /** Right of the middle of the plot: the tip opens to the left so it stays inside. */
  flip: boolean;
}

function useTipLines(minute: TipMinute) {
  const { t } = useT();
  const sold = (s: MinuteSales | null) =>
    s ? t('orders.report.tipSold', { paid: displayFen(s.paidFen), orders: s.orders }) : t('orders.report.tipPastEnd');
  const explaining =
    minute.explained.length > 0
      ? t('orders.report.tipExplaining', {
          links: minute.explained.map((s) => `${t('orders.linkNo', { n: s.linkNo })} ${s.title}`).join(' · '),
        })
      : t('orders.report.tipNotExplaining');
  return {
    separator: t('orders.report.tipSeparator'),
    own: sold(minute.own),
    explaining,
    compared: minute.compared.map((c) => ({
      ...c,
      text: t('orders.report.tipCompared', {
        name: c.name,
        sold: sold(c.sales),
      }),
    })),
  };
}

export function SalesTip({ minute, place }: { minute: TipMinute; place: TipPlace }) {
  const lines = useTipLines(minute);
  return (
    <div
      className={`sales-chart__tip${place.flip ? ' sales-chart__tip--flip' : ''}`}
      style={{ left: place.left, top: place.top }}
      data-testid="sales-chart-tip"
      aria-hidden="true"
    >
      <p className="sales-chart__tip-clock">{minute.clock}</p>
      <p className="sales-chart__tip-sold">{lines.own}</p>
      <p className="sales-chart__tip-links">{lines.explaining}</p>
      {lines.compared.map((c) => (
        <p key={c.sessionId} className="sales-chart__tip-compared">
          <span className={`sales-chart__key sales-chart__key--compare-${c.slot}`} />
          {c.text}
        </p>
      ))}
    </div>
  );
}

/** The same minute as one sentence for a screen reader, kept in a region that exists before it changes. */
export function SalesTipAnnouncement({ minute }: { minute: TipMinute | null }) {
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="sales-chart-announcement">
      {minute ? <TipSentence minute={minute} /> : null}
    </p>
  );
}

function TipSentence({ minute }: { minute: TipMinute }) {
  const lines = useTipLines(minute);
  return [minute.clock, lines.own, lines.explaining, ...lines.compared.map((c) => c.text)].join(lines.separator);
}
