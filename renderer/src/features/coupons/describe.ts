// One coupon's terms and state in words: "满99减10", "立减5元", "8.8折，最多减20元" (en: "¥10 off ¥99+",
// "¥5 off", "12% off (8.8折), up to ¥20 off"). The status uses the protocol's couponStatus, the same rule the
// core applies when it refuses a push, so a badge never says "can push" for a coupon the core would refuse.
import type { Coupon } from '../../../../electron/core/protocol/contract.ts';
import { couponStatus, type CouponStatus } from '../../../../electron/core/protocol/coupon-status.ts';
import { formatFen } from '../../../../electron/core/protocol/money.ts';
import type { Locale } from '../../../../electron/core/protocol/messages.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { dateFormat } from '../../i18n/dates.ts';

export type { CouponStatus };
export { couponStatus };

/**
 * The part of the i18n Translator these functions use (any Translator is one). Named here rather than imported
 * from i18n/index.ts so the wording can be unit-tested in Node, where that module's DOM access cannot load.
 */
export interface Translator {
  locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

/** `9900` → `99`, `990` → `9.9`, `995` → `9.95`: how amounts are said on stream, without trailing zeros. */
export function shortYuan(fen: number): string {
  return formatFen(fen).replace(/\.?0+$/, '');
}

/** Tenths of 折 as sellers write them: 88 → `8.8`, 90 → `9`, 5 → `0.5`. */
export function zheText(rate: number): string {
  return rate % 10 === 0 ? String(rate / 10) : `${Math.trunc(rate / 10)}.${rate % 10}`;
}

type Terms = Pick<Coupon, 'kind' | 'thresholdFen' | 'offFen' | 'rate' | 'capFen'>;

export function describeTerms(tr: Translator, c: Terms): string {
  switch (c.kind) {
    case 'threshold':
      return tr.t('coupon.terms.threshold', {
        threshold: shortYuan(c.thresholdFen ?? 0),
        off: shortYuan(c.offFen ?? 0),
      });
    case 'direct':
      return tr.t('coupon.terms.direct', { off: shortYuan(c.offFen ?? 0) });
    case 'percent': {
      const rate = c.rate ?? 100;
      const terms = tr.t('coupon.terms.percent', { zhe: zheText(rate), percent: 100 - rate });
      return c.capFen === null ? terms : tr.t('coupon.terms.cap', { terms, cap: shortYuan(c.capFen) });
    }
  }
}

export function describeCoupon(tr: Translator, coupon: Coupon): string {
  return describeTerms(tr, coupon);
}

const STATUS_KEYS: Record<CouponStatus, MessageKey> = {
  active: 'coupon.status.active',
  not_started: 'coupon.status.not_started',
  expired: 'coupon.status.expired',
  sold_out: 'coupon.status.sold_out',
  archived: 'coupon.status.archived',
};

export function describeStatus(tr: Translator, status: CouponStatus): string {
  return tr.t(STATUS_KEYS[status]);
}

export function describeScope(tr: Translator, coupon: Pick<Coupon, 'scope' | 'productIds'>): string {
  return coupon.scope === 'shop'
    ? tr.t('coupon.scope.shop')
    : tr.t('coupon.scope.products', { count: coupon.productIds.length });
}

/** Local time, to the minute: the seller reads validity in their own clock, as they typed it. */
export function formatWhen(locale: string, ms: number): string {
  const options = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  } as const;
  return dateFormat(locale, options).format(ms);
}

export function describeValidity(tr: Translator, coupon: Pick<Coupon, 'validFrom' | 'validUntil'>): string {
  return tr.t('coupons.validity', {
    from: formatWhen(tr.locale, coupon.validFrom),
    until: formatWhen(tr.locale, coupon.validUntil),
  });
}
