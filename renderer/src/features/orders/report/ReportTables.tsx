// The report's numbers as tables: the show's totals, each product, each coupon, sales minute by minute, and the
// explanation segments the chart shades.
import { Fragment } from 'react';
import type { Segment, SessionReport } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { ColumnHeads } from '../../../ui/ColumnHeads.tsx';
import { useT } from '../../../i18n/index.ts';
import { clockLabel } from '../format.ts';

export function ReportTotals({ report }: { report: SessionReport }) {
  const { t } = useT();
  const { totals } = report;
  const items = [
    ['orders', 'orders.totals.orders', String(totals.orders)],
    ['units', 'orders.totals.units', String(totals.units)],
    ['subtotal', 'orders.report.gmvBefore', displayFen(totals.subtotalFen)],
    ['discount', 'orders.totals.discount', displayFen(totals.discountFen)],
    ['paid', 'orders.report.gmvAfter', displayFen(totals.paidFen)],
  ] as const;
  return (
    <dl className="orders-totals" aria-label={t('orders.report.totals')} data-testid="report-totals">
      {items.map(([key, label, value]) => (
        <div key={key} className={`orders-totals__item orders-totals__item--${key}`} data-testid={`report-${key}`}>
          <dt>{t(label)}</dt>
          <dd className="num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ProductTable({ report }: { report: SessionReport }) {
  const { t } = useT();
  if (report.products.length === 0) return <p className="muted">{t('orders.report.noSales')}</p>;
  return (
    <div className="table-wrap">
      <table className="report-table" data-testid="report-products">
        <caption className="report-table__caption">{t('orders.report.byProduct')}</caption>
        <ColumnHeads
          columns={[
            { label: t('orders.report.link') },
            { label: t('orders.line.product') },
            { label: t('orders.totals.orders'), num: true },
            { label: t('orders.totals.units'), num: true },
            { label: t('orders.report.gmvBefore'), num: true },
            { label: t('orders.report.gmvAfter'), num: true },
          ]}
        />
        <tbody>
          {report.products.map((p) => (
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
        </tbody>
      </table>
    </div>
  );
}

export function CouponTable({ report }: { report: SessionReport }) {
  const { t } = useT();
  if (report.coupons.length === 0) return <p className="muted">{t('orders.report.noCoupons')}</p>;
  return (
    <div className="table-wrap">
      <table className="report-table" data-testid="report-coupons">
        <caption className="report-table__caption">{t('orders.report.byCoupon')}</caption>
        <ColumnHeads
          columns={[
            { label: t('orders.col.coupon') },
            { label: t('orders.report.couponOrders'), num: true },
            { label: t('orders.totals.discount'), num: true },
          ]}
        />
        <tbody>
          {report.coupons.map((c) => (
            <tr key={c.couponId}>
              <th scope="row">{c.name}</th>
              <td className="num">{c.orders}</td>
              <td className="num">{displayFen(c.discountFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart's bars as numbers, for anyone who cannot see the chart (only the minutes that sold). */
export function MinuteTable({ report, spanMs }: { report: SessionReport; spanMs: number }) {
  const { t } = useT();
  const selling = report.buckets.filter((b) => b.orders > 0);
  return (
    <details className="report-minutes">
      <summary>{t('orders.report.byMinute', { count: selling.length })}</summary>
      <table className="report-table">
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
      <table className="report-table">
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
