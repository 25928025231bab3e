// 发货: shipping orders one at a time or from a file (批量发货). An order taken here is marked shipped; a platform's
// order is first sent to the platform (its shipper), then marked. Every file row is checked before anything is
// written or sent.
import { refused, StudioError, type Issue } from '../protocol/errors.ts';
import type { Order } from '../protocol/order-schemas.ts';
import { ORDER_LIMITS } from '../protocol/order-schemas.ts';
import type { Publish } from '../publish.ts';
import type { Actor, OrderStore } from './order-store.ts';
import { matchCarrier, type Carrier, type PlatformShipper, type ShipAnswer } from './platform-shipping.ts';

// What Excel makes of a long tracking number typed into a General cell (75312345678901 → 7.53123E+13): the
// digits are gone, so shipping it would send the buyer a wrong number.
export const EXCEL_SCIENTIFIC = /^\d+(?:\.\d+)?E\+\d+$/i;

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

/** A write of the order log: through the studio's writer, its events after the commit. */
type Write = <T>(work: (emit: Publish) => T) => Promise<T>;

export class OrderShipping {
  /** Set by the shop domain once it exists; null until then. */
  shipper: PlatformShipper | null = null;
  private readonly store: OrderStore;
  private readonly write: Write;
  private readonly now: () => number;

  constructor(store: OrderStore, write: Write, now: () => number) {
    this.store = store;
    this.write = write;
    this.now = now;
  }

  /** The order is sent to its platform when shipped (else it is only recorded here). */
  sendsToPlatform(order: Order): boolean {
    return this.shipper?.handles(order) ?? false;
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
      if (!this.sendsToPlatform(order)) {
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
  async shipOnPlatform(
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
    return this.store.get(order.id)!;
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
      emit('orders.changed', { order: this.store.get(order.id)! });
      return true;
    });
  }
}
