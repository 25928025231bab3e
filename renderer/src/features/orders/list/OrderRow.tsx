// One order in the log: a focusable row (Enter or a click opens it), placed by its index in the virtual list.
import { memo } from 'react';
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { useT } from '../../../i18n/index.ts';
import { orderTime } from '../format.ts';
import { StatusBadge } from '../StatusBadge.tsx';
import { ROW_HEIGHT } from './columns.ts';

interface RowFrameProps {
  index: number;
  focusable: boolean;
}

/**
 * One component for a loaded row and one still on its way, so the row's element survives its page arriving:
 * a row focused by Home/End before its orders load keeps the focus when they do.
 */
export const OrderRow = memo(function OrderRow({
  order,
  index,
  focusable,
  onOpen,
}: RowFrameProps & { order: Order | undefined; onOpen(order: Order): void }) {
  const { t } = useT();
  return (
    <div
      role="row"
      className={order ? 'orders-row' : 'orders-row orders-row--pending'}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      tabIndex={focusable ? 0 : -1}
      aria-rowindex={index + 2}
      data-index={index}
      data-order-no={order?.orderNo}
      onClick={order ? () => onOpen(order) : undefined}
    >
      {order ? (
        <OrderCells order={order} />
      ) : (
        <div role="cell" className="orders-cell orders-cell--wide muted">
          {t('orders.rowLoading')}
        </div>
      )}
    </div>
  );
});

function OrderCells({ order }: { order: Order }) {
  const { t, locale } = useT();
  const first = order.lines[0];
  return (
    <>
      <div role="cell" className="orders-cell col-no mono" title={order.orderNo}>
        {order.platform ? <span className="order-platform">{t(`orders.platform.${order.platform}`)}</span> : null}
        {order.orderNo}
      </div>
      <div role="cell" className="orders-cell col-time">
        <time dateTime={new Date(order.createdAt).toISOString()}>{orderTime(locale, order.createdAt)}</time>
      </div>
      <div role="cell" className="orders-cell col-session" title={order.sessionTitle ?? undefined}>
        {order.sessionTitle ?? <span className="muted">{t('orders.noSession')}</span>}
      </div>
      <div
        role="cell"
        className="orders-cell col-products"
        title={order.lines.map((l) => `${l.title} ×${l.quantity}`).join('\n')}
      >
        {first ? <span className="orders-products__title">{first.title}</span> : null}
        {first?.linkNo != null ? <span className="orders-link">{t('orders.linkNo', { n: first.linkNo })}</span> : null}
        {order.lines.length > 1 ? (
          <span className="orders-products__more">
            {t('orders.moreLines', { count: order.lines.length, more: order.lines.length - 1 })}
          </span>
        ) : null}
      </div>
      <div role="cell" className="orders-cell col-units num">
        {order.units}
      </div>
      <div role="cell" className="orders-cell col-paid num">
        {displayFen(order.paidFen)}
      </div>
      <div
        role="cell"
        className="orders-cell col-coupon"
        title={order.couponName ? `${order.couponName} −${displayFen(order.discountFen)}` : undefined}
      >
        {order.couponName ?? <span className="muted">—</span>}
      </div>
      <div role="cell" className="orders-cell col-buyer" title={order.buyer}>
        {order.buyer}
      </div>
      <div role="cell" className="orders-cell col-status">
        <StatusBadge status={order.status} />
      </div>
      <div role="cell" className="orders-cell col-tracking">
        {order.trackingNo ? (
          <>
            <span className="orders-tracking__carrier">{order.carrier}</span>
            <span className="mono orders-tracking__no">{order.trackingNo}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
    </>
  );
}
