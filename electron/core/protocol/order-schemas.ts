// Orders (订单): what buyers claimed during a show, their stock, coupons, status history, and the files that
// go out (CSV export) and come back (batch shipping, 批量发货). Amounts are integer fen; times epoch ms.
import { z } from 'zod';
import { exportFormatSchema } from './jobs-schemas.ts';
import { ORDER_STATUSES } from './order-status.ts';
import { uploadIdSchema } from './upload-schemas.ts';
import { ORDER_LIMITS } from './limits.ts';

export { ORDER_STATUSES, type OrderStatus } from './order-status.ts';

const id = z.number().int().positive();
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const text = (max: number) => z.string().trim().max(max);

export { ORDER_LIMITS };

/**
 * One product of an order, named the way the caller knows it: its id, its link number in the session, or a 商品编码
 * (which names the SKU too). `skuId` picks the 规格 of a product that has several (with productId or linkNo).
 */
export const orderLineInputSchema = z
  .strictObject({
    productId: id.optional(),
    linkNo: id.optional(),
    sku: z.string().trim().min(1).max(64).optional(),
    skuId: id.optional(),
    quantity: z.number().int().min(1).max(ORDER_LIMITS.quantity),
  })
  .refine(
    (l) => [l.productId, l.linkNo, l.sku].filter((v) => v !== undefined).length === 1,
    'give exactly one of productId, linkNo, sku',
  )
  .refine((l) => l.skuId === undefined || l.sku === undefined, 'a 商品编码 names its SKU: give skuId without it');
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;

/** `best`: the pushed coupon that takes the most off (the default); `none`; or a chosen coupon's id. */
export const couponChoiceSchema = z.union([z.literal('best'), z.literal('none'), id]);
export type CouponChoice = z.infer<typeof couponChoiceSchema>;

export const orderInputSchema = z.strictObject({
  /** The show it belongs to; omitted means the one live now (an order outside a show gives null). */
  sessionId: id.nullable().optional(),
  lines: z.array(orderLineInputSchema).min(1).max(ORDER_LIMITS.lines),
  buyer: text(ORDER_LIMITS.buyer).min(1),
  phone: text(ORDER_LIMITS.phone).optional(),
  address: text(ORDER_LIMITS.address).optional(),
  note: text(ORDER_LIMITS.note).optional(),
  coupon: couponChoiceSchema.default('best'),
  /** Recorded as already paid (a buyer who paid on the platform while claiming). */
  paid: z.boolean().default(false),
});
export type OrderInput = z.input<typeof orderInputSchema>;

/** A quote may come before the buyer is typed: without one, per-buyer coupon limits count nothing yet. */
export const quoteInputSchema = orderInputSchema.extend({ buyer: text(ORDER_LIMITS.buyer) });
export type QuoteInput = z.input<typeof quoteInputSchema>;

export const orderLineSchema = z.object({
  lineNo: z.number().int(),
  productId: z.number().int(),
  /** Snapshots as sold: a later edit of the product does not change what this buyer ordered. */
  title: z.string(),
  /** The SKU's 商品编码 as sold. */
  sku: z.string().nullable(),
  /** The SKU sold, and its 规格 as sold ('' for a product without specifications). */
  skuId: z.number().int().nullable(),
  spec: z.string(),
  linkNo: z.number().int().nullable(),
  unitPriceFen: z.number().int(),
  quantity: z.number().int(),
  discountFen: z.number().int(),
  paidFen: z.number().int(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const orderSchema = z.object({
  id: z.number().int(),
  /** Read aloud and typed: `YYMMDD-NNN`, the day's sequence in this data directory. */
  orderNo: z.string(),
  sessionId: z.number().int().nullable(),
  sessionTitle: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  buyer: z.string(),
  phone: z.string(),
  address: z.string(),
  note: z.string(),
  couponId: z.number().int().nullable(),
  couponName: z.string().nullable(),
  subtotalFen: z.number().int(),
  discountFen: z.number().int(),
  /** Shipping the buyer paid (platform orders; 0 for orders taken here): paid = subtotal − discount + freight. */
  freightFen: z.number().int(),
  paidFen: z.number().int(),
  units: z.number().int(),
  /** Where it was placed: null in the studio, else the platform (its order id is then the order number). */
  platform: z.enum(['wxshop', 'douyin']).nullable(),
  /** The platform's own status, as it gave it. */
  platformStatus: z.string().nullable(),
  /** Units in an after-sale on the platform now, and units whose after-sale finished. */
  aftersaleOpen: z.number().int(),
  aftersaleDone: z.number().int(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  lines: z.array(orderLineSchema),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  version: z.number().int(),
});
export type Order = z.infer<typeof orderSchema>;

export const orderHistorySchema = z.object({
  at: z.number().int(),
  from: z.enum(ORDER_STATUSES).nullable(),
  to: z.enum(ORDER_STATUSES),
  /** Who: the host or an assistant device (by its paired name), and from which client (desktop, browser, api, cli). */
  role: z.enum(['host', 'assistant', 'shop']),
  deviceName: z.string().nullable(),
  client: z.string(),
  note: z.string().nullable(),
});
export type OrderHistoryEntry = z.infer<typeof orderHistorySchema>;

export const ORDER_SORTS = ['created', 'paid', 'buyer', 'orderNo'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/** The filters of the order log; the CSV export takes the same. Dates are epoch ms, `to` exclusive. */
export const orderFilterSchema = z.strictObject({
  sessionId: id.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  from: epochMs.optional(),
  to: epochMs.optional(),
  productId: id.optional(),
  buyer: z.string().trim().max(ORDER_LIMITS.buyer).optional(),
  /** Order number, buyer, phone or product title containing it. */
  query: z.string().trim().max(100).optional(),
});
export type OrderFilter = z.infer<typeof orderFilterSchema>;

export const orderTotalsSchema = z.object({
  orders: z.number().int(),
  units: z.number().int(),
  subtotalFen: z.number().int(),
  discountFen: z.number().int(),
  paidFen: z.number().int(),
});
export type OrderTotals = z.infer<typeof orderTotalsSchema>;

export const quoteSchema = z.object({
  subtotalFen: z.number().int(),
  discountFen: z.number().int(),
  paidFen: z.number().int(),
  couponId: z.number().int().nullable(),
  /** Every running coupon of the session, and what it would take off this basket (or why it cannot be used). */
  coupons: z.array(
    z.object({
      couponId: z.number().int(),
      name: z.string(),
      discountFen: z.number().int(),
      refusal: z.string().nullable(),
    }),
  ),
});
export type Quote = z.infer<typeof quoteSchema>;

const reportBucket = z.object({ startClockMs: z.number().int(), orders: z.number().int(), paidFen: z.number().int() });
export const sessionReportSchema = z.object({
  sessionId: z.number().int(),
  totals: orderTotalsSchema,
  products: z.array(
    z.object({
      productId: z.number().int(),
      title: z.string(),
      linkNo: z.number().int().nullable(),
      orders: z.number().int(),
      units: z.number().int(),
      subtotalFen: z.number().int(),
      paidFen: z.number().int(),
      /** The same split by 规格, as sold (empty for a product sold without specifications). */
      specs: z.array(
        z.object({
          spec: z.string(),
          orders: z.number().int(),
          units: z.number().int(),
          subtotalFen: z.number().int(),
          paidFen: z.number().int(),
        }),
      ),
    }),
  ),
  coupons: z.array(
    z.object({ couponId: z.number().int(), name: z.string(), orders: z.number().int(), discountFen: z.number().int() }),
  ),
  /**
   * What each explanation sold while it ran: every order placed meanwhile (taken here or in the shop), and the
   * explained product's own units and paid amount among them.
   */
  explanations: z.array(
    z.object({
      segmentId: z.number().int(),
      orders: z.number().int(),
      units: z.number().int(),
      paidFen: z.number().int(),
    }),
  ),
  /** Sales per minute of the session clock (cancelled orders left out). */
  bucketMs: z.number().int(),
  buckets: z.array(reportBucket),
});
export type SessionReport = z.infer<typeof sessionReportSchema>;

export const orderMethods = {
  /** What an order would cost now, with which coupon: the quick entry shows it before Enter. */
  'orders.quote': {
    params: z.strictObject({ input: quoteInputSchema }),
    result: quoteSchema,
  },
  /** Records an order and reserves its stock in one transaction. `key` makes a retry return the same order. */
  'orders.create': {
    params: z.strictObject({ input: orderInputSchema, key: z.string().min(1).max(128).optional() }),
    result: orderSchema,
  },
  'orders.get': {
    params: z.strictObject({ id }),
    result: z.object({ order: orderSchema, history: z.array(orderHistorySchema) }),
  },
  'orders.list': {
    params: z.strictObject({
      filter: orderFilterSchema.default({}),
      sort: z.enum(ORDER_SORTS).default('created'),
      dir: z.enum(['asc', 'desc']).default('desc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({
      total: z.number().int(),
      totals: orderTotalsSchema,
      items: z.array(orderSchema),
      seq: z.number().int(),
    }),
  },
  /** One step along ORDER_TRANSITIONS; cancelling or refunding returns the stock. */
  'orders.setStatus': {
    params: z
      .strictObject({
        id,
        to: z.enum(ORDER_STATUSES),
        note: text(ORDER_LIMITS.note).optional(),
        /** With `to: 'shipped'`: the courier and tracking number, as batch shipping records them. */
        shipment: z
          .strictObject({
            carrier: text(ORDER_LIMITS.carrier).min(1),
            trackingNo: text(ORDER_LIMITS.trackingNo).min(1),
          })
          .optional(),
      })
      .refine((p) => p.shipment === undefined || p.to === 'shipped', 'a shipment only goes with to: shipped'),
    result: orderSchema,
  },
  'orders.report': { params: z.strictObject({ sessionId: id }), result: sessionReportSchema },
  'orders.exportFile': {
    params: z.strictObject({
      filter: orderFilterSchema.default({}),
      locale: z.enum(['zh-CN', 'en']),
      format: exportFormatSchema,
    }),
    result: z.object({ jobId: z.string() }),
  },
  /** 批量发货: all rows checked first; any bad row and nothing changes (the job fails listing every problem). */
  'orders.shipFile': {
    params: z.strictObject({ uploadId: uploadIdSchema }),
    result: z.object({ jobId: z.string() }),
  },
  /** A platform's order export (微信小店, 抖店; xlsx or CSV) into the log, as a job: all or nothing. */
  'orders.importFile': {
    params: z.strictObject({ uploadId: uploadIdSchema }),
    result: z.object({ jobId: z.string() }),
  },
} as const;

export interface OrderEvents {
  'orders.changed': { order: Order };
  /** After a batch (shipping import): lists refetch rather than patch. */
  'orders.bulkChanged': { count: number };
}
