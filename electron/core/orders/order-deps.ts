// What the order log needs of the other domains, and nothing more. Each domain owns its tables — the catalogue its
// products and stock, the coupons their claims, the live room its bag and log — and the order log reaches them only
// through these (studio.ts hands them in), inside its own write.
import type { LogEntry, Session } from '../protocol/live-schemas.ts';
import type { Coupon } from '../protocol/coupon-schemas.ts';
import type { Product, Sku } from '../protocol/catalog-schemas.ts';

export interface OrderCatalog {
  /** The product, or not_found. */
  product(id: number): Product;
  skuByCode(code: string): { sku: Sku; productId: number } | undefined;
  /** Units left of one 规格 now. */
  stockLeft(skuId: number): number;
  /** Takes units off the shelf; false (and nothing changed) when fewer are left. */
  take(productId: number, skuId: number, quantity: number, now: number): boolean;
  putBack(productId: number, skuId: number | null, quantity: number, now: number): void;
}

export interface OrderCoupons {
  /** The coupon, or not_found. */
  coupon(id: number): Coupon;
  /** One more claimed; false when none are left. */
  claim(id: number, now: number): boolean;
  release(id: number, now: number): void;
}

export interface OrderShows {
  liveSessionId(): number | null;
  session(id: number): Session | undefined;
  /** The show's bag: which product each link number is. */
  slots(sessionId: number): ReadonlyArray<{ productId: number; linkNo: number }>;
  /** The coupons pushed in the show and not stopped. */
  runningCouponIds(sessionId: number): number[];
  /** A product of the live show's bag sold out, or came back: the show's log says so. */
  logStock(
    sessionId: number,
    kind: 'bag_sold_out' | 'bag_back_in_stock',
    now: number,
    productId: number,
    linkNo: number,
  ): LogEntry;
}

export interface OrderDeps {
  catalog: OrderCatalog;
  coupons: OrderCoupons;
  shows: OrderShows;
}
