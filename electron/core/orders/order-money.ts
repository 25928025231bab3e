// How an order's coupon discount is split over its lines, so each CSV row carries its own discount and paid
// amount and the rows of one order add up to the order exactly. Runtime-neutral; integer fen throughout.
import type { BasketLine, CouponTerms } from '../coupons/coupon-discount.ts';

/**
 * Splits `discountFen` over the lines the coupon covers, in proportion to each line's subtotal: each line
 * gets the floor of its share, and the fen left over go one each to the lines with the largest remainders
 * (the earlier line on a tie). Lines outside the coupon's scope get 0. The parts always sum to `discountFen`
 * and no line gets more than its own subtotal.
 */
export function allocateDiscount(
  discountFen: number,
  terms: Pick<CouponTerms, 'scope' | 'productIds'> | null,
  lines: readonly BasketLine[],
): number[] {
  const parts = lines.map(() => 0);
  if (discountFen === 0 || !terms) return parts;
  const covered = terms.scope === 'products' ? new Set(terms.productIds) : null;
  const subtotals = lines.map((l) => (covered && !covered.has(l.productId) ? 0n : BigInt(l.unitPriceFen * l.quantity)));
  const eligible = subtotals.reduce((a, b) => a + b, 0n);
  const discount = BigInt(discountFen);
  if (discount > eligible) throw new RangeError('a discount larger than what the coupon covers');
  const remainders: Array<{ index: number; rest: bigint }> = [];
  let given = 0n;
  for (const [index, subtotal] of subtotals.entries()) {
    const exact = discount * subtotal;
    const share = exact / eligible;
    parts[index] = Number(share);
    given += share;
    remainders.push({ index, rest: exact % eligible });
  }
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (let k = 0; given < discount; k++, given++) parts[remainders[k]!.index]! += 1;
  return parts;
}
