// The live room's part of the contract: sessions (直播场次), the shopping bag (购物袋), "now explaining"
// (正在讲解) segments and coupon pushes. Times are epoch ms; `…ClockMs` is time since the session went live.
import { z } from 'zod';
import { productSchema } from './catalog-schemas.ts';
import { MAX_BAG_ITEMS } from './limits.ts';

export const SESSION_STATES = ['planned', 'live', 'ended'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

const id = z.number().int().positive();
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const imageId = z.string().regex(/^[0-9a-f]{64}$/);

export const sessionInputSchema = z.strictObject({
  title: z.string().max(100),
  coverImageId: imageId.nullable().optional(),
  plannedAt: epochMs.nullable().optional(),
  notes: z.string().max(2000).optional(),
  /** The seller's live-room or reservation link: the QR code on the poster. */
  promoLink: z.string().max(2000).nullable().optional(),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

export const sessionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  coverImageId: z.string().nullable(),
  plannedAt: z.number().int().nullable(),
  notes: z.string(),
  promoLink: z.string().nullable(),
  state: z.enum(SESSION_STATES),
  startedAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  bagCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export const bagItemSchema = z.object({
  productId: z.number().int(),
  /** As viewers say it: 3 is "3号链接". Unique in the bag; stable while live unless renumbered on purpose. */
  linkNo: z.number().int(),
  /** 上架: shown to viewers. A delisted product stays in the bag but cannot be explained. */
  listed: z.boolean(),
  /** 售罄, marked by the assistant (stock 0 also reads as sold out). */
  soldOut: z.boolean(),
  addedAt: z.number().int(),
  /** The product as the library has it now: stock left, price, selling points. */
  product: productSchema,
});
export type BagItem = z.infer<typeof bagItemSchema>;

export const segmentSchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  productId: z.number().int(),
  linkNo: z.number().int(),
  title: z.string(),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  startClockMs: z.number().int(),
  endClockMs: z.number().int().nullable(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const couponPushSchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  couponId: z.number().int(),
  pushedAt: z.number().int(),
  stoppedAt: z.number().int().nullable(),
  pushClockMs: z.number().int(),
  stopClockMs: z.number().int().nullable(),
});
export type CouponPush = z.infer<typeof couponPushSchema>;

export const LOG_KINDS = [
  'went_live',
  'ended',
  'bag_added',
  'bag_removed',
  'bag_moved',
  'bag_listed',
  'bag_delisted',
  'bag_sold_out',
  'bag_back_in_stock',
  'bag_renumbered',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** Something that happened during the show, on its clock (for replay clips and the session's timeline). */
export const logEntrySchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  at: z.number().int(),
  clockMs: z.number().int(),
  kind: z.enum(LOG_KINDS),
  productId: z.number().int().nullable(),
  linkNo: z.number().int().nullable(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const sessionDetailSchema = z.object({
  session: sessionSchema,
  bag: z.array(bagItemSchema),
  /** The open segment, if a product is being explained now. */
  explaining: segmentSchema.nullable(),
  segments: z.array(segmentSchema),
  pushes: z.array(couponPushSchema),
  log: z.array(logEntrySchema),
  seq: z.number().int(),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

const sessionRef = { sessionId: id };

export const liveMethods = {
  'live.sessions': {
    params: z.strictObject({ includeEnded: z.boolean().default(true) }),
    result: z.object({ items: z.array(sessionSchema), seq: z.number().int() }),
  },
  'live.session': { params: z.strictObject({ id }), result: sessionDetailSchema },
  'live.createSession': { params: z.strictObject({ input: sessionInputSchema }), result: sessionSchema },
  'live.updateSession': {
    params: z.strictObject({ id, expectedVersion: id, patch: sessionInputSchema.partial() }),
    result: sessionSchema,
  },
  /** planned → live. Refused with an empty bag, or while another session is live. */
  'live.goLive': { params: z.strictObject({ id }), result: sessionSchema },
  /** live → ended; ends the open explanation and every running coupon push. */
  'live.end': { params: z.strictObject({ id }), result: sessionSchema },

  'live.bagAdd': { params: z.strictObject({ ...sessionRef, productId: id }), result: z.array(bagItemSchema) },
  'live.bagRemove': { params: z.strictObject({ ...sessionRef, productId: id }), result: z.array(bagItemSchema) },
  /** Moves one product to an index of the bag as it is when the move lands (intent, not a whole new order). */
  'live.bagMove': {
    params: z.strictObject({ ...sessionRef, productId: id, toIndex: z.number().int().min(0).max(MAX_BAG_ITEMS) }),
    result: z.array(bagItemSchema),
  },
  'live.bagSet': {
    params: z.strictObject({
      ...sessionRef,
      productId: id,
      listed: z.boolean().optional(),
      soldOut: z.boolean().optional(),
    }),
    result: z.array(bagItemSchema),
  },
  /** Link numbers become 1…n in bag order (automatic before the show; on purpose only while live). */
  'live.bagRenumber': { params: z.strictObject(sessionRef), result: z.array(bagItemSchema) },

  /** Starts explaining a product (by product id or by link number), ending the current one. */
  'live.explain': {
    params: z
      .strictObject({ ...sessionRef, productId: id.optional(), linkNo: id.optional() })
      .refine((p) => (p.productId === undefined) !== (p.linkNo === undefined), 'give productId or linkNo'),
    result: segmentSchema,
  },
  /** Next / previous listed product in bag order from the one being explained. */
  'live.explainStep': {
    params: z.strictObject({ ...sessionRef, direction: z.enum(['next', 'previous']) }),
    result: segmentSchema.nullable(),
  },
  'live.stopExplaining': { params: z.strictObject(sessionRef), result: segmentSchema.nullable() },

  /** 发券: refused outside the coupon's validity window or when none are left. */
  'live.pushCoupon': { params: z.strictObject({ ...sessionRef, couponId: id }), result: couponPushSchema },
  'live.stopCoupon': { params: z.strictObject({ ...sessionRef, couponId: id }), result: couponPushSchema },
} as const;

export interface LiveEvents {
  'live.sessionChanged': { session: Session };
  /** The whole bag after any change to it: small, and never out of order with itself. */
  'live.bagChanged': { sessionId: number; bag: BagItem[] };
  /** `ended` is the segment that just closed (if any), `explaining` the one that opened (if any). */
  'live.explainChanged': { sessionId: number; explaining: Segment | null; ended: Segment | null };
  'live.couponPushChanged': { push: CouponPush };
  'live.logged': { entry: LogEntry };
}
