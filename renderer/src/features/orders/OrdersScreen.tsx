// 订单: a placeholder until the orders domain lands.
import { Screen } from '../../ui/Screen.tsx';
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';

export function OrdersScreen() {
  const { t } = useT();
  return (
    <Screen name="orders" title={t('nav.orders')}>
      <EmptyState icon="orders" title={t('nav.orders')}>
        <p>{t('orders.placeholder')}</p>
      </EmptyState>
    </Screen>
  );
}
