// The sums over every order the filters match (not just the rows in view), as the core counts them.
import { displayFen } from '../../../../electron/core/protocol/money.ts';
import { useT } from '../../i18n/index.ts';
import { useOrders } from '../../stores/orders.ts';

export function TotalsBar() {
  const { t } = useT();
  const totals = useOrders((s) => s.totals);
  if (!totals) return null;
  const items = [
    ['orders', 'orders.totals.orders', String(totals.orders)],
    ['units', 'orders.totals.units', String(totals.units)],
    ['subtotal', 'orders.totals.subtotal', displayFen(totals.subtotalFen)],
    ['discount', 'orders.totals.discount', displayFen(totals.discountFen)],
    ['paid', 'orders.totals.paid', displayFen(totals.paidFen)],
  ] as const;
  return (
    <dl className="orders-totals" aria-label={t('orders.totals.label')} data-testid="orders-totals">
      {items.map(([key, label, value]) => (
        <div key={key} className={`orders-totals__item orders-totals__item--${key}`} data-testid={`total-${key}`}>
          <dt>{t(label)}</dt>
          <dd className="num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
