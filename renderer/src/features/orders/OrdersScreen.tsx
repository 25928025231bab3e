// 订单: a placeholder until the orders domain lands.
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';

export function OrdersScreen() {
  const { t } = useT();
  return (
    <section className="screen orders" aria-labelledby="orders-title">
      <header className="screen__header">
        <h1 id="orders-title" className="screen__title">
          {t('nav.orders')}
        </h1>
      </header>
      <EmptyState icon="orders" title={t('nav.orders')}>
        <p>{t('orders.placeholder')}</p>
      </EmptyState>
    </section>
  );
}
