// Where a coupon stands at a moment: the one rule the core uses to refuse a push (发券) and the UI uses to
// show a badge and disable the button, so both always agree. Runtime-neutral.
import type { Coupon } from './coupon-schemas.ts';

export const COUPON_STATUSES = ['active', 'not_started', 'expired', 'sold_out', 'archived'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];

/**
 * The validity window is half-open, [validFrom, validUntil): at validUntil the coupon has just expired.
 * When several apply, the most lasting one wins (archived, then expired, then not started, then sold out),
 * so the badge names what the seller would have to change first.
 */
export function couponStatus(
  coupon: Pick<Coupon, 'archived' | 'validFrom' | 'validUntil' | 'quantity' | 'claimed'>,
  nowMs: number,
): CouponStatus {
  if (coupon.archived) return 'archived';
  if (nowMs >= coupon.validUntil) return 'expired';
  if (nowMs < coupon.validFrom) return 'not_started';
  if (coupon.quantity !== null && coupon.claimed >= coupon.quantity) return 'sold_out';
  return 'active';
}
