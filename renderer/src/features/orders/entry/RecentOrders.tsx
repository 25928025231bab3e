// 本场最新订单 under the entry: number, buyer and to pay; link, product and quantity; status — two short lines
// each, to fit a narrow column or a phone. Newest on top, as every window records them (a new one flashes once).
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { ORDER_STATUS_NAMES } from '../../../../../electron/core/protocol/order-messages.ts';
import { useT, type Translator } from '../../../i18n/index.ts';
import { useRecentOrders } from './recent-orders.ts';

function productOf(tr: Translator, order: Order): string {
  const first = order.lines[0];
  if (!first) return '';
  const title = first.linkNo !== null ? `${tr.t('live.linkBadge', { no: first.linkNo })} ${first.title}` : first.title;
  const count = order.lines.length;
  return count > 1 ? tr.t('orderEntry.andMore', { title, count, more: count - 1 }) : title;
}

export function RecentOrders() {
  const tr = useT();
  const { t } = tr;
  const items = useRecentOrders((s) => s.items);
  const loaded = useRecentOrders((s) => s.loaded);
  const error = useRecentOrders((s) => s.error);

  return (
    <section className="order-entry__recent" aria-labelledby="order-entry-recent-title">
      <h3 id="order-entry-recent-title" className="order-entry__recent-title">
        {t('orderEntry.recent')}
      </h3>
      {error ? (
        <p className="field__error" role="alert">
          {t('orderEntry.recentFailed', { message: error })}
        </p>
      ) : null}
      {loaded && items.length === 0 ? <p className="muted">{t('orderEntry.recentEmpty')}</p> : null}
      {items.length > 0 ? (
        <ol className="order-entry__list" data-testid="recent-orders">
          {items.map((order) => (
            <li key={order.id} className="order-entry__order" data-order-no={order.orderNo}>
              <span className="order-entry__order-no">{order.orderNo}</span>
              <span className="order-entry__buyer-name">{order.buyer}</span>
              <span className="order-entry__paid">{displayFen(order.paidFen)}</span>
              <span className="order-entry__lines">
                {productOf(tr, order)} <span className="order-entry__units">×{order.units}</span>
              </span>
              <span className={`badge order-entry__status order-entry__status--${order.status}`}>
                {ORDER_STATUS_NAMES[order.status][tr.locale]}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
