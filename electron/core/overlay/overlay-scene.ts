// What the overlay shows, from the live show as it is: the product being explained (its bag line, stock, price and
// the pushed coupon that takes most off it) and the coupon pushed last. Pure: the service reads, this decides.
import type { Coupon } from '../protocol/coupon-schemas.ts';
import { couponDiscountFen } from '../coupons/coupon-discount.ts';
import type { BagItem, CouponPush, Segment } from '../protocol/live-schemas.ts';
import type { OverlayScene } from '../protocol/overlay-schemas.ts';
import { priceFrom } from '../protocol/sku-view.ts';
import { EMPTY_SCENE } from './shared/overlay-defaults.ts';

/** The live show's part the overlay draws from (LiveService.onAir). */
export interface OnAir {
  bag: BagItem[];
  explaining: Segment | null;
  /** Coupon pushes running now. */
  pushes: CouponPush[];
}

function terms(coupon: Coupon) {
  const { kind, thresholdFen, offFen, rate, capFen } = coupon;
  return { kind, thresholdFen, offFen, rate, capFen };
}

function applies(coupon: Coupon, productId: number): boolean {
  return coupon.scope === 'shop' || coupon.productIds.includes(productId);
}

/** Off one unit; a threshold coupon one unit does not reach counts as nothing off (it still applies). */
function offOneUnit(coupon: Coupon, item: BagItem): number {
  try {
    return couponDiscountFen(coupon, [{ productId: item.productId, unitPriceFen: item.product.priceFen, quantity: 1 }]);
  } catch {
    return 0;
  }
}

export function sceneOf(onAir: OnAir | null, coupon: (id: number) => Coupon | null): OverlayScene {
  if (!onAir) return { ...EMPTY_SCENE };
  const running = onAir.pushes
    .map((push) => ({ push, coupon: coupon(push.couponId) }))
    .filter((p): p is { push: CouponPush; coupon: Coupon } => p.coupon !== null)
    .sort((a, b) => a.push.pushedAt - b.push.pushedAt || a.push.id - b.push.id);
  let card: OverlayScene['card'] = null;
  const item = onAir.explaining && onAir.bag.find((line) => line.productId === onAir.explaining!.productId);
  if (item) {
    const best = running
      .filter((p) => applies(p.coupon, item.productId))
      .map((p) => ({ coupon: p.coupon, off: offOneUnit(p.coupon, item) }))
      .sort((a, b) => b.off - a.off)[0];
    const p = item.product;
    card = {
      productId: item.productId,
      linkNo: item.linkNo,
      title: p.title,
      priceFen: p.priceFen,
      originalPriceFen: p.originalPriceFen,
      ...(priceFrom(p) ? { priceFrom: true } : {}),
      stock: p.stock,
      soldOut: item.soldOut || p.stock <= 0,
      imageId: p.imageId,
      coupon: best ? terms(best.coupon) : null,
    };
  }
  const last = running.at(-1)?.coupon;
  const banner: OverlayScene['coupon'] = last
    ? {
        ...terms(last),
        name: last.name,
        left: last.quantity === null ? null : Math.max(0, last.quantity - last.claimed),
        endsAt: last.validUntil,
      }
    : null;
  return { card, coupon: banner };
}
