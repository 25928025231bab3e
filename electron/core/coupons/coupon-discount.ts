// What a coupon takes off a basket, in integer fen. Runtime-neutral: the core (orders, later) and the renderer
// (previews) must agree to the fen, so there is exactly one function.
//
// The rules:
// - Eligible subtotal: the sum of unitPriceFen × quantity over the lines the coupon covers (every line for a
//   `shop` coupon; lines whose productId is in productIds for a `products` coupon). Out-of-scope lines neither
//   count toward a 满减 threshold nor get a discount.
// - 满减 threshold: eligible ≥ thresholdFen → offFen off (never more than the eligible subtotal), else nothing.
// - 立减 direct: offFen off, never more than the eligible subtotal.
// - 折扣 percent: rate is tenths of 折, so the buyer pays rate % (88 = 8.8折 = pays 88%). The discount is
//   floor(eligible × (100 − rate) / 100): rounded down to the fen, so the buyer never gets more than the exact
//   percentage (the seller keeps the fraction of a fen). Then at most capFen when a cap is set.
// - Always a whole number of fen, never below zero, never more than the eligible subtotal (hence never more
//   than the basket).
//
// Arithmetic is exact: the subtotal is summed as BigInt, because a ¥100,000,000 price (MAX_FEN) times a few
// thousand items already passes 2^53 and a float sum would silently lose fen.
import type { Coupon } from '../protocol/coupon-schemas.ts';

export interface BasketLine {
  productId: number;
  unitPriceFen: number;
  quantity: number;
}

export type CouponTerms = Pick<Coupon, 'kind' | 'thresholdFen' | 'offFen' | 'rate' | 'capFen' | 'scope' | 'productIds'>;

/**
 * The discount in fen. Throws RangeError for what no stored coupon or real basket can be (a negative or
 * fractional amount, a rate outside 1…99, a kind missing its terms) and for a discount too large to be a safe
 * JavaScript number: a wrong answer about money is worse than no answer.
 */
export function couponDiscountFen(terms: CouponTerms, basket: readonly BasketLine[]): number {
  const eligible = eligibleSubtotal(terms, basket);
  let discount: bigint;
  switch (terms.kind) {
    case 'threshold': {
      const threshold = amount(terms.thresholdFen, 'thresholdFen');
      discount = eligible >= threshold ? min(amount(terms.offFen, 'offFen'), eligible) : 0n;
      break;
    }
    case 'direct':
      discount = min(amount(terms.offFen, 'offFen'), eligible);
      break;
    case 'percent': {
      const rate = terms.rate;
      if (rate === null || !Number.isInteger(rate) || rate < 1 || rate > 99) {
        throw new RangeError(`percent coupon rate must be 1…99, got ${rate}`);
      }
      // BigInt division truncates; both operands are non-negative, so this is the floor.
      discount = (eligible * BigInt(100 - rate)) / 100n;
      if (terms.capFen !== null) discount = min(discount, amount(terms.capFen, 'capFen'));
      break;
    }
    default:
      throw new RangeError(`unknown coupon kind ${String((terms as { kind: unknown }).kind)}`);
  }
  if (discount > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('discount exceeds a safe integer');
  return Number(discount);
}

/** The part of the basket the coupon covers, exactly. */
export function eligibleSubtotal(
  terms: Pick<CouponTerms, 'scope' | 'productIds'>,
  basket: readonly BasketLine[],
): bigint {
  const covered = terms.scope === 'products' ? new Set(terms.productIds) : null;
  let sum = 0n;
  for (const line of basket) {
    const price = wholeNumber(line.unitPriceFen, 'unitPriceFen');
    const quantity = wholeNumber(line.quantity, 'quantity');
    if (covered && !covered.has(line.productId)) continue;
    sum += price * quantity;
  }
  return sum;
}

function amount(value: number | null, name: string): bigint {
  if (value === null) throw new RangeError(`${name} is required for this kind of coupon`);
  return wholeNumber(value, name);
}

function wholeNumber(value: number, name: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
  return BigInt(value);
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
