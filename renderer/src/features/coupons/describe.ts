// One coupon's terms in words ("满99减10", "8.8折 最多减20元"). Stub until the coupons UI lands.
import type { Coupon } from '../../../../electron/core/protocol/contract.ts';
import type { Translator } from '../../i18n/index.ts';

export function describeCoupon(_tr: Translator, coupon: Coupon): string {
  return coupon.name;
}
