// 购物袋: the live shopping bag and the "now explaining" product. A placeholder until the live domain lands.
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';

export function LiveBagScreen() {
  const { t } = useT();
  return (
    <section className="screen live" aria-labelledby="live-title">
      <header className="screen__header">
        <h1 id="live-title" className="screen__title">
          {t('nav.live')}
        </h1>
      </header>
      <div className="explaining" aria-label={t('live.explaining')}>
        <span className="badge badge--live">{t('live.explaining')}</span>
        <span className="muted">{t('live.nothingExplaining')}</span>
      </div>
      <EmptyState icon="bag" title={t('nav.live')}>
        <p>{t('live.placeholder')}</p>
      </EmptyState>
    </section>
  );
}
