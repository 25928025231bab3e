// 快速录单 in the live console: "3号链接 要两件" typed in seconds while the show runs, the session's latest
// orders under it. After the show it stays to record late orders by link number (补录).
import { useEffect, type Ref } from 'react';
import type { SessionDetail } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { OrderEntryForm, type OrderEntryHandle } from './OrderEntryForm.tsx';
import { RecentOrders } from './RecentOrders.tsx';
import { useRecentOrders } from './recent-orders.ts';

export type { OrderEntryHandle };

export function OrderEntryPanel({ detail, ref }: { detail: SessionDetail; ref?: Ref<OrderEntryHandle> }) {
  const { t } = useT();
  const sessionId = detail.session.id;
  const live = detail.session.state === 'live';

  useEffect(() => {
    useRecentOrders.getState().open(sessionId);
    return () => useRecentOrders.getState().close();
  }, [sessionId]);

  return (
    <section className="panel order-entry" aria-labelledby="order-entry-title" data-testid="order-entry">
      <header className="panel__header">
        <h2 id="order-entry-title" className="panel__title">
          {t(live ? 'orderEntry.title' : 'orderEntry.titleLate')}
        </h2>
        <kbd aria-hidden="true">O</kbd>
      </header>
      {live ? null : <p className="muted">{t('orderEntry.lateHint')}</p>}
      <OrderEntryForm key={sessionId} detail={detail} ref={ref} />
      <RecentOrders />
    </section>
  );
}
