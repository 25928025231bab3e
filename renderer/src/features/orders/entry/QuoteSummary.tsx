// 小计 / 优惠 / 实付 for what is typed, as `orders.quote` worked it out (dimmed while a fresher quote is coming).
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { useT } from '../../../i18n/index.ts';
import type { QuoteView } from './useOrderQuote.ts';

export function QuoteSummary({ view, ready }: { view: QuoteView; ready: boolean }) {
  const { t } = useT();
  const quote = ready ? view.quote : null;
  const amount = (fen: number | undefined, sign = '') => (fen === undefined ? '—' : `${sign}${displayFen(fen)}`);
  return (
    <div className="order-entry__summary" aria-busy={view.stale || undefined}>
      <dl className={`order-entry__amounts ${view.stale ? 'is-stale' : ''}`}>
        <div>
          <dt>{t('orderEntry.subtotal')}</dt>
          <dd data-testid="order-entry-subtotal">{amount(quote?.subtotalFen)}</dd>
        </div>
        <div>
          <dt>{t('orderEntry.discount')}</dt>
          <dd data-testid="order-entry-discount">{amount(quote?.discountFen, quote?.discountFen ? '−' : '')}</dd>
        </div>
        <div className="order-entry__topay">
          <dt>{t('orderEntry.toPay')}</dt>
          <dd data-testid="order-entry-topay">{amount(quote?.paidFen)}</dd>
        </div>
      </dl>
      {ready && view.error ? (
        <p className="order-entry__quote-error">{t('orderEntry.quoteFailed', { message: view.error })}</p>
      ) : null}
    </div>
  );
}
