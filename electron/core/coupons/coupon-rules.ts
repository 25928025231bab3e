// The rules a coupon must satisfy, and when one may be pushed (发券). Issue paths are the input's field names.
import type { z } from 'zod';
import type {
  Coupon,
  CouponKind,
  CouponScope,
  couponInputSchema,
  couponPatchSchema,
} from '../protocol/coupon-schemas.ts';
import { couponStatus, type CouponStatus } from '../protocol/coupon-status.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';

/** A create request after schema parsing (defaults filled in). */
export type CouponCreate = z.output<typeof couponInputSchema>;
/** An update's patch: only the fields the seller changed. */
export type CouponPatch = z.output<typeof couponPatchSchema>;

/** What is stored for a coupon, already validated and normalised. */
export interface CouponFields {
  name: string;
  kind: CouponKind;
  thresholdFen: number | null;
  offFen: number | null;
  rate: number | null;
  capFen: number | null;
  scope: CouponScope;
  /** Ascending, no duplicates. */
  productIds: number[];
  quantity: number | null;
  perBuyerLimit: number;
  validFrom: number;
  validUntil: number;
}

export interface CouponRuleContext {
  /** Whether a product exists and is in the library (not archived). */
  productState(id: number): 'active' | 'archived' | undefined;
}

type Term = 'thresholdFen' | 'offFen' | 'rate' | 'capFen';
const TERMS: readonly Term[] = ['thresholdFen', 'offFen', 'rate', 'capFen'];
/** Which terms each kind reads; the others must stay empty (the table's CHECK says the same). */
const USES: Record<CouponKind, readonly Term[]> = {
  threshold: ['thresholdFen', 'offFen'],
  direct: ['offFen'],
  percent: ['rate', 'capFen'],
};
const REQUIRED: Record<CouponKind, readonly Term[]> = {
  threshold: ['thresholdFen', 'offFen'],
  direct: ['offFen'],
  percent: ['rate'],
};

/**
 * Merges a patch onto the current coupon (or checks a new one) and validates the result as a whole.
 * Only what the input gives is judged "not for this kind": a term inherited from before a kind change is
 * dropped instead, so switching 满减 to 折扣 needs no separate "clear the threshold" step.
 */
export function couponFields(input: CouponPatch, ctx: CouponRuleContext, current?: Coupon): CouponFields {
  const issues: Issue[] = [];

  const name = (input.name ?? current?.name ?? '').trim();
  if (!name) issues.push({ path: 'name', code: 'required' });

  const kind = input.kind ?? current?.kind;
  if (!kind)
    throw new StudioError('invalid', 'coupon failed validation', { issues: [{ path: 'kind', code: 'required' }] });

  const terms: Record<Term, number | null> = { thresholdFen: null, offFen: null, rate: null, capFen: null };
  for (const term of TERMS) {
    const given = input[term];
    if (!USES[kind].includes(term)) {
      if (given !== undefined && given !== null) issues.push({ path: term, code: 'coupon_term_unused' });
      continue;
    }
    const value = given !== undefined ? given : (current?.[term] ?? null);
    terms[term] = value;
    if (value === null) {
      if (REQUIRED[kind].includes(term)) issues.push({ path: term, code: 'required' });
    } else if (term === 'rate') {
      if (value < 1 || value > 99) issues.push({ path: term, code: 'coupon_rate_invalid' });
    } else if (value === 0) {
      issues.push({ path: term, code: 'amount_not_positive' });
    }
  }
  if (
    kind === 'threshold' &&
    terms.offFen !== null &&
    terms.thresholdFen !== null &&
    terms.offFen > terms.thresholdFen
  ) {
    issues.push({ path: 'offFen', code: 'coupon_off_above_threshold' });
  }

  const scope = input.scope ?? current?.scope ?? 'shop';
  let productIds: number[] = [];
  if (scope === 'shop') {
    if (input.productIds && input.productIds.length > 0)
      issues.push({ path: 'productIds', code: 'coupon_products_unused' });
  } else {
    productIds = [...new Set(input.productIds ?? current?.productIds ?? [])].sort((a, b) => a - b);
    if (productIds.length === 0) issues.push({ path: 'productIds', code: 'coupon_products_required' });
    // Only a list the seller sends is checked: a product archived since must not block renaming the coupon.
    if (input.productIds !== undefined) {
      for (const id of productIds) {
        const state = ctx.productState(id);
        if (state === undefined) issues.push({ path: 'productIds', code: 'coupon_product_missing', params: { id } });
        else if (state === 'archived')
          issues.push({ path: 'productIds', code: 'coupon_product_archived', params: { id } });
      }
    }
  }

  const quantity = input.quantity !== undefined ? input.quantity : (current?.quantity ?? null);
  if (quantity !== null && input.quantity !== undefined) {
    if (quantity < 1) issues.push({ path: 'quantity', code: 'coupon_quantity_invalid' });
    else if (current && quantity < current.claimed) {
      issues.push({ path: 'quantity', code: 'coupon_quantity_below_claimed', params: { claimed: current.claimed } });
    }
  }

  const validFrom = input.validFrom ?? current?.validFrom;
  const validUntil = input.validUntil ?? current?.validUntil;
  if (validFrom === undefined) issues.push({ path: 'validFrom', code: 'required' });
  if (validUntil === undefined) issues.push({ path: 'validUntil', code: 'required' });
  if (validFrom !== undefined && validUntil !== undefined && validUntil <= validFrom) {
    issues.push({ path: 'validUntil', code: 'coupon_until_not_after_from' });
  }

  if (issues.length > 0) throw new StudioError('invalid', 'coupon failed validation', { issues });
  return {
    name,
    kind,
    ...terms,
    scope,
    productIds,
    quantity,
    perBuyerLimit: input.perBuyerLimit ?? current?.perBuyerLimit ?? 1,
    validFrom: validFrom!,
    validUntil: validUntil!,
  };
}

const REFUSALS: Record<Exclude<CouponStatus, 'active'>, string> = {
  archived: 'coupon_archived',
  not_started: 'coupon_not_started',
  expired: 'coupon_expired',
  sold_out: 'coupon_sold_out',
};

/** Why this coupon cannot be pushed at `nowMs` (an issue code for a 'refused' error), or null when it can. */
export function pushRefusal(coupon: Coupon, nowMs: number): string | null {
  const status = couponStatus(coupon, nowMs);
  return status === 'active' ? null : REFUSALS[status];
}
