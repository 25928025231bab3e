// Coupons (优惠券): what a seller defines once and pushes (发券) during a show.
import { z } from 'zod';
import { MAX_FEN } from './money.ts';
import { COUPON_KINDS, COUPON_SCOPES, type CouponKind, type CouponScope } from './choices.ts';

export { COUPON_KINDS, COUPON_SCOPES, type CouponKind, type CouponScope };

const fen = z.number().int().min(0).max(MAX_FEN);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);

const couponFields = {
  name: z.string().max(40),
  kind: z.enum(COUPON_KINDS),
  thresholdFen: fen.nullable().optional(),
  offFen: fen.nullable().optional(),
  /** 折扣 in tenths of 折: 1…99 (0.1折 … 9.9折). */
  rate: z.number().int().min(0).max(100).nullable().optional(),
  capFen: fen.nullable().optional(),
  scope: z.enum(COUPON_SCOPES),
  productIds: z.array(z.number().int().positive()).max(500),
  /** How many can be claimed in all; null is unlimited. */
  quantity: z.number().int().min(0).max(10_000_000).nullable().optional(),
  perBuyerLimit: z.number().int().min(1).max(100),
  validFrom: epochMs,
  validUntil: epochMs,
};

export const couponInputSchema = z.strictObject({
  ...couponFields,
  scope: couponFields.scope.default('shop'),
  productIds: couponFields.productIds.default([]),
  perBuyerLimit: couponFields.perBuyerLimit.default(1),
});
/**
 * An update: only what the seller changed. No defaults here: zod still applies a default inside `.partial()`,
 * so a patch that only renames would otherwise reset scope, products and the per-buyer limit.
 */
export const couponPatchSchema = z.strictObject(couponFields).partial();
export type CouponInput = z.input<typeof couponInputSchema>;

export const couponSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(COUPON_KINDS),
  thresholdFen: z.number().int().nullable(),
  offFen: z.number().int().nullable(),
  rate: z.number().int().nullable(),
  capFen: z.number().int().nullable(),
  scope: z.enum(COUPON_SCOPES),
  productIds: z.array(z.number().int()),
  quantity: z.number().int().nullable(),
  /** Claimed so far (orders record claims); a coupon with none left cannot be pushed. */
  claimed: z.number().int(),
  perBuyerLimit: z.number().int(),
  validFrom: z.number().int(),
  validUntil: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Coupon = z.infer<typeof couponSchema>;

const id = z.number().int().positive();

export const couponMethods = {
  'coupons.list': {
    params: z.strictObject({ archived: z.boolean().default(false) }),
    result: z.object({ items: z.array(couponSchema), seq: z.number().int() }),
  },
  'coupons.create': { params: z.strictObject({ input: couponInputSchema }), result: couponSchema },
  'coupons.update': {
    params: z.strictObject({ id, expectedVersion: id, patch: couponPatchSchema }),
    result: couponSchema,
  },
  'coupons.archive': { params: z.strictObject({ id, expectedVersion: id }), result: couponSchema },
  'coupons.restore': { params: z.strictObject({ id, expectedVersion: id }), result: couponSchema },
} as const;

export interface CouponEvents {
  'coupons.changed': { coupon: Coupon };
}
