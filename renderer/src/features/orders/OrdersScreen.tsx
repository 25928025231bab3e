// 订单: the order log (filters, totals, a virtual table that stays smooth at 200,000 orders), an order's
// detail, CSV export, batch shipping, and a show's report at #/orders/report-<sessionId>. `/` focuses search.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Order } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { setOrdersActive, useOrders } from '../../stores/orders.ts';
import { useRoute } from '../../stores/route.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { isTypingTarget, useWindowKeydown } from '../../ui/keys.ts';
import { Screen } from '../../ui/Screen.tsx';
import { OrderDetail } from './detail/OrderDetail.tsx';
import { ExportProgress } from './ExportProgress.tsx';
import { OrderFilters } from './filters/OrderFilters.tsx';
import { OrderTable } from './list/OrderTable.tsx';
import { OrdersToolbar } from './OrdersToolbar.tsx';
import { SessionReportView } from './report/SessionReportView.tsx';
import { ShipDialog } from './ship/ShipDialog.tsx';
import { OrderFileDialog } from './ship/OrderFileDialog.tsx';
import { TotalsBar } from './TotalsBar.tsx';
import { useOrderExport } from './useOrderExport.ts';
import { LoadFailed } from '../../ui/LoadFailed.tsx';

const REPORT_PARAM = /^report-(\d+)$/;

export function OrdersScreen() {
  const param = useRoute((s) => s.param);
  const report = param ? REPORT_PARAM.exec(param) : null;
  if (report) return <SessionReportView key={report[1]} sessionId={Number(report[1])} />;
  return <OrderLog />;
}

function OrderLog() {
  const { t } = useT();
  const searchRef = useRef<HTMLInputElement>(null);
  const [opened, setOpened] = useState<Order | null>(null);
  const [shipping, setShipping] = useState(false);
  const [importing, setImporting] = useState(false);
  const exporter = useOrderExport();
  const loaded = useOrders((s) => s.loaded);
  const error = useOrders((s) => s.error);
  const total = useOrders((s) => s.total);
  const filtered = useOrders((s) => Object.keys(s.filter).length > 0);

  useEffect(() => {
    setOrdersActive(true);
    return () => setOrdersActive(false);
  }, []);

  useWindowKeydown((event) => {
    if (
      opened ||
      shipping ||
      importing ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      isTypingTarget(event.target)
    )
      return;
    if (event.key === '/') {
      event.preventDefault();
      searchRef.current?.focus();
    }
  });

  const onOpen = useCallback((order: Order) => setOpened(order), []);

  return (
    <Screen name="orders" title={t('orders.title')}>
      <OrdersToolbar
        searchRef={searchRef}
        exporting={exporter.running}
        onShip={() => setShipping(true)}
        onImport={() => setImporting(true)}
        onExport={(format) => void exporter.start({ filter: useOrders.getState().filter, format })}
      />
      <OrderFilters />
      {exporter.running ? <ExportProgress job={exporter.job} download={exporter.download} /> : null}
      <TotalsBar />
      {error ? (
        <LoadFailed
          message={t('orders.loadFailed', { message: error })}
          retryLabel={t('orders.retry')}
          onRetry={() => useOrders.getState().refresh()}
        />
      ) : null}
      {!loaded && !error ? <p className="muted loading">{t('orders.loading')}</p> : null}
      {loaded && total === 0 ? (
        filtered ? (
          <EmptyState
            icon="search"
            title={t('orders.emptyFilteredTitle')}
            actions={<Button onClick={() => useOrders.getState().clearFilters()}>{t('orders.filter.clear')}</Button>}
          >
            <p>{t('orders.emptyFilteredBody')}</p>
          </EmptyState>
        ) : (
          <EmptyState icon="orders" title={t('orders.emptyTitle')}>
            <p>{t('orders.emptyBody')}</p>
          </EmptyState>
        )
      ) : null}
      {loaded && total > 0 ? <OrderTable onOpen={onOpen} /> : null}
      {opened ? <OrderDetail key={opened.id} initial={opened} onClose={() => setOpened(null)} /> : null}
      {shipping ? <ShipDialog onClose={() => setShipping(false)} /> : null}
      {importing ? <OrderFileDialog onClose={() => setImporting(false)} /> : null}
    </Screen>
  );
}
