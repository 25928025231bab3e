// What the cue card needs to know beyond the bag itself: which coupons apply now, what comes next.
import type { BagItem, Coupon, CouponPush } from '../../../../../electron/core/protocol/contract.ts';

/** Coupons being pushed now (not stopped) that a buyer of this product can use: shop-wide or naming it. */
export function activeCouponsFor(productId: number, pushes: CouponPush[], coupons: Coupon[]): Coupon[] {
  const byId = new Map(coupons.map((c) => [c.id, c]));
  const seen = new Set<number>();
  const result: Coupon[] = [];
  for (const push of pushes) {
    if (push.stoppedAt !== null || seen.has(push.couponId)) continue;
    const coupon = byId.get(push.couponId);
    if (!coupon || (coupon.scope !== 'shop' && !coupon.productIds.includes(productId))) continue;
    seen.add(push.couponId);
    result.push(coupon);
  }
  return result;
}

/** The listed product the next step would explain, as explainStep 'next' picks it. */
export function nextListed(bag: BagItem[], currentProductId: number | null): BagItem | null {
  const start = currentProductId === null ? -1 : bag.findIndex((item) => item.productId === currentProductId);
  return bag.slice(start + 1).find((item) => item.listed) ?? null;
}
