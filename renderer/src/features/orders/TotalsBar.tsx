// The sums over every order the filters match (not just the rows in view), as the core counts them; the same
// list gives the show report its totals.
import type { OrderTotals } from '../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../electron/core/protocol/money.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useOrders } from '../../stores/orders.ts';

export function TotalsBar() {
  const { t } = useT();
  const totals = useOrders((s) => s.totals);
  if (!totals) return null;
  return (
    <TotalsList
      totals={totals}
      label={t('orders.totals.label')}
      testId="orders-totals"
      itemTestId="total"
      names={{ subtotal: 'orders.totals.subtotal', paid: 'orders.totals.paid' }}
    />
  );
}

interface TotalsListProps {
  totals: OrderTotals;
  label: string;
  /** The list's test id; each item's is `${itemTestId}-orders`, `-units`, `-subtotal`, `-discount`, `-paid`. */
  testId: string;
  itemTestId: string;
  /** What the amounts before and after discounts are called where the list is shown. */
  names: { subtotal: MessageKey; paid: MessageKey };
}

export function TotalsList({ totals, label, testId, itemTestId, names }: TotalsListProps) {
  const { t } = useT();
  const items = [
    ['orders', 'orders.totals.orders', String(totals.orders)],
    ['units', 'orders.totals.units', String(totals.units)],
    ['subtotal', names.subtotal, displayFen(totals.subtotalFen)],
    ['discount', 'orders.totals.discount', displayFen(totals.discountFen)],
    ['paid', names.paid, displayFen(totals.paidFen)],
  ] as const;
  return (
    <dl className="orders-totals" aria-label={label} data-testid={testId}>
      {items.map(([key, name, value]) => (
        <div
          key={key}
          className={`orders-totals__item orders-totals__item--${key}`}
          data-testid={`${itemTestId}-${key}`}
        >
          <dt>{t(name)}</dt>
          <dd className="num">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
