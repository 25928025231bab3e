// 微信小店: connect the shop (AppID and AppSecret, checked with the shop before they are kept), sync its products and
// orders, and see how the last syncs went — the shop's own reason when one failed. While a show is live the shop's
// orders come in by themselves every few seconds. The AppSecret is never shown back.
import { useState, type FormEvent } from 'react';
import type { ShopStatus } from '../../../../electron/core/protocol/shop-schemas.ts';
import { dateFormat } from '../../i18n/dates.ts';
import { useT, type Translator } from '../../i18n/index.ts';
import { useShop } from '../../stores/shop.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { InputField } from '../../ui/Field.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { useCall } from '../../ui/useCall.ts';

type SyncState = ShopStatus['orders'];

function lastRun(tr: Translator, state: SyncState): string {
  const { t, msg, locale } = tr;
  if (state.running) return t('shop.running');
  if (state.finishedAt === null || !state.outcome) return t('shop.never');
  const when = dateFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(state.finishedAt);
  const { outcome } = state;
  if (!outcome.ok)
    return t('shop.failedAt', { when, reason: msg(outcome.error?.code ?? 'internal', outcome.error?.params) });
  const c = outcome.counts;
  return t('shop.doneAt', { when, created: c.created ?? 0, updated: c.updated ?? 0, unchanged: c.unchanged ?? 0 });
}

export function ShopSettings() {
  const tr = useT();
  const { t, msg } = tr;
  const status = useShop((s) => s.status);
  const progress = useShop((s) => s.progress);
  const [appId, setAppId] = useState('');
  const [secret, setSecret] = useState('');
  const { run, busy } = useCall();
  if (!status) return null;

  async function attempt(work: () => Promise<void>, done?: string): Promise<void> {
    if ((await run(work)) && done) notify('success', done);
  }

  function connect(event: FormEvent): void {
    event.preventDefault();
    void attempt(async () => {
      await useShop.getState().connect(appId.trim(), secret.trim());
      setSecret('');
    }, t('shop.connected'));
  }

  const skipped = [...(status.products.outcome?.skipped ?? []), ...(status.orders.outcome?.skipped ?? [])];
  return (
    <section className="shop-settings" aria-labelledby="shop-title" data-testid="shop-settings">
      <h2 id="shop-title" className="settings__subtitle">
        {t('shop.title')}
      </h2>
      <p className="muted">{t('shop.explain')}</p>
      {status.connected ? (
        <>
          <dl className="settings__facts">
            <dt>AppID</dt>
            <dd className="mono" data-testid="shop-app-id">
              {status.appId}
            </dd>
            <dt>{t('shop.products')}</dt>
            <dd data-testid="shop-products-state">{lastRun(tr, status.products)}</dd>
            <dt>{t('shop.orders')}</dt>
            <dd data-testid="shop-orders-state">{lastRun(tr, status.orders)}</dd>
          </dl>
          {status.secretUnavailable ? <p role="alert">{msg('shop_secret_unavailable')}</p> : null}
          {skipped.length > 0 ? (
            <ul className="shop-settings__skipped">
              {skipped.slice(0, 10).map((s) => (
                <li key={s.id}>
                  <span className="mono">{s.id}</span> · {msg(s.code, s.params)}
                </li>
              ))}
            </ul>
          ) : null}
          {progress ? <ProgressBar label={msg(progress.phase)} done={progress.done} total={progress.total} /> : null}
          <p className="muted">{t('shop.polling', { seconds: status.pollSeconds })}</p>
          <div className="shop-settings__actions">
            <Button
              variant="primary"
              disabled={busy || status.orders.running || status.products.running}
              onClick={() => void attempt(() => useShop.getState().sync({}))}
            >
              {t('shop.syncNow')}
            </Button>
            <Button disabled={busy} onClick={() => void attempt(() => useShop.getState().sync({ orders: true }))}>
              {t('shop.syncOrders')}
            </Button>
            <Button
              disabled={busy}
              onClick={() => void attempt(() => useShop.getState().disconnect(), t('shop.disconnected'))}
            >
              {t('shop.disconnect')}
            </Button>
          </div>
        </>
      ) : null}
      <form className="shop-settings__form" onSubmit={connect}>
        <InputField
          label="AppID"
          value={appId}
          placeholder="wx…"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setAppId(e.currentTarget.value)}
          hint={t('shop.whereAppId')}
        />
        <InputField
          label="AppSecret"
          type="password"
          value={secret}
          autoComplete="off"
          onChange={(e) => setSecret(e.currentTarget.value)}
          hint={t('shop.whitelist')}
        />
        <Button
          type="submit"
          variant={status.connected ? 'secondary' : 'primary'}
          disabled={busy || !appId.trim() || !secret.trim()}
        >
          {status.connected ? t('shop.reconnect') : t('shop.connect')}
        </Button>
      </form>
    </section>
  );
}
