// Taking and running orders. Each change is one write through the studio's writer (stock, coupon claim, the
// order, its history), then its events: two assistants ordering the last unit at once are simply applied one
// after the other, and the second is refused.
import crypto from 'node:crypto';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { OrderCatalog, OrderCoupons, OrderDeps, OrderShows } from './order-deps.ts';
import type { BasketLine } from '../coupons/coupon-discount.ts';
import { refused, StudioError } from '../protocol/errors.ts';
import { allocateDiscount } from './order-money.ts';
import type { Order, OrderInput, OrderStatus, Quote } from '../protocol/order-schemas.ts';
import { orderInputSchema, quoteInputSchema, type QuoteInput } from '../protocol/order-schemas.ts';
import { canTransition, returnsStock } from '../protocol/order-status.ts';
import type { Product, Sku } from '../protocol/catalog-schemas.ts';
import type { Publish } from '../publish.ts';
import { chosenOption, couponOption, type CouponOption } from './order-coupons.ts';
import { orderNumber } from './order-number.ts';
import { idempotencyKey, OrderStore, type Actor } from './order-store.ts';
import { OrderShipping, type ShipBatchResult, type ShipRow } from './order-shipping.ts';
import type { PlatformShipper } from './platform-shipping.ts';

type ParsedInput = ReturnType<typeof orderInputSchema.parse>;

/** The live show an order moves stock in: its bag's link numbers, for the show's log. */
interface LiveBag {
  sessionId: number;
  slots: ReadonlyArray<{ productId: number; linkNo: number }>;
}

interface Basket {
  sessionId: number | null;
  /** The show, when it is live (read once for the order: its bag gives the links and the log's entries). */
  live: LiveBag | null;
  lines: Array<BasketLine & { product: Product; sku: Sku; linkNo: number | null }>;
  subtotalFen: number;
  options: CouponOption[];
  chosen: CouponOption | null;
  refusal: string | null;
}

/** What an idempotency key was sent with, independent of key order in the JSON. */
function requestHash(input: ParsedInput): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

export class OrderService {
  readonly store: OrderStore;
  private readonly catalog: OrderCatalog;
  private readonly coupons: OrderCoupons;
  private readonly shows: OrderShows;
  private readonly writer: Writer;
  private readonly now: () => number;
  private readonly shipping: OrderShipping;

  constructor(db: Db, deps: OrderDeps, writer: Writer, now: () => number = Date.now) {
    this.store = new OrderStore(db);
    this.catalog = deps.catalog;
    this.coupons = deps.coupons;
    this.shows = deps.shows;
    this.writer = writer;
    this.now = now;
    this.shipping = new OrderShipping(this.store, (work) => this.write(work), now);
  }

  /** Who ships orders placed on a platform (the shop domain, once connected): they are shipped there. */
  setPlatformShipper(shipper: PlatformShipper | null): void {
    this.shipping.shipper = shipper;
  }

  get(id: number): Order {
    const order = this.store.get(id);
    if (!order) throw new StudioError('not_found', `order ${id} not found`);
    return order;
  }

  /** What the order would cost now and with which coupon; refuses what `create` would refuse before stock. */
  quote(input: QuoteInput): Quote {
    const basket = this.basket(quoteInputSchema.parse(input), this.now());
    const discountFen = basket.chosen?.discountFen ?? 0;
    return {
      subtotalFen: basket.subtotalFen,
      discountFen,
      paidFen: basket.subtotalFen - discountFen,
      couponId: basket.chosen?.coupon.id ?? null,
      coupons: basket.options.map((o) => ({
        couponId: o.coupon.id,
        name: o.coupon.name,
        discountFen: o.discountFen,
        refusal: o.refusal,
      })),
    };
  }

  /** Records the order and reserves its stock; with a `key` already used, answers that order and changes nothing. */
  create(input: OrderInput, actor: Actor, key?: string): Promise<Order> {
    const parsed = orderInputSchema.parse(input);
    const scopedKey = key === undefined ? null : idempotencyKey(actor, key);
    const keyHash = scopedKey === null ? null : requestHash(parsed);
    return this.write((emit) => {
      if (scopedKey !== null) {
        const existing = this.store.byKey(scopedKey);
        if (existing !== undefined) {
          // The same key with another order is a caller's bug: answering the first order would hide it.
          if (existing.hash !== null && existing.hash !== keyHash) {
            throw refused('order_key_reused', 'this idempotency key was used for a different order');
          }
          return this.get(existing.id);
        }
      }
      const now = this.now();
      const basket = this.basket(parsed, now);
      if (basket.refusal) throw refused(basket.refusal, 'the chosen coupon does not apply');
      for (const line of basket.lines) {
        if (!this.catalog.take(line.productId, line.sku.id, line.quantity, now)) {
          const left = this.catalog.stockLeft(line.sku.id);
          throw refused('order_oversold', `only ${left} left of product ${line.productId}`, {
            title: line.product.title,
            left,
            quantity: line.quantity,
          });
        }
      }
      const coupon = basket.chosen?.coupon ?? null;
      if (coupon && !this.coupons.claim(coupon.id, now)) throw refused('coupon_sold_out', 'no coupons left');
      const discountFen = basket.chosen?.discountFen ?? 0;
      const shares = allocateDiscount(discountFen, coupon, basket.lines);
      const status: OrderStatus = parsed.paid ? 'paid' : 'pending';
      const id = this.store.insert(
        {
          orderNo: orderNumber(now, (day) => this.store.nextSeq(day)),
          sessionId: basket.sessionId,
          status,
          buyer: parsed.buyer,
          phone: parsed.phone ?? '',
          address: parsed.address ?? '',
          note: parsed.note ?? '',
          couponId: coupon?.id ?? null,
          couponName: coupon?.name ?? null,
          subtotalFen: basket.subtotalFen,
          discountFen,
          units: basket.lines.reduce((n, l) => n + l.quantity, 0),
          key: scopedKey,
          keyHash,
          lines: basket.lines.map((l, i) => ({
            productId: l.productId,
            title: l.product.title,
            skuId: l.sku.id,
            spec: l.sku.spec,
            sku: l.sku.code,
            linkNo: l.linkNo,
            unitPriceFen: l.unitPriceFen,
            quantity: l.quantity,
            discountFen: shares[i]!,
          })),
        },
        now,
      );
      this.store.appendHistory(id, now, null, status, actor, null);
      const order = this.get(id);
      emit('orders.changed', { order });
      this.announceStock(basket.lines, basket.live, 'taken', now, emit);
      if (coupon) emit('coupons.changed', { coupon: this.coupons.coupon(coupon.id) });
      return order;
    });
  }

  /** One step along ORDER_TRANSITIONS. Cancelling or refunding puts the units back; cancelling frees the coupon. */
  setStatus(
    id: number,
    to: OrderStatus,
    actor: Actor,
    note?: string,
    shipment?: { carrier: string; trackingNo: string },
  ): Promise<Order> {
    const current = this.get(id);
    // The platform owns its orders' course (paid, cancelled, refunded come from it); shipping is told to it first.
    if (current.platform !== null) {
      if (to !== 'shipped' || !shipment) {
        throw refused('order_platform_owned', `order ${current.orderNo} is the platform's`, { to });
      }
      // A platform the studio cannot tell (抖店, or the shop not connected): recorded here; the seller ships there.
      if (this.shipping.sendsToPlatform(current)) return this.shipping.shipOnPlatform(current, shipment, actor, note);
    }
    return this.write((emit) => {
      const order = this.get(id);
      if (!canTransition(order.status, to)) {
        throw refused('order_transition', `order ${order.orderNo} is ${order.status}`, { from: order.status, to });
      }
      const now = this.now();
      if (shipment) this.store.ship(id, shipment.carrier, shipment.trackingNo, now);
      else this.store.setStatus(id, order.status, to, now);
      if (returnsStock(to)) {
        for (const line of order.lines) this.catalog.putBack(line.productId, line.skuId, line.quantity, now);
        this.announceStock(order.lines, this.liveBag(order.sessionId), 'returned', now, emit);
      }
      if (to === 'cancelled' && order.couponId !== null) {
        this.coupons.release(order.couponId, now);
        emit('coupons.changed', { coupon: this.coupons.coupon(order.couponId) });
      }
      const shipped = shipment && `${shipment.carrier} ${shipment.trackingNo}`;
      this.store.appendHistory(id, now, order.status, to, actor, [shipped, note].filter(Boolean).join(' · ') || null);
      const changed = this.get(id);
      emit('orders.changed', { order: changed });
      return changed;
    });
  }

  /** 批量发货 (see OrderShipping.shipBatch). */
  shipBatch(rows: readonly ShipRow[], actor: Actor): Promise<ShipBatchResult> {
    return this.shipping.shipBatch(rows, actor);
  }

  private basket(input: ParsedInput, now: number): Basket {
    const sessionId = this.sessionOf(input.sessionId);
    const slots = sessionId === null ? [] : this.shows.slots(sessionId);
    // Without a session named, the order is the live show's; a named one is live only if it says so.
    const isLive =
      sessionId !== null && (input.sessionId === undefined || this.shows.session(sessionId)?.state === 'live');
    const lines = input.lines.map((line) => {
      let product: Product | undefined;
      let skuId = line.skuId;
      if (line.productId !== undefined) product = this.catalog.product(line.productId);
      else if (line.sku !== undefined) {
        const owner = this.catalog.skuByCode(line.sku);
        if (!owner) throw refused('order_unknown_sku', `no product with SKU ${line.sku}`, { sku: line.sku });
        product = this.catalog.product(owner.productId);
        skuId = owner.sku.id;
      } else {
        if (sessionId === null) throw refused('order_no_session', 'a link number needs a session');
        const slot = slots.find((s) => s.linkNo === line.linkNo);
        if (!slot) throw refused('order_unknown_link', `no link ${line.linkNo}`, { linkNo: line.linkNo! });
        product = this.catalog.product(slot.productId);
      }
      if (product.archived) throw refused('product_archived', `product ${product.id} is archived`);
      const sku = pickSku(product, skuId);
      const linkNo = slots.find((s) => s.productId === product.id)?.linkNo ?? null;
      return { productId: product.id, sku, unitPriceFen: sku.priceFen, quantity: line.quantity, product, linkNo };
    });
    const subtotalFen = lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);
    const option = (couponId: number) =>
      couponOption(this.coupons.coupon(couponId), lines, this.store.buyerUses(couponId, input.buyer), now);
    const running = sessionId === null ? [] : this.shows.runningCouponIds(sessionId).map(option);
    const { option: chosen, refusal } = chosenOption(input.coupon, running, () => option(input.coupon as number));
    const live = isLive ? { sessionId, slots } : null;
    return { sessionId, live, lines, subtotalFen, options: running, chosen, refusal };
  }

  /** The session an order belongs to: the one named (it must exist and have started), else the live one. */
  private sessionOf(given: number | null | undefined): number | null {
    if (given === null) return null;
    if (given === undefined) return this.shows.liveSessionId();
    const session = this.shows.session(given);
    if (!session) throw new StudioError('not_found', `session ${given} not found`);
    if (session.state === 'planned') throw refused('order_session_planned', `session ${given} has not started`);
    return given;
  }

  /** The order's show when it is live now, with its bag. */
  private liveBag(sessionId: number | null): LiveBag | null {
    if (sessionId === null || this.shows.session(sessionId)?.state !== 'live') return null;
    return { sessionId, slots: this.shows.slots(sessionId) };
  }

  /** Stock moved: every client's product and bag rows update; in the live show, running out is logged. */
  private announceStock(
    lines: ReadonlyArray<{ productId: number; quantity: number }>,
    live: LiveBag | null,
    direction: 'taken' | 'returned',
    now: number,
    emit: Publish,
  ): void {
    for (const productId of new Set(lines.map((l) => l.productId))) {
      const product = this.catalog.product(productId);
      emit('catalog.productChanged', { product });
      const slot = live?.slots.find((s) => s.productId === productId);
      if (!live || !slot) continue;
      const moved = lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
      let kind: 'bag_sold_out' | 'bag_back_in_stock' | null = null;
      if (direction === 'taken' && product.stock === 0) kind = 'bag_sold_out';
      if (direction === 'returned' && product.stock === moved) kind = 'bag_back_in_stock'; // it was at 0
      if (kind) emit('live.logged', { entry: this.shows.logStock(live.sessionId, kind, now, productId, slot.linkNo) });
    }
  }

  private write<T>(work: (emit: Publish) => T): Promise<T> {
    return this.writer.write(work);
  }
}

/** The SKU a line sells: the one named, or a product's only one; a product with several needs one named. */
function pickSku(product: Product, skuId: number | undefined): Sku {
  if (skuId === undefined) {
    if (product.skus.length === 1) return product.skus[0]!;
    throw refused('sku_required', `product ${product.id} has several SKUs`, { title: product.title });
  }
  const sku = product.skus.find((s) => s.id === skuId);
  if (!sku) throw refused('sku_unknown', `SKU ${skuId} is not a live SKU of product ${product.id}`);
  return sku;
}
