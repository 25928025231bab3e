// Orders placed on a platform (微信小店 through its API or its export file, 抖店 through its file) in the log, as the
// platform has them: its order id (one order however often it arrives), its amounts, its status beside ours, its
// after-sale counts. A later, newer snapshot brings a changed price (改价) or address as well as a new status. The platform took the stock, not the studio. An order placed while a show was live belongs
// to that show, each line to the link number its product had in the bag, so the report counts it.
import type { Db } from '../db/connection.ts';
import { allocateDiscount } from './order-money.ts';
import type { Order, OrderStatus } from '../protocol/order-schemas.ts';
import type { OrderStore } from './order-store.ts';

export type Platform = 'wxshop' | 'douyin';

export interface PlatformOrderLine {
  /** The platform's own product and SKU ids, when it gives them (its API does; its files do not). */
  platformProductId?: string | null;
  platformSkuId?: string | null;
  productId: number;
  skuId: number | null;
  title: string;
  spec: string;
  sku: string | null;
  unitPriceFen: number;
  quantity: number;
}

export interface PlatformOrder {
  platform: Platform;
  platformOrderId: string;
  /** The platform's own status, as it gave it (a code or a file's text). */
  platformStatus: string;
  status: OrderStatus;
  buyer: string;
  phone: string;
  address: string;
  note: string;
  /** Everything taken off the goods (the platform's and the seller's discounts, a changed price). */
  discountFen: number;
  freightFen: number;
  /** What the buyer paid, as the platform computed it: goods − discount + freight. */
  paidFen: number;
  aftersaleOpen: number;
  aftersaleDone: number;
  carrier: string | null;
  trackingNo: string | null;
  createdAt: number;
  paidAt: number | null;
  /** The platform's last change (ms); null when a file does not say. */
  platformUpdatedAt: number | null;
  lines: PlatformOrderLine[];
}

export type PlatformOutcome = 'created' | 'updated' | 'unchanged';

const ROLE = 'shop';

/** Goods − discount + freight = paid, whatever rounding the platform's figures carry: the discount gives way. */
export function balancedAmounts(
  subtotalFen: number,
  order: Pick<PlatformOrder, 'discountFen' | 'freightFen' | 'paidFen'>,
) {
  const freightFen = Math.max(0, order.freightFen);
  const discountFen = Math.min(subtotalFen, Math.max(0, subtotalFen + freightFen - order.paidFen));
  return { discountFen, freightFen: order.paidFen - subtotalFen + discountFen };
}

export class PlatformOrders {
  private readonly store: OrderStore;
  private readonly stmts;

  constructor(db: Db, store: OrderStore) {
    this.store = store;
    this.stmts = {
      find: db.prepare<
        [string, string],
        {
          id: number;
          status: OrderStatus;
          platform_status: string | null;
          platform_updated_at: number | null;
          aftersale_open: number;
          aftersale_done: number;
          tracking_no: string | null;
          subtotal_fen: number;
          discount_fen: number;
          freight_fen: number;
          paid_fen: number;
          buyer: string;
          phone: string;
          address: string;
          note: string;
        }
      >(
        `SELECT id, status, platform_status, platform_updated_at, aftersale_open, aftersale_done, tracking_no,
           subtotal_fen, discount_fen, freight_fen, paid_fen, buyer, phone, address, note
         FROM orders WHERE platform = ? AND platform_order_id = ?`,
      ),
      // A changed price (改价) or address (the buyer's 修改地址 before shipping), as the platform now has them.
      refresh: db.prepare(
        `UPDATE orders SET discount_fen = @discountFen, freight_fen = @freightFen, paid_fen = @paidFen, buyer = @buyer,
           phone = @phone, address = @address, note = @note WHERE id = @id`,
      ),
      lines: db.prepare<[number], { product_id: number; unit_price_fen: number; quantity: number }>(
        'SELECT product_id, unit_price_fen, quantity FROM order_lines WHERE order_id = ? ORDER BY line_no',
      ),
      lineDiscount: db.prepare('UPDATE order_lines SET discount_fen = ? WHERE order_id = ? AND line_no = ?'),
      insert: db.prepare(
        `INSERT INTO orders (order_no, session_id, status, buyer, phone, address, note, subtotal_fen, discount_fen,
           freight_fen, paid_fen, units, carrier, tracking_no, platform, platform_order_id, platform_status,
           aftersale_open, aftersale_done, paid_at, platform_updated_at, created_at, updated_at)
         VALUES (@orderNo, @sessionId, @status, @buyer, @phone, @address, @note, @subtotalFen, @discountFen,
           @freightFen, @paidFen, @units, @carrier, @trackingNo, @platform, @platformOrderId, @platformStatus,
           @aftersaleOpen, @aftersaleDone, @paidAt, @platformUpdatedAt, @createdAt, @now)`,
      ),
      line: db.prepare(
        `INSERT INTO order_lines (order_id, line_no, product_id, sku_id, title, spec, sku, link_no, unit_price_fen, quantity,
           discount_fen, platform_product_id, platform_sku_id)
         VALUES (@orderId, @lineNo, @productId, @skuId, @title, @spec, @sku, @linkNo, @unitPriceFen, @quantity,
           @discountFen, @platformProductId, @platformSkuId)`,
      ),
      update: db.prepare(
        `UPDATE orders SET status = @status, platform_status = @platformStatus, aftersale_open = @aftersaleOpen,
           aftersale_done = @aftersaleDone, carrier = coalesce(@carrier, carrier), tracking_no = coalesce(@trackingNo, tracking_no),
           paid_at = coalesce(@paidAt, paid_at), platform_updated_at = @platformUpdatedAt, version = version + 1, updated_at = @now
         WHERE id = @id`,
      ),
      // The show live when the order was placed (or the one it was placed in, if it has ended since). Platforms
      // stamp whole seconds: an order stamped 12:00:00 may have been placed at 12:00:00.8, after a 12:00:00.5 start.
      sessionAt: db.prepare<{ at: number }, { id: number }>(
        `SELECT id FROM live_sessions WHERE started_at < @at + 1000 AND (ended_at IS NULL OR ended_at >= @at)
         ORDER BY started_at DESC LIMIT 1`,
      ),
      linkNo: db.prepare<[number, number], { link_no: number }>(
        'SELECT link_no FROM bag_items WHERE session_id = ? AND product_id = ?',
      ),
    };
  }

  /** Inserts or brings up to date; call inside the orders' transaction. Nothing moves when nothing changed. */
  upsert(order: PlatformOrder, now: number, client: string): { outcome: PlatformOutcome; id: number } {
    const found = this.stmts.find.get(order.platform, order.platformOrderId);
    if (!found) return { outcome: 'created', id: this.insert(order, now, client) };
    // A file says nothing of when the platform last changed the order; the shop's API does, and is newer than
    // any export of it: an order the API brought is left as the API said.
    if (order.platformUpdatedAt === null && found.platform_updated_at !== null) {
      return { outcome: 'unchanged', id: found.id };
    }
    // A snapshot no newer than the one stored (a page read before a shipment here, an overlap read again) does
    // not undo what happened since.
    const stored = found.platform_updated_at;
    if (order.platformUpdatedAt !== null && stored !== null && order.platformUpdatedAt <= stored) {
      return { outcome: 'unchanged', id: found.id };
    }
    const money = balancedAmounts(found.subtotal_fen, order);
    const refreshed =
      found.discount_fen !== money.discountFen ||
      found.freight_fen !== money.freightFen ||
      found.paid_fen !== order.paidFen ||
      found.buyer !== order.buyer ||
      found.phone !== order.phone ||
      found.address !== order.address ||
      found.note !== order.note;
    const same =
      !refreshed &&
      found.status === order.status &&
      found.platform_status === order.platformStatus &&
      found.aftersale_open === order.aftersaleOpen &&
      found.aftersale_done === order.aftersaleDone &&
      (order.trackingNo === null || found.tracking_no === order.trackingNo) &&
      (order.platformUpdatedAt === null || found.platform_updated_at === order.platformUpdatedAt);
    if (same) return { outcome: 'unchanged', id: found.id };
    this.stmts.update.run({
      id: found.id,
      status: order.status,
      platformStatus: order.platformStatus,
      aftersaleOpen: order.aftersaleOpen,
      aftersaleDone: order.aftersaleDone,
      carrier: order.carrier,
      trackingNo: order.trackingNo,
      paidAt: order.paidAt,
      platformUpdatedAt: order.platformUpdatedAt ?? found.platform_updated_at,
      now,
    });
    if (refreshed) this.refresh(found.id, order, money);
    if (found.status !== order.status) {
      this.store.appendHistory(found.id, now, found.status, order.status, actor(client), order.platformStatus);
    }
    return { outcome: 'updated', id: found.id };
  }

  /** The platform's amounts and the buyer's details over the stored ones; the discount spread over the lines again. */
  private refresh(id: number, order: PlatformOrder, money: { discountFen: number; freightFen: number }): void {
    this.stmts.refresh.run({ ...order, ...money, id });
    const lines = this.stmts.lines.all(id).map((l) => ({
      productId: l.product_id,
      unitPriceFen: l.unit_price_fen,
      quantity: l.quantity,
    }));
    const parts = allocateDiscount(money.discountFen, { scope: 'shop', productIds: [] }, lines);
    parts.forEach((part, i) => this.stmts.lineDiscount.run(part, id, i + 1));
  }

  /** The order is in the log as the shop's API gave it (a file then changes nothing of it). */
  fromApi(platform: Platform, platformOrderId: string): boolean {
    return (this.stmts.find.get(platform, platformOrderId)?.platform_updated_at ?? null) !== null;
  }

  get(id: number): Order | undefined {
    return this.store.get(id);
  }

  private insert(order: PlatformOrder, now: number, client: string): number {
    const subtotalFen = order.lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);
    const { discountFen, freightFen } = balancedAmounts(subtotalFen, order);
    const sessionId = this.stmts.sessionAt.get({ at: order.createdAt })?.id ?? null;
    const parts = allocateDiscount(discountFen, { scope: 'shop', productIds: [] }, order.lines);
    const info = this.stmts.insert.run({
      ...order,
      orderNo: order.platformOrderId,
      sessionId,
      subtotalFen,
      discountFen,
      freightFen,
      units: order.lines.reduce((sum, l) => sum + l.quantity, 0),
      now,
    });
    const orderId = Number(info.lastInsertRowid);
    order.lines.forEach((line, i) => {
      const linkNo = sessionId === null ? null : (this.stmts.linkNo.get(sessionId, line.productId)?.link_no ?? null);
      this.stmts.line.run({
        platformProductId: null,
        platformSkuId: null,
        ...line,
        orderId,
        lineNo: i + 1,
        linkNo,
        discountFen: parts[i]!,
      });
    });
    this.store.appendHistory(orderId, order.createdAt, null, order.status, actor(client), order.platformStatus);
    return orderId;
  }
}

function actor(client: string) {
  return { role: ROLE, deviceId: null, client } as const;
}
