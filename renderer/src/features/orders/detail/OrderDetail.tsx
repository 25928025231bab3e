// An order in full, in a side panel over the log: its lines and money, the buyer, shipping, the history, and
// the status changes it may take next. Esc closes it and focus goes back to the row it was opened from.
import { useState } from 'react';
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { ColumnHeads } from '../../../ui/ColumnHeads.tsx';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { orderTimeExact, platformStatusName } from '../format.ts';
import { StatusBadge } from '../StatusBadge.tsx';
import { OrderHistory } from './OrderHistory.tsx';
import { StatusActions } from './StatusActions.tsx';
import { useOrderDetail } from './useOrderDetail.ts';

export function OrderDetail({ initial, onClose }: { initial: Order; onClose(): void }) {
  const tr = useT();
  const { t, locale } = tr;
  const { order, history, historyLoaded, error, refetch } = useOrderDetail(initial.id, initial);
  const [actionError, setActionError] = useState<string | null>(null);
  const dash = <span className="muted">—</span>;
  return (
    <Dialog
      title={t('orders.detail.title', { orderNo: order.orderNo })}
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      variant="panel"
      className="order-detail"
      footer={
        <>
          <StatusActions order={order} onChanged={refetch} onError={setActionError} />
          <Button variant="ghost" onClick={onClose}>
            {t('common.close')}
          </Button>
        </>
      }
    >
      <p className="order-detail__summary">
        <StatusBadge status={order.status} />
        <span>{orderTimeExact(locale, order.createdAt)}</span>
        <span className="muted">{order.sessionTitle ?? t('orders.noSession')}</span>
        {order.platform ? (
          <span className="order-platform" data-testid="order-platform">
            {t(`orders.platform.${order.platform}`)} · {platformStatusName(tr, order)}
          </span>
        ) : null}
      </p>
      {actionError || error ? (
        <p className="callout callout--danger" role="alert">
          {actionError ?? error}
        </p>
      ) : null}

      <table className="data-table order-lines">
        <caption className="visually-hidden">{t('orders.detail.lines')}</caption>
        <ColumnHeads
          columns={[
            { label: t('orders.line.product') },
            { label: t('orders.line.unitPrice'), num: true },
            { label: t('orders.line.quantity'), num: true },
            { label: t('orders.line.discount'), num: true },
            { label: t('orders.line.paid'), num: true },
          ]}
        />
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.lineNo}>
              <td>
                {line.title}
                {line.linkNo !== null ? (
                  <span className="orders-link">{t('orders.linkNo', { n: line.linkNo })}</span>
                ) : null}
                {line.sku ? <span className="muted mono order-lines__sku">{line.sku}</span> : null}
              </td>
              <td className="num">{displayFen(line.unitPriceFen)}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{line.discountFen ? `−${displayFen(line.discountFen)}` : '—'}</td>
              <td className="num">{displayFen(line.paidFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('orders.line.total')}</th>
            <td className="num">{displayFen(order.subtotalFen)}</td>
            <td className="num">{order.units}</td>
            <td className="num">{order.discountFen ? `−${displayFen(order.discountFen)}` : '—'}</td>
            <td className="num order-lines__paid">{displayFen(order.paidFen)}</td>
          </tr>
        </tfoot>
      </table>

      <dl className="order-facts">
        <dt>{t('orders.detail.coupon')}</dt>
        <dd>
          {order.couponName
            ? t('orders.detail.couponValue', { name: order.couponName, off: displayFen(order.discountFen) })
            : dash}
        </dd>
        {order.freightFen > 0 ? (
          <>
            <dt>{t('orders.detail.freight')}</dt>
            <dd>{displayFen(order.freightFen)}</dd>
          </>
        ) : null}
        {order.aftersaleOpen + order.aftersaleDone > 0 ? (
          <>
            <dt>{t('orders.detail.aftersale')}</dt>
            <dd>{t('orders.detail.aftersaleValue', { open: order.aftersaleOpen, done: order.aftersaleDone })}</dd>
          </>
        ) : null}
        <dt>{t('orders.detail.buyer')}</dt>
        <dd>{order.buyer}</dd>
        <dt>{t('orders.detail.phone')}</dt>
        <dd className="mono">{order.phone || dash}</dd>
        <dt>{t('orders.detail.address')}</dt>
        <dd>{order.address || dash}</dd>
        <dt>{t('orders.detail.note')}</dt>
        <dd>{order.note || dash}</dd>
        <dt>{t('orders.detail.shipping')}</dt>
        <dd data-testid="order-tracking">
          {order.trackingNo ? `${order.carrier ?? ''} ${order.trackingNo}`.trim() : dash}
        </dd>
      </dl>

      <h3 className="order-detail__subtitle">{t('orders.detail.history')}</h3>
      {historyLoaded ? <OrderHistory history={history} /> : <p className="muted">{t('orders.loading')}</p>}
    </Dialog>
  );
}
