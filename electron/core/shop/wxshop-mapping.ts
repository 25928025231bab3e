// What the studio reads of the 微信小店 API's answers (field names as on developers.weixin.qq.com: api_getproduct,
// api_getorder), and how they map onto the library and the order log. Pure: no calls, no database. Ids are strings
// (19-digit numbers do not survive as JS numbers); money is fen already.
import type { ShopProduct } from '../catalog/shop-products.ts';
import type { PlatformOrder, PlatformOrderLine } from '../orders/platform-orders.ts';
import type { OrderStatus } from '../protocol/order-schemas.ts';

export interface WxAttr {
  attr_key?: string;
  attr_value?: string;
}

export interface WxSku {
  sku_id: string | number;
  sale_price?: number;
  stock_num?: number;
  sku_code?: string;
  sku_attrs?: WxAttr[];
  status?: number;
}

export interface WxProduct {
  product_id: string | number;
  title?: string;
  head_imgs?: string[];
  status?: number;
  skus?: WxSku[];
}

export interface WxOrderLine {
  product_id: string | number;
  sku_id: string | number;
  sku_cnt: number;
  sale_price: number;
  title?: string;
  sku_code?: string;
  sku_attrs?: WxAttr[];
  on_aftersale_sku_cnt?: number;
  finish_aftersale_sku_cnt?: number;
}

export interface WxOrder {
  order_id: string | number;
  status: number;
  create_time: number;
  update_time: number;
  order_detail?: {
    product_infos?: WxOrderLine[];
    price_info?: { product_price?: number; order_price?: number; freight?: number };
    pay_info?: { pay_time?: number };
    delivery_info?: {
      address_info?: {
        user_name?: string;
        tel_number?: string;
        province_name?: string;
        city_name?: string;
        county_name?: string;
        detail_info?: string;
        house_number?: string;
        tel_number_ext_info?: { real_tel_number?: string };
      };
      delivery_product_info?: Array<{ waybill_id?: string; delivery_id?: string; delivery_name?: string }>;
    };
    ext_info?: { customer_notes?: string };
  };
}

/** "红色 / M": the SKU's attribute values, as the shop shows them to the buyer. */
export function specOf(attrs: readonly WxAttr[] | undefined): string {
  return (attrs ?? [])
    .map((a) => (a.attr_value ?? '').trim())
    .filter(Boolean)
    .join(' / ')
    .replace(/[\u0000-\u001f\u007f]/g, ' ') // eslint-disable-line no-control-regex
    .slice(0, 100);
}

const blank = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** A shop product as the library takes it (the picture downloaded by the caller). */
export function shopProduct(p: WxProduct, imageId: string | null): ShopProduct {
  const skus = (p.skus ?? []).filter((s) => s.status === undefined || s.status !== 21); // 21: deleted after presale
  const specs = skus.map((s) => specOf(s.sku_attrs));
  return {
    shopProductId: String(p.product_id),
    title: (p.title ?? '').trim() || String(p.product_id),
    imageId,
    skus: skus.map((s, i) => ({
      shopSkuId: String(s.sku_id),
      // A product with several SKUs needs a name for each; one without attributes gets its SKU id.
      spec: skus.length > 1 && !specs[i] ? String(s.sku_id) : specs[i]!,
      priceFen: Math.max(0, Math.round(s.sale_price ?? 0)),
      stock: Math.max(0, Math.round(s.stock_num ?? 0)),
      code: blank(s.sku_code),
    })),
  };
}

// api_getorder's status: 10 待付款, 12 礼物待收下, 13 一起买待成团, 20 待发货, 21 部分发货, 30 待收货, 100 完成,
// 200 全部商品售后之后，订单取消, 250 未付款用户主动取消或超时未付款订单自动取消.
const STATUS: Record<number, OrderStatus> = {
  10: 'pending',
  12: 'pending',
  13: 'pending',
  20: 'paid',
  21: 'paid',
  30: 'shipped',
  100: 'completed',
  200: 'refunded',
  250: 'cancelled',
};

export function orderStatusOf(code: number, paid: boolean): OrderStatus {
  return STATUS[code] ?? (paid ? 'paid' : 'pending');
}

/**
 * The shop's order, its lines already resolved to the library's products and SKUs. The order names its carrier by
 * the shop's id (`SF`): `carrierName` gives the name the seller picked it by (顺丰速运), from the shop's list.
 */
export function platformOrder(
  o: WxOrder,
  lines: PlatformOrderLine[],
  carrierName: (deliveryId: string) => string | null = () => null,
): PlatformOrder {
  const detail = o.order_detail ?? {};
  const price = detail.price_info ?? {};
  const address = detail.delivery_info?.address_info ?? {};
  const shipped = detail.delivery_info?.delivery_product_info?.at(-1);
  const infos = detail.product_infos ?? [];
  const sum = (key: 'on_aftersale_sku_cnt' | 'finish_aftersale_sku_cnt') =>
    infos.reduce((n, l) => n + Math.max(0, l[key] ?? 0), 0);
  const goods = lines.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0);
  const payTime = detail.pay_info?.pay_time;
  const place = [
    address.province_name,
    address.city_name,
    address.county_name,
    address.detail_info,
    address.house_number,
  ]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return {
    platform: 'wxshop',
    platformOrderId: String(o.order_id),
    platformStatus: String(o.status),
    status: orderStatusOf(o.status, Boolean(payTime)),
    // The shop masks the buyer's name and phone (陈*, 138****5941): kept as given; the decode API is never called.
    buyer: (address.user_name?.trim() || '微信买家').slice(0, 40),
    phone: (address.tel_number?.trim() || address.tel_number_ext_info?.real_tel_number?.trim() || '').slice(0, 40),
    address: place.slice(0, 500),
    note: (detail.ext_info?.customer_notes ?? '').trim().slice(0, 500),
    discountFen: Math.max(0, (price.product_price ?? goods) + (price.freight ?? 0) - (price.order_price ?? goods)),
    freightFen: price.freight ?? 0,
    paidFen: price.order_price ?? goods,
    aftersaleOpen: sum('on_aftersale_sku_cnt'),
    aftersaleDone: sum('finish_aftersale_sku_cnt'),
    carrier:
      blank(shipped?.delivery_name) ??
      (shipped?.delivery_id ? carrierName(shipped.delivery_id) : null) ??
      blank(shipped?.delivery_id),
    trackingNo: blank(shipped?.waybill_id),
    createdAt: o.create_time * 1000,
    paidAt: payTime ? payTime * 1000 : null,
    platformUpdatedAt: o.update_time * 1000,
    lines,
  };
}
