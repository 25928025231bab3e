// The words viewers read in the picture, in the overlay's language (the viewers', not necessarily the studio's).
// Amounts as said on stream: ¥39.9, not ¥39.90.
import type { OverlayCard, OverlayCoupon, OverlaySettings } from '../../protocol/overlay-schemas.ts';
import { formatFen } from '../../protocol/money.ts';

type Language = OverlaySettings['language'];
type Terms = Pick<OverlayCoupon, 'kind' | 'thresholdFen' | 'offFen' | 'rate' | 'capFen'>;

/** `3990` → `39.9`, `4000` → `40`. */
export function yuan(fen: number): string {
  return formatFen(fen).replace(/\.?0+$/, '');
}

function zhe(rate: number): string {
  return rate % 10 === 0 ? String(rate / 10) : `${Math.trunc(rate / 10)}.${rate % 10}`;
}

/** The big part of a coupon: what it takes off ("减20", "8.8折"; en "¥20 off", "12% off"). */
export function couponHeadline(terms: Terms, language: Language): string {
  const en = language === 'en';
  if (terms.kind === 'percent') return en ? `${100 - (terms.rate ?? 100)}% off` : `${zhe(terms.rate ?? 100)}折`;
  return en ? `¥${yuan(terms.offFen ?? 0)} off` : `减${yuan(terms.offFen ?? 0)}`;
}

/** The whole rule in a few characters ("满99减20", "立减5", "8.8折 最多减20"). */
export function couponRule(terms: Terms, language: Language): string {
  const en = language === 'en';
  switch (terms.kind) {
    case 'threshold':
      return en
        ? `¥${yuan(terms.offFen ?? 0)} off ¥${yuan(terms.thresholdFen ?? 0)}+`
        : `满${yuan(terms.thresholdFen ?? 0)}减${yuan(terms.offFen ?? 0)}`;
    case 'direct':
      return en ? `¥${yuan(terms.offFen ?? 0)} off` : `立减${yuan(terms.offFen ?? 0)}`;
    case 'percent': {
      const rule = couponHeadline(terms, language);
      if (terms.capFen === null) return rule;
      return en ? `${rule}, up to ¥${yuan(terms.capFen)}` : `${rule} 最多减${yuan(terms.capFen)}`;
    }
  }
}

export function linkLabel(linkNo: number, language: Language): string {
  return language === 'en' ? `Link ${linkNo}` : `${linkNo}号链接`;
}

export function stockLabel(card: Pick<OverlayCard, 'stock' | 'soldOut'>, language: Language): string {
  const en = language === 'en';
  if (card.soldOut || card.stock <= 0) return en ? 'Sold out' : '已售罄';
  return en ? `${card.stock} left` : `仅剩 ${card.stock} 件`;
}

export function soldOutBadge(language: Language): string {
  return language === 'en' ? 'SOLD OUT' : '售罄';
}

/** "120 left" for the coupon; null when unlimited. */
export function couponLeftLabel(left: number | null, language: Language): string | null {
  if (left === null) return null;
  if (left <= 0) return language === 'en' ? 'All claimed' : '已抢光';
  return language === 'en' ? `${left} left` : `剩 ${left} 张`;
}

const HOUR_MS = 3_600_000;

/**
 * When the coupon ends: a countdown in its last hour ("还剩 04:59"), the time of day before that ("20:30 截止"), in
 * the local time of whoever draws it (the studio's machine, or the OBS page on the same machine).
 */
export function couponEndsLabel(endsAt: number, now: number, language: Language): string {
  const en = language === 'en';
  const left = endsAt - now;
  if (left <= 0) return en ? 'Ended' : '已结束';
  if (left < HOUR_MS) {
    const seconds = Math.ceil(left / 1000);
    const mmss = `${String(Math.trunc(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    return en ? `Ends in ${mmss}` : `还剩 ${mmss}`;
  }
  const at = new Date(endsAt);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return en ? `Until ${hhmm}` : `${hhmm} 截止`;
}

/** Whether the coupon's words change with the clock in the next second (the painter redraws once a second then). */
export function couponTicks(coupon: Pick<OverlayCoupon, 'endsAt'> | null, now: number): boolean {
  return coupon !== null && coupon.endsAt > now - 1000 && coupon.endsAt - now < HOUR_MS;
}
