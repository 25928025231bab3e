// Which coupon an order gets: what each candidate would take off this basket for this buyer, and the best of
// them. Pure: the service passes in the coupons and how often the buyer already used each.
import { couponDiscountFen, type BasketLine } from '../coupons/coupon-discount.ts';
import type { Coupon } from '../protocol/coupon-schemas.ts';
import { couponStatus } from '../protocol/coupon-status.ts';
import type { CouponChoice } from '../protocol/order-schemas.ts';

export interface CouponOption {
  coupon: Coupon;
  discountFen: number;
  /** Why it cannot be used on this order (a message code), or null. */
  refusal: string | null;
}

const STATUS_REFUSAL = {
  archived: 'coupon_archived',
  not_started: 'coupon_not_started',
  expired: 'coupon_expired',
  sold_out: 'coupon_sold_out',
} as const;

export function couponOption(
  coupon: Coupon,
  basket: readonly BasketLine[],
  buyerUses: number,
  now: number,
): CouponOption {
  const status = couponStatus(coupon, now);
  const discountFen = couponDiscountFen(coupon, basket);
  let refusal: string | null = null;
  if (status !== 'active') refusal = STATUS_REFUSAL[status];
  else if (buyerUses >= coupon.perBuyerLimit) refusal = 'coupon_buyer_limit';
  // 满减 not reached, or none of the basket is in the coupon's scope.
  else if (discountFen === 0) refusal = 'coupon_not_applicable';
  return { coupon, discountFen, refusal };
}

/** The usable option that takes the most off; on a tie the coupon pushed first (lowest id) wins. */
export function bestOption(options: readonly CouponOption[]): CouponOption | null {
  let best: CouponOption | null = null;
  for (const option of options) {
    if (option.refusal !== null) continue;
    if (!best || option.discountFen > best.discountFen) best = option;
    else if (option.discountFen === best.discountFen && option.coupon.id < best.coupon.id) best = option;
  }
  return best;
}

/**
 * The option the order uses. `best` quietly goes without when nothing applies; a coupon the assistant picked
 * on purpose must apply, or the order is refused with the reason (so nobody is promised a discount they don't get).
 */
export function chosenOption(
  choice: CouponChoice,
  running: readonly CouponOption[],
  picked: () => CouponOption,
): { option: CouponOption | null; refusal: string | null } {
  if (choice === 'none') return { option: null, refusal: null };
  if (choice === 'best') return { option: bestOption(running), refusal: null };
  const option = running.find((o) => o.coupon.id === choice) ?? picked();
  return option.refusal ? { option: null, refusal: option.refusal } : { option, refusal: null };
}
