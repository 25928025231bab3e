// The report's numbers as tables: the show's totals, each product, each coupon, sales minute by minute, and the
// explanation segments the chart shades.
import { Fragment, type ReactNode } from 'react';
import type { Segment, SessionReport } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { ColumnHeads } from '../../../ui/ColumnHeads.tsx';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { clockLabel } from '../format.ts';
import { TotalsList } from '../TotalsBar.tsx';

export function ReportTotals({ report }: { report: SessionReport }) {
  const { t } = useT();
  return (
    <TotalsList
      totals={report.totals}
      label={t('orders.report.totals')}
      testId="report-totals"
      itemTestId="report"
      names={{ subtotal: 'orders.report.gmvBefore', paid: 'orders.report.gmvAfter' }}
    />
  );
}

/** A column of a report table: its heading's text, and whether it holds numbers (right-aligned). */
type Column = { label: MessageKey; num?: true };

const PRODUCT_COLUMNS: readonly Column[] = [
  { label: 'orders.report.link' },
  { label: 'orders.line.product' },
  { label: 'orders.totals.orders', num: true },
  { label: 'orders.totals.units', num: true },
  { label: 'orders.report.gmvBefore', num: true },
  { label: 'orders.report.gmvAfter', num: true },
];

const COUPON_COLUMNS: readonly Column[] = [
  { label: 'orders.col.coupon' },
  { label: 'orders.report.couponOrders', num: true },
  { label: 'orders.totals.discount', num: true },
];

interface ReportTableProps {
  caption: MessageKey;
  columns: readonly Column[];
  testId: string;
  rows: number;
  /** Said instead of the table when it has no rows. */
  empty: MessageKey;
  children: ReactNode;
}

/** One of the report's captioned tables, or the line saying there is nothing to list. */
function ReportTable({ caption, columns, testId, rows, empty, children }: ReportTableProps) {
  const { t } = useT();
  if (rows === 0) return <p className="muted">{t(empty)}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="report-table__caption">{t(caption)}</caption>
        <ColumnHeads columns={columns.map((c) => ({ ...c, label: t(c.label) }))} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function ProductTable({ report }: { report: SessionReport }) {
  const { t } = useT();
  const { products } = report;
  return (
    <ReportTable
      caption="orders.report.byProduct"
      columns={PRODUCT_COLUMNS}
      testId="report-products"
      rows={products.length}
      empty="orders.report.noSales"
    >
      {products.map((p) => (
        <Fragment key={p.productId}>
          <tr>
            <td>{p.linkNo !== null ? t('orders.linkNo', { n: p.linkNo }) : '—'}</td>
            <th scope="row">{p.title}</th>
            <td className="num">{p.orders}</td>
            <td className="num">{p.units}</td>
            <td className="num">{displayFen(p.subtotalFen)}</td>
            <td className="num">{displayFen(p.paidFen)}</td>
          </tr>
          {p.specs.map((s) => (
            <tr key={s.spec} className="report-table__spec">
              <td />
              <th scope="row">
                <span className="visually-hidden">{p.title} · </span>
                {s.spec || t('orders.report.noSpec')}
              </th>
              <td className="num">{s.orders}</td>
              <td className="num">{s.units}</td>
              <td className="num">{displayFen(s.subtotalFen)}</td>
              <td className="num">{displayFen(s.paidFen)}</td>
            </tr>
          ))}
        </Fragment>
      ))}
    </ReportTable>
  );
}

export function CouponTable({ report }: { report: SessionReport }) {
  const { coupons } = report;
  return (
    <ReportTable
      caption="orders.report.byCoupon"
      columns={COUPON_COLUMNS}
      testId="report-coupons"
      rows={coupons.length}
      empty="orders.report.noCoupons"
    >
      {coupons.map((c) => (
        <tr key={c.couponId}>
          <th scope="row">{c.name}</th>
          <td className="num">{c.orders}</td>
          <td className="num">{displayFen(c.discountFen)}</td>
        </tr>
      ))}
    </ReportTable>
  );
}

/** The chart's bars as numbers, for anyone who cannot see the chart (only the minutes that sold). */
export function MinuteTable({ report, spanMs }: { report: SessionReport; spanMs: number }) {
  const { t } = useT();
  const selling = report.buckets.filter((b) => b.orders > 0);
  return (
    <details className="report-minutes">
      <summary>{t('orders.report.byMinute', { count: selling.length })}</summary>
      <table className="data-table">
        <ColumnHeads
          columns={[
            { label: t('orders.report.minute') },
            { label: t('orders.totals.orders'), num: true },
            { label: t('orders.report.gmvAfter'), num: true },
          ]}
        />
        <tbody>
          {selling.map((b) => (
            <tr key={b.startClockMs}>
              <th scope="row">{clockLabel(b.startClockMs, spanMs)}</th>
              <td className="num">{b.orders}</td>
              <td className="num">{displayFen(b.paidFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The chart's shaded bands as rows: which link was explained from when to when on the show's clock. */
export function SegmentTable({
  segments,
  spanMs,
  report,
}: {
  segments: readonly Segment[];
  spanMs: number;
  report: SessionReport;
}) {
  const { t } = useT();
  const sold = new Map(report.explanations.map((e) => [e.segmentId, e]));
  return (
    <details className="report-minutes">
      <summary>{t('orders.report.bySegment', { count: segments.length })}</summary>
      <table className="data-table">
        <ColumnHeads
          columns={[
            { label: t('orders.report.link') },
            { label: t('orders.line.product') },
            { label: t('orders.report.segmentFrom') },
            { label: t('orders.report.segmentTo') },
            { label: t('orders.totals.orders'), num: true },
            { label: t('orders.report.segmentSold'), num: true },
          ]}
        />
        <tbody>
          {segments.map((s) => (
            <tr key={s.id}>
              <td>{t('orders.linkNo', { n: s.linkNo })}</td>
              <th scope="row">{s.title}</th>
              <td>{clockLabel(s.startClockMs, spanMs)}</td>
              <td>{s.endClockMs === null ? t('orders.report.segmentOpen') : clockLabel(s.endClockMs, spanMs)}</td>
              <td className="num">{sold.get(s.id)?.orders ?? 0}</td>
              <td className="num">
                {t('orders.report.segmentSoldValue', {
                  units: sold.get(s.id)?.units ?? 0,
                  paid: displayFen(sold.get(s.id)?.paidFen ?? 0),
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
