// The order log's filters: session, status, a range of local days, product, exact buyer. Selects and dates
// apply at once, typed text after a pause; the same filter goes to the totals and the CSV export.
import { useEffect } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '../../../../../electron/core/protocol/order-status.ts';
import { useT } from '../../../i18n/index.ts';
import { useLive } from '../../../stores/live.ts';
import { useOrders } from '../../../stores/orders.ts';
import { Button } from '../../../ui/Button.tsx';
import { statusName } from '../format.ts';
import { ProductFilter } from './ProductFilter.tsx';

export function OrderFilters() {
  const { t, locale } = useT();
  const form = useOrders((s) => s.form);
  const setForm = useOrders((s) => s.setForm);
  const clearFilters = useOrders((s) => s.clearFilters);
  const sessions = useLive((s) => s.sessions);
  const sessionsLoaded = useLive((s) => s.sessionsLoaded);

  useEffect(() => {
    if (!sessionsLoaded) void useLive.getState().loadSessions();
  }, [sessionsLoaded]);

  const filtered =
    form.sessionId !== null ||
    form.status !== null ||
    form.fromDate !== '' ||
    form.toDate !== '' ||
    form.product !== null ||
    form.buyer !== '' ||
    form.query !== '';

  return (
    <div className="orders-filters" role="group" aria-label={t('orders.filter.label')}>
      <label className="field orders-filter">
        <span className="field__label">{t('orders.filter.session')}</span>
        <select
          className="field__input"
          value={form.sessionId ?? ''}
          onChange={(e) => setForm({ sessionId: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
        >
          <option value="">{t('orders.filter.allSessions')}</option>
          {/* A filter set from a link keeps its session even before the list has loaded. */}
          {form.sessionId !== null && !sessions.some((s) => s.id === form.sessionId) ? (
            <option value={form.sessionId}>{t('orders.filter.sessionNo', { id: form.sessionId })}</option>
          ) : null}
          {sessions.map((session) => (
            <option key={session.id} value={session.id}>
              {session.title || t('orders.filter.sessionNo', { id: session.id })}
            </option>
          ))}
        </select>
      </label>
      <label className="field orders-filter">
        <span className="field__label">{t('orders.filter.status')}</span>
        <select
          className="field__input"
          value={form.status ?? ''}
          onChange={(e) => setForm({ status: (e.currentTarget.value || null) as OrderStatus | null })}
        >
          <option value="">{t('orders.filter.allStatuses')}</option>
          {ORDER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusName(locale, status)}
            </option>
          ))}
        </select>
      </label>
      <label className="field orders-filter orders-filter--date">
        <span className="field__label">{t('orders.filter.from')}</span>
        <input
          type="date"
          className="field__input"
          value={form.fromDate}
          max={form.toDate || undefined}
          onChange={(e) => setForm({ fromDate: e.currentTarget.value })}
        />
      </label>
      <label className="field orders-filter orders-filter--date">
        <span className="field__label">{t('orders.filter.to')}</span>
        <input
          type="date"
          className="field__input"
          value={form.toDate}
          min={form.fromDate || undefined}
          onChange={(e) => setForm({ toDate: e.currentTarget.value })}
        />
      </label>
      <ProductFilter value={form.product} onChange={(product) => setForm({ product })} />
      <label className="field orders-filter">
        <span className="field__label">{t('orders.filter.buyer')}</span>
        <input
          className="field__input"
          value={form.buyer}
          placeholder={t('orders.filter.buyerPlaceholder')}
          autoComplete="off"
          onChange={(e) => setForm({ buyer: e.currentTarget.value })}
        />
      </label>
      {filtered ? (
        <Button size="small" variant="ghost" className="orders-filters__clear" onClick={clearFilters}>
          {t('orders.filter.clear')}
        </Button>
      ) : null}
    </div>
  );
}
