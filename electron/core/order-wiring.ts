// The order log's view of the other domains (orders/order-deps.ts), made from their services: the one place that
// knows both sides, so the order log imports none of them.
import type { CatalogService } from './catalog/catalog-service.ts';
import type { CouponService } from './coupons/coupon-service.ts';
import type { LiveService } from './live/live-service.ts';
import type { OrderDeps } from './orders/order-deps.ts';

export function orderDeps(catalog: CatalogService, coupons: CouponService, live: LiveService): OrderDeps {
  const { skus } = catalog.store;
  return {
    catalog: {
      product: (id) => catalog.get(id),
      skuByCode: (code) => skus.withCode(code),
      stockLeft: (skuId) => skus.get(skuId)?.sku.stock ?? 0,
      take: (productId, skuId, quantity, now) => catalog.stock.take(productId, skuId, quantity, now),
      putBack: (productId, skuId, quantity, now) => catalog.stock.putBack(productId, skuId, quantity, now),
    },
    coupons: {
      coupon: (id) => coupons.get(id),
      claim: (id, now) => coupons.store.claim(id, now),
      release: (id, now) => coupons.store.release(id, now),
    },
    shows: {
      liveSessionId: () => live.store.liveSessionId() ?? null,
      session: (id) => live.store.session(id),
      slots: (sessionId) => live.store.slots(sessionId),
      runningCouponIds: (sessionId) => live.store.runningPushes(sessionId).map((push) => push.couponId),
      logStock: (sessionId, kind, now, productId, linkNo) =>
        live.store.insertLog(sessionId, kind, now, productId, linkNo),
    },
  };
}
