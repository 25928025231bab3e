// Shipping a shop order is telling the shop (api_senddelivery): the carrier from the shop's own list
// (api_getdeliverycompanylistnew), the waybill, every line of the order. Each shipment is recorded before it is
// sent and after the shop answers, so nothing is sent twice: a shipment the shop took is not sent again, and one
// whose answer never came (a crash) is looked up in the shop's order before it is.
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { Carrier, PlatformShipper, ShipAnswer } from '../orders/platform-shipping.ts';
import type { Order } from '../protocol/order-schemas.ts';
import { StudioError } from '../protocol/errors.ts';
import type { WxShopClient } from './wxshop-client.ts';
import type { WxOrder } from './wxshop-mapping.ts';

interface ShipmentRow {
  delivery_id: string;
  waybill_id: string;
  state: 'sending' | 'sent' | 'failed';
}

export class ShopShipping implements PlatformShipper {
  private readonly writer: Writer;
  private readonly client: () => WxShopClient;
  private readonly now: () => number;
  private list: Carrier[] | null = null;

  private readonly connected: () => boolean;

  private readonly lineIds;
  private readonly shipmentRow;
  private readonly recordStmt;

  constructor(db: Db, writer: Writer, client: () => WxShopClient, connected: () => boolean, now: () => number) {
    this.connected = connected;
    this.lineIds = db.prepare<[number, number], { product: string | null; sku: string | null }>(
      `SELECT coalesce(l.platform_product_id, p.shop_product_id) AS product,
              coalesce(l.platform_sku_id, s.shop_sku_id) AS sku
       FROM order_lines l JOIN products p ON p.id = l.product_id LEFT JOIN product_skus s ON s.id = l.sku_id
       WHERE l.order_id = ? AND l.line_no = ?`,
    );
    this.shipmentRow = db.prepare<[number], ShipmentRow>(
      'SELECT delivery_id, waybill_id, state FROM shop_shipments WHERE order_id = ?',
    );
    this.recordStmt = db.prepare(
      `INSERT INTO shop_shipments (order_id, delivery_id, waybill_id, state, errcode, errmsg, updated_at)
       VALUES (@orderId, @deliveryId, @waybillId, @state, @errcode, @errmsg, @now)
       ON CONFLICT (order_id) DO UPDATE SET delivery_id = @deliveryId, waybill_id = @waybillId, state = @state,
         errcode = @errcode, errmsg = @errmsg, updated_at = @now,
         attempts = attempts + (@state = 'sending')`,
    );
    this.writer = writer;
    this.client = client;
    this.now = now;
  }

  /** A 微信小店 order while the shop is connected; the others are shipped here only (the seller tells the platform). */
  handles(order: Order): boolean {
    return order.platform === 'wxshop' && this.connected();
  }

  /** The shop's carriers (read once per run of the studio: the list changes rarely). */
  async carriers(): Promise<Carrier[]> {
    if (this.list) return this.list;
    const reply = await this.client().call<{ company_list?: Array<{ delivery_id: string; delivery_name: string }> }>(
      '/channels/ec/order/deliverycompanylist/new/get',
      { ewaybill_only: false },
    );
    this.list = (reply.company_list ?? []).map((c) => ({ id: c.delivery_id, name: c.delivery_name }));
    return this.list;
  }

  async send(order: Order, carrier: Carrier, trackingNo: string): Promise<ShipAnswer> {
    const before = this.shipment(order.id);
    if (before?.state === 'sent' && before.waybill_id === trackingNo) return { ok: true, already: true };
    // No answer came last time: the shop may have it. Looked up, not sent blind.
    if (before?.state === 'sending' && (await this.shopHas(order, before.waybill_id))) {
      await this.record(order.id, before.delivery_id, before.waybill_id, 'sent', null);
      if (before.waybill_id === trackingNo) return { ok: true, already: true };
    }
    await this.record(order.id, carrier.id, trackingNo, 'sending', null);
    const lines = this.shopLines(order);
    try {
      await this.client().call('/channels/ec/order/delivery/send', {
        order_id: order.orderNo,
        delivery_list: [{ delivery_id: carrier.id, waybill_id: trackingNo, deliver_type: 1, product_infos: lines }],
      });
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      const issue = error.issues?.[0];
      const errcode = Number(issue?.params?.errcode ?? -1);
      const errmsg = String(issue?.params?.errmsg ?? error.message);
      // 109001 "已经发货完成": if it is this waybill, the shop has it — from us, or typed in its back office.
      if (errcode === 109001 && (await this.shopHas(order, trackingNo))) {
        await this.record(order.id, carrier.id, trackingNo, 'sent', null);
        return { ok: true, already: true };
      }
      await this.record(order.id, carrier.id, trackingNo, 'failed', { errcode, errmsg });
      return { ok: false, code: issue?.code ?? 'shop_refused', params: { errcode, errmsg } };
    }
    await this.record(order.id, carrier.id, trackingNo, 'sent', null);
    return { ok: true, already: false };
  }

  private async shopHas(order: Order, waybill: string): Promise<boolean> {
    const { order: shop } = await this.client().call<{ order?: WxOrder }>('/channels/ec/order/get', {
      order_id: order.orderNo,
    });
    return (shop?.order_detail?.delivery_info?.delivery_product_info ?? []).some((d) => d.waybill_id === waybill);
  }

  /** The order's lines as the shop names them: its own ids on the line, else through the library's links. */
  private shopLines(order: Order) {
    return order.lines.map((line) => {
      const shop = this.lineIds.get(order.id, line.lineNo)!;
      return { product_id: shop.product ?? '', sku_id: shop.sku ?? '', product_cnt: line.quantity };
    });
  }

  private shipment(orderId: number): ShipmentRow | undefined {
    return this.shipmentRow.get(orderId);
  }

  private async record(
    orderId: number,
    deliveryId: string,
    waybillId: string,
    state: ShipmentRow['state'],
    refusal: { errcode: number; errmsg: string } | null,
  ): Promise<void> {
    await this.writer.write(() =>
      this.recordStmt.run({
        orderId,
        deliveryId,
        waybillId,
        state,
        errcode: refusal?.errcode ?? null,
        errmsg: refusal?.errmsg ?? null,
        now: this.now(),
      }),
    );
  }
}
