// 优惠券: the coupon library. A placeholder until the coupon screens land.
import { Screen } from '../../ui/Screen.tsx';
import { useT } from '../../i18n/index.ts';

export function CouponsScreen() {
  const { t } = useT();
  return (
    <Screen name="coupons" title={t('nav.coupons')}>
      {null}
    </Screen>
  );
}
