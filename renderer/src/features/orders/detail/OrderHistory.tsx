// An order's history, oldest first: when, from → to, who (主播 or the assistant device) and from which client.
import type { OrderHistoryEntry } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { actorLabel, orderTimeExact, statusName } from '../format.ts';

export function OrderHistory({ history }: { history: readonly OrderHistoryEntry[] }) {
  const tr = useT();
  const { t, locale } = tr;
  return (
    <ol className="order-history" aria-label={t('orders.detail.history')}>
      {history.map((entry, i) => (
        <li key={i} className="order-history__item">
          <time className="order-history__time" dateTime={new Date(entry.at).toISOString()}>
            {orderTimeExact(locale, entry.at)}
          </time>
          <span className="order-history__change">
            {entry.from
              ? t('orders.history.change', { from: statusName(locale, entry.from), to: statusName(locale, entry.to) })
              : t('orders.history.created', { to: statusName(locale, entry.to) })}
          </span>
          <span className="order-history__who">{actorLabel(tr, entry)}</span>
          {entry.note ? <span className="order-history__note">{entry.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}
