// Taking and running orders. Each change is one transaction behind the write gate (stock, coupon claim, the
// order, its history), then its events: two assistants ordering the last unit at once are simply applied one
// after the other, and the second is refused.
import crypto from 'node:crypto';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { CouponService } from '../coupons/coupon-service.ts';
import type { Db } from '../db/connection.ts';
import { gatedWrite } from '../db/gated-write.ts';
import type { LiveService } from '../live/live-service.ts';
import type { BasketLine } from '../protocol/coupon-discount.ts';
import { refused, StudioError, type Issue } from '../protocol/errors.ts';
import { allocateDiscount } from '../protocol/order-money.ts';
import type { Order, OrderInput, OrderStatus, Quote } from '../protocol/order-schemas.ts';
import { ORDER_LIMITS, orderInputSchema, quoteInputSchema, type QuoteInput } from '../protocol/order-schemas.ts';
import { canTransition, returnsStock } from '../protocol/order-status.ts';
import type { Product, Sku } from '../protocol/catalog-schemas.ts';
import type { Publish } from '../publish.ts';
import { chosenOption, couponOption, type CouponOption } from './order-coupons.ts';
import { orderNumber } from './order-number.ts';
import { idempotencyKey, OrderStore, type Actor } from './order-store.ts';
import { matchCarrier, type Carrier, type PlatformShipper, type ShipAnswer } from './platform-shipping.ts';

type ParsedInput = ReturnType<typeof orderInputSchema.parse>;

interface Basket {
  sessionId: number | null;
  lines: Array<BasketLine & { product: Product; sku: Sku; linkNo: number | null }>;
  subtotalFen: number;
  options: CouponOption[];
  chosen: CouponOption | null;
  refusal: string | null;
}

// What Excel makes of a long tracking number typed into a General cell (75312345678901 → 7.53123E+13): the
// digits are gone, so shipping it would send the buyer a wrong number.
const EXCEL_SCIENTIFIC = /^\d+(?:\.\d+)?E\+\d+$/i;

/** How a batch went: shipped here or on the platform, rows left alone, and platform refusals by row. */
export interface ShipBatchResult {
  shipped: number;
  /** Rows without a shipment (no carrier, no tracking number), and orders already shipped with this very one. */
  skipped: number;
  /** Orders the platform refused, each with its reason: still paid here, to be fixed and sent again. */
  failed: Issue[];
}

export interface ShipRow {
  line: number;
  orderNo: string;
  carrier: string;
  trackingNo: string;
  /** Every cell of the row as read: the same text twice is a duplicate row. */
  whole?: string;
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
  private readonly catalog: CatalogService;
  private readonly coupons: CouponService;
  private readonly live: LiveService;
  private readonly publish: Publish;
  private readonly now: () => number;
  /** Who ships orders placed on a platform (the shop domain, once connected): they are shipped there. */
  private shipper: PlatformShipper | null = null;

  constructor(
    db: Db,
    deps: { catalog: CatalogService; coupons: CouponService; live: LiveService },
    publish: Publish,
    now: () => number = Date.now,
  ) {
    this.store = new OrderStore(db);
    this.catalog = deps.catalog;
    this.coupons = deps.coupons;
    this.live = deps.live;
    this.publish = publish;
    this.now = now;
  }

  setPlatformShipper(shipper: PlatformShipper | null): void {
    this.shipper = shipper;
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
  create(input: OrderInput, actor: Actor, key?: string): Order | Promise<Order> {
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
        if (!this.store.takeStock(line.productId, line.sku.id, line.quantity, now)) {
          const left = this.catalog.store.skus.get(line.sku.id)?.sku.stock ?? 0;
          throw refused('order_oversold', `only ${left} left of product ${line.productId}`, {
            title: line.product.title,
            left,
            quantity: line.quantity,
          });
        }
      }
      const coupon = basket.chosen?.coupon ?? null;
      if (coupon && !this.store.claimCoupon(coupon.id, now)) throw refused('coupon_sold_out', 'no coupons left');
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
      this.announceStock(basket.lines, basket.sessionId, 'taken', now, emit);
      if (coupon) emit('coupons.changed', { coupon: this.coupons.get(coupon.id) });
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
  ): Order | Promise<Order> {
    const current = this.get(id);
    // The platform owns its orders' course (paid, cancelled, refunded come from it); shipping is told to it first.
    if (current.platform !== null) {
      if (to !== 'shipped' || !shipment) {
        throw refused('order_platform_owned', `order ${current.orderNo} is the platform's`, { to });
      }
      // A platform the studio cannot tell (抖店, or the shop not connected): recorded here; the seller ships there.
      if (this.shipper?.handles(current)) return this.shipOnPlatform(current, shipment, actor, note);
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
        for (const line of order.lines) this.store.returnStock(line.productId, line.skuId, line.quantity, now);
        this.announceStock(order.lines, order.sessionId, 'returned', now, emit);
      }
      if (to === 'cancelled' && order.couponId !== null) {
        this.store.releaseCoupon(order.couponId, now);
        emit('coupons.changed', { coupon: this.coupons.get(order.couponId) });
      }
      const shipped = shipment && `${shipment.carrier} ${shipment.trackingNo}`;
      this.store.appendHistory(id, now, order.status, to, actor, [shipped, note].filter(Boolean).join(' · ') || null);
      const changed = this.get(id);
      emit('orders.changed', { order: changed });
      return changed;
    });
  }

  /**
   * 批量发货: every row is checked before anything is written or sent (unknown order, not paid, empty or overlong
   * cells, a duplicate row, an order given two shipments, a carrier the platform does not know); any problem and
   * nothing changes, every problem listed by its line. A row with neither carrier nor tracking number is left alone,
   * as is an order already shipped with this very shipment: a filled-in order export ships what was filled in. The
   * rows of one order's lines (they differ in the product, not in the shipment) ship it once. Orders taken here are
   * shipped in one transaction; a platform's orders are then sent to it one by one, each refusal said on its row.
   */
  async shipBatch(rows: readonly ShipRow[], actor: Actor): Promise<ShipBatchResult> {
    const carriers = await this.platformCarriers(rows);
    const max = { carrier: ORDER_LIMITS.carrier, trackingNo: ORDER_LIMITS.trackingNo };
    const issues: Issue[] = [];
    const seen = new Map<string, ShipRow>();
    const local: Array<{ row: ShipRow; order: Order }> = [];
    const platform: Array<{ row: ShipRow; order: Order; carrier: Carrier }> = [];
    let skipped = 0;
    let blank = 0;
    const alreadyShipped = new Set<string>();
    for (const row of rows) {
      if (!row.carrier && !row.trackingNo) {
        blank++;
        continue;
      }
      if (!row.orderNo) {
        issues.push({ path: 'order_no', code: 'required', line: row.line });
        continue;
      }
      const first = seen.get(row.orderNo);
      if (first !== undefined) {
        const sameShipment = row.carrier === first.carrier && row.trackingNo === first.trackingNo;
        const anotherLine = row.whole !== undefined && row.whole !== first.whole;
        if (sameShipment && anotherLine) {
          if (alreadyShipped.has(row.orderNo)) skipped++; // another line of an order left alone: so is this row
          continue;
        }
        issues.push({
          path: 'order_no',
          code: 'ship_duplicate',
          line: row.line,
          params: { first: first.line, orderNo: row.orderNo },
        });
        continue;
      }
      seen.set(row.orderNo, row);
      const order = this.store.getByNo(row.orderNo);
      if (order?.status === 'shipped' && order.trackingNo === row.trackingNo) {
        skipped++; // shipped with this very shipment already: an export read back, or a retry
        alreadyShipped.add(row.orderNo);
        continue;
      }
      if (!order)
        issues.push({ path: 'order_no', code: 'ship_unknown_order', line: row.line, params: { orderNo: row.orderNo } });
      else if (order.status !== 'paid') {
        issues.push({
          path: 'order_no',
          code: 'ship_not_paid',
          line: row.line,
          params: { orderNo: row.orderNo, status: order.status },
        });
      }
      if (!row.carrier) issues.push({ path: 'carrier', code: 'required', line: row.line });
      else if (row.carrier.length > max.carrier) {
        issues.push({ path: 'carrier', code: 'too_long', line: row.line, params: { max: max.carrier } });
      }
      if (!row.trackingNo) issues.push({ path: 'tracking_no', code: 'ship_tracking_empty', line: row.line });
      else if (EXCEL_SCIENTIFIC.test(row.trackingNo)) {
        issues.push({
          path: 'tracking_no',
          code: 'ship_tracking_mangled',
          line: row.line,
          params: { value: row.trackingNo },
        });
      } else if (row.trackingNo.length > max.trackingNo) {
        issues.push({ path: 'tracking_no', code: 'too_long', line: row.line, params: { max: max.trackingNo } });
      }
      if (!order) continue;
      if (!this.shipper?.handles(order)) {
        local.push({ row, order });
        continue;
      }
      const carrier = 'list' in carriers ? matchCarrier(row.carrier, carriers.list) : null;
      if ('code' in carriers) {
        issues.push({
          path: 'order_no',
          code: carriers.code,
          line: row.line,
          ...(carriers.params && { params: carriers.params }),
        });
      } else if (row.carrier && !carrier) {
        issues.push({
          path: 'carrier',
          code: 'ship_carrier_unknown',
          line: row.line,
          params: { carrier: row.carrier },
        });
      }
      if (carrier) platform.push({ row, order, carrier });
    }
    if (issues.length > 0)
      throw new StudioError('import_invalid', `${issues.length} problem(s) in the file`, { issues });
    if (blank === rows.length) {
      throw new StudioError('import_invalid', 'nothing to ship', { issues: [{ path: '', code: 'ship_nothing' }] });
    }
    skipped += blank;
    const shippedHere = await this.write((emit) => {
      const now = this.now();
      let n = 0;
      for (const { row, order } of local) {
        // Checked while nobody else writes: an order someone cancelled meanwhile is not shipped, nor said to be.
        if (!this.store.ship(order.id, row.carrier, row.trackingNo, now)) continue;
        this.store.appendHistory(order.id, now, 'paid', 'shipped', actor, `${row.carrier} ${row.trackingNo}`);
        n++;
      }
      if (n > 0) emit('orders.bulkChanged', { count: n });
      return n;
    });
    const failed: Issue[] = [];
    let shippedThere = 0;
    for (const { row, order, carrier } of platform) {
      let answer: ShipAnswer;
      try {
        answer = await this.shipper!.send(order, carrier, row.trackingNo);
      } catch (error) {
        // The platform could not be asked (the network, a quota): this order stays to ship, the rest go on.
        const issue = error instanceof StudioError ? error.issues?.[0] : undefined;
        answer = { ok: false, code: issue?.code ?? 'internal', params: issue?.params ?? {} };
      }
      const shipped = answer.ok && (await this.markShipped(order, carrier.name, row.trackingNo, actor, null));
      if (shipped) shippedThere++;
      else if (!answer.ok) {
        failed.push({
          path: 'order_no',
          code: answer.code,
          line: row.line,
          params: { ...answer.params, orderNo: order.orderNo },
        });
      }
    }
    return { shipped: shippedHere + shippedThere, skipped, failed };
  }

  /** The platform's carriers when the rows name one of its orders it can ship; else why its orders cannot ship now. */
  private async platformCarriers(
    rows: readonly ShipRow[],
  ): Promise<{ list: Carrier[] } | { code: string; params?: Record<string, string | number> }> {
    const shipper = this.shipper;
    const needed = rows.some((r) => {
      const order = (r.carrier || r.trackingNo) && this.store.getByNo(r.orderNo);
      return order && shipper?.handles(order);
    });
    if (!needed || !shipper) return { list: [] };
    try {
      return { list: await shipper.carriers() };
    } catch (error) {
      const issue = error instanceof StudioError ? error.issues?.[0] : undefined;
      return { code: issue?.code ?? 'ship_platform_unavailable', ...(issue?.params && { params: issue.params }) };
    }
  }

  /** One platform order: the carrier found in the platform's list, the shipment sent, then marked here. */
  private async shipOnPlatform(
    order: Order,
    shipment: { carrier: string; trackingNo: string },
    actor: Actor,
    note: string | undefined,
  ): Promise<Order> {
    if (order.status !== 'paid') {
      throw refused('order_transition', `order ${order.orderNo} is ${order.status}`, {
        from: order.status,
        to: 'shipped',
      });
    }
    const shipper = this.shipper!;
    const carrier = matchCarrier(shipment.carrier, await shipper.carriers());
    if (!carrier)
      throw refused('ship_carrier_unknown', `unknown carrier ${shipment.carrier}`, { carrier: shipment.carrier });
    const answer = await shipper.send(order, carrier, shipment.trackingNo);
    if (!answer.ok) throw refused(answer.code, `the platform refused the shipment of ${order.orderNo}`, answer.params);
    await this.markShipped(order, carrier.name, shipment.trackingNo, actor, note ?? null);
    return this.get(order.id);
  }

  /**
   * Marks shipped here what the platform took; false when the order moved meanwhile (a sync saw it shipped or
   * refunded there first): then nothing is written, and no history says otherwise.
   */
  private async markShipped(order: Order, carrier: string, trackingNo: string, actor: Actor, note: string | null) {
    return this.write((emit) => {
      const now = this.now();
      if (!this.store.ship(order.id, carrier, trackingNo, now)) return false;
      const text = [`${carrier} ${trackingNo}`, note].filter(Boolean).join(' · ');
      this.store.appendHistory(order.id, now, 'paid', 'shipped', actor, text);
      emit('orders.changed', { order: this.get(order.id) });
      return true;
    });
  }

  private basket(input: ParsedInput, now: number): Basket {
    const sessionId = this.sessionOf(input.sessionId);
    const slots = sessionId === null ? [] : this.live.store.slots(sessionId);
    const lines = input.lines.map((line) => {
      let product: Product | undefined;
      let skuId = line.skuId;
      if (line.productId !== undefined) product = this.catalog.get(line.productId);
      else if (line.sku !== undefined) {
        const owner = this.catalog.store.skus.withCode(line.sku);
        if (!owner) throw refused('order_unknown_sku', `no product with SKU ${line.sku}`, { sku: line.sku });
        product = this.catalog.get(owner.productId);
        skuId = owner.sku.id;
      } else {
        if (sessionId === null) throw refused('order_no_session', 'a link number needs a session');
        const slot = slots.find((s) => s.linkNo === line.linkNo);
        if (!slot) throw refused('order_unknown_link', `no link ${line.linkNo}`, { linkNo: line.linkNo! });
        product = this.catalog.get(slot.productId);
      }
      if (product.archived) throw refused('product_archived', `product ${product.id} is archived`);
      const sku = pickSku(product, skuId);
      const linkNo = slots.find((s) => s.productId === product.id)?.linkNo ?? null;
      return { productId: product.id, sku, unitPriceFen: sku.priceFen, quantity: line.quantity, product, linkNo };
    });
    const subtotalFen = lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);
    const option = (couponId: number) =>
      couponOption(this.coupons.get(couponId), lines, this.store.buyerUses(couponId, input.buyer), now);
    const running = sessionId === null ? [] : this.live.store.runningPushes(sessionId).map((p) => option(p.couponId));
    const { option: chosen, refusal } = chosenOption(input.coupon, running, () => option(input.coupon as number));
    return { sessionId, lines, subtotalFen, options: running, chosen, refusal };
  }

  /** The session an order belongs to: the one named (it must exist and have started), else the live one. */
  private sessionOf(given: number | null | undefined): number | null {
    if (given === null) return null;
    if (given === undefined) return this.live.store.liveSessionId() ?? null;
    const session = this.live.store.session(given);
    if (!session) throw new StudioError('not_found', `session ${given} not found`);
    if (session.state === 'planned') throw refused('order_session_planned', `session ${given} has not started`);
    return given;
  }

  /** Stock moved: every client's product and bag rows update; in the live show, running out is logged. */
  private announceStock(
    lines: ReadonlyArray<{ productId: number; quantity: number }>,
    sessionId: number | null,
    direction: 'taken' | 'returned',
    now: number,
    emit: Publish,
  ): void {
    const live = sessionId !== null && this.live.store.session(sessionId)?.state === 'live' ? sessionId : null;
    const slots = live === null ? [] : this.live.store.slots(live);
    for (const productId of new Set(lines.map((l) => l.productId))) {
      const product = this.catalog.get(productId);
      emit('catalog.productChanged', { product });
      const slot = slots.find((s) => s.productId === productId);
      if (live === null || !slot) continue;
      const moved = lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
      let kind: 'bag_sold_out' | 'bag_back_in_stock' | null = null;
      if (direction === 'taken' && product.stock === 0) kind = 'bag_sold_out';
      if (direction === 'returned' && product.stock === moved) kind = 'bag_back_in_stock'; // it was at 0
      if (kind) emit('live.logged', { entry: this.live.store.insertLog(live, kind, now, productId, slot.linkNo) });
    }
  }

  private write<T>(work: (emit: Publish) => T): T | Promise<T> {
    return gatedWrite(this.catalog.gate, (w) => this.store.transaction(w), this.publish, work);
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
