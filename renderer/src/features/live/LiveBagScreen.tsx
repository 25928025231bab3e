// 购物袋: the live shopping bag and the "now explaining" product. A placeholder until the live domain lands.
import { Screen } from '../../ui/Screen.tsx';
import { useT } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';

export function LiveBagScreen() {
  const { t } = useT();
  return (
    <Screen name="live" title={t('nav.live')}>
      <div className="explaining" aria-label={t('live.explaining')}>
        <span className="badge badge--live">{t('live.explaining')}</span>
        <span className="muted">{t('live.nothingExplaining')}</span>
      </div>
      <EmptyState icon="bag" title={t('nav.live')}>
        <p>{t('live.placeholder')}</p>
      </EmptyState>
    </Screen>
  );
}
