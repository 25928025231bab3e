// The next steps an order may take, exactly those of ORDER_TRANSITIONS. Cancelling or refunding asks first and
// says the stock goes back on the shelf; shipping asks for the courier and tracking number; the core's refusal (someone else moved it first) shows in words.
import { useCan } from '../../../stores/connection.ts';
import { useState } from 'react';
import type { Order, OrderStatus } from '../../../../../electron/core/protocol/contract.ts';
import { ORDER_TRANSITIONS, returnsStock } from '../../../../../electron/core/protocol/order-status.ts';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { notify } from '../../../stores/notices.ts';
import { useOrders } from '../../../stores/orders.ts';
import { Button } from '../../../ui/Button.tsx';
import { useCall } from '../../../ui/useCall.ts';
import { statusName } from '../format.ts';
import { ConfirmStatusDialog } from './ConfirmStatusDialog.tsx';
import { ShipOrderDialog, type Shipment } from './ShipOrderDialog.tsx';

const ACTION_LABELS: Record<OrderStatus, MessageKey> = {
  pending: 'orders.action.pending',
  paid: 'orders.action.paid',
  shipped: 'orders.action.shipped',
  completed: 'orders.action.completed',
  cancelled: 'orders.action.cancelled',
  refunded: 'orders.action.refunded',
};

interface StatusActionsProps {
  order: Order;
  onChanged(): void;
  onError(message: string | null): void;
}

export function StatusActions({ order, onChanged, onError }: StatusActionsProps) {
  const tr = useT();
  const { t, locale } = tr;
  const { call, busy } = useCall();
  const [confirming, setConfirming] = useState<OrderStatus | null>(null);
  const ship = useCan('files');
  // Shipping is for whoever may export and ship: the others do not see a button the core would refuse. A platform's
  // order takes only shipping here (sent to the platform); its other steps happen on the platform.
  const next = ORDER_TRANSITIONS[order.status].filter(
    (to) => (ship || to !== 'shipped') && (order.platform === null || to === 'shipped'),
  );

  async function change(to: OrderStatus, note?: string, shipment?: Shipment): Promise<void> {
    onError(null);
    const params = { id: order.id, to, ...(note ? { note } : {}), ...(shipment ? { shipment } : {}) };
    const saved = await call('orders.setStatus', params, { onError });
    setConfirming(null);
    if (saved) {
      useOrders.getState().apply(saved);
      notify(
        'success',
        t('orders.statusChanged', { orderNo: saved.orderNo, status: statusName(locale, saved.status) }),
      );
    }
    onChanged();
  }

  if (next.length === 0) {
    const final = order.platform === null ? t('orders.detail.final') : t('orders.detail.platformOwned');
    return <p className="muted order-actions__final">{final}</p>;
  }
  return (
    <div className="order-actions" role="group" aria-label={t('orders.detail.actions')}>
      {next.map((to) => (
        <Button
          key={to}
          variant={returnsStock(to) ? 'danger' : to === next[0] ? 'primary' : 'secondary'}
          disabled={busy}
          onClick={() => (returnsStock(to) || to === 'shipped' ? setConfirming(to) : void change(to))}
        >
          {t(ACTION_LABELS[to])}
        </Button>
      ))}
      {confirming === 'shipped' ? (
        <ShipOrderDialog
          order={order}
          busy={busy}
          onConfirm={(shipment) => void change('shipped', undefined, shipment)}
          onCancel={() => setConfirming(null)}
        />
      ) : confirming ? (
        <ConfirmStatusDialog
          order={order}
          to={confirming}
          busy={busy}
          onConfirm={(note) => void change(confirming, note)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </div>
  );
}
