// The pure rules of orders: the status table, splitting a discount over lines, choosing a coupon, numbering.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestOption, chosenOption, couponOption } from '../../electron/core/orders/order-coupons.ts';
import { localDay, ORDER_NO_PATTERN, orderNumber } from '../../electron/core/orders/order-number.ts';
import type { Coupon } from '../../electron/core/protocol/coupon-schemas.ts';
import { allocateDiscount } from '../../electron/core/orders/order-money.ts';
import {
  canTransition,
  countsAsSale,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  returnsStock,
} from '../../electron/core/protocol/order-status.ts';

test('the status table: forward along the happy path, cancel only unpaid, refund only paid; final states stay', () => {
  const allowed = ORDER_STATUSES.flatMap((from) =>
    ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
  );
  assert.deepEqual(allowed, [
    'pending→paid',
    'pending→cancelled',
    'paid→shipped',
    'paid→refunded',
    'shipped→completed',
    'shipped→refunded',
    'completed→refunded',
  ]);
  assert.deepEqual(ORDER_TRANSITIONS.cancelled, []);
  assert.deepEqual(ORDER_TRANSITIONS.refunded, []);
  assert.ok(ORDER_STATUSES.every((s) => !canTransition(s, s)));
  assert.deepEqual(
    ORDER_STATUSES.filter((s) => returnsStock(s)),
    ['cancelled', 'refunded'],
  );
  assert.deepEqual(
    ORDER_STATUSES.filter((s) => !countsAsSale(s)),
    ['cancelled'],
  );
});

const line = (productId: number, unitPriceFen: number, quantity: number) => ({ productId, unitPriceFen, quantity });

test('a discount splits over the covered lines in proportion, to the fen, summing exactly', () => {
  const lines = [line(1, 1000, 1), line(2, 2000, 1), line(3, 3000, 1)];
  assert.deepEqual(allocateDiscount(600, { scope: 'shop', productIds: [] }, lines), [100, 200, 300]);
  // 100 fen over thirds: 33.3 each → one spare fen to the earliest of equal remainders.
  assert.deepEqual(
    allocateDiscount(100, { scope: 'shop', productIds: [] }, [line(1, 100, 1), line(2, 100, 1), line(3, 100, 1)]),
    [34, 33, 33],
  );
  // Product-scoped: lines outside the scope get nothing.
  assert.deepEqual(allocateDiscount(500, { scope: 'products', productIds: [2] }, lines), [0, 500, 0]);
  assert.deepEqual(allocateDiscount(0, { scope: 'shop', productIds: [] }, lines), [0, 0, 0]);
  assert.deepEqual(allocateDiscount(700, null, lines), [0, 0, 0]);
  assert.throws(() => allocateDiscount(6001, { scope: 'shop', productIds: [] }, lines), RangeError);
});

test('allocation invariants over many baskets: sum exact, each part within its line, out-of-scope zero', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 3000; round++) {
    const lines = Array.from({ length: 1 + rand(5) }, (_, i) => line(i + 1, rand(20000), 1 + rand(5)));
    const scope =
      rand(2) === 0 ? { scope: 'shop' as const, productIds: [] } : { scope: 'products' as const, productIds: [1, 3] };
    const covered = lines.filter((l) => scope.scope === 'shop' || scope.productIds.includes(l.productId));
    const eligible = covered.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
    const discount = eligible === 0 ? 0 : rand(eligible + 1);
    const parts = allocateDiscount(discount, scope, lines);
    assert.equal(
      parts.reduce((a, b) => a + b, 0),
      discount,
    );
    parts.forEach((part, i) => {
      const l = lines[i]!;
      assert.ok(part >= 0 && part <= l.unitPriceFen * l.quantity);
      if (!covered.includes(l)) assert.equal(part, 0);
    });
  }
});

const NOW = Date.UTC(2026, 10, 24, 12);
function coupon(id: number, terms: Partial<Coupon>): Coupon {
  return {
    id,
    name: `券${id}`,
    kind: 'direct',
    thresholdFen: null,
    offFen: 100,
    rate: null,
    capFen: null,
    scope: 'shop',
    productIds: [],
    quantity: null,
    claimed: 0,
    perBuyerLimit: 1,
    validFrom: NOW - 1000,
    validUntil: NOW + 1000,
    archived: false,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...terms,
  };
}

test('coupon options: the reason a coupon cannot be used, and the best of the rest', () => {
  const basket = [line(1, 5000, 1)];
  const options = [
    couponOption(coupon(1, { offFen: 300 }), basket, 0, NOW),
    couponOption(coupon(2, { kind: 'threshold', thresholdFen: 10000, offFen: 2000 }), basket, 0, NOW),
    couponOption(coupon(3, { offFen: 900 }), basket, 1, NOW),
    couponOption(coupon(4, { offFen: 800, validUntil: NOW }), basket, 0, NOW),
    couponOption(coupon(5, { offFen: 700, quantity: 5, claimed: 5 }), basket, 0, NOW),
    couponOption(coupon(6, { offFen: 300 }), basket, 0, NOW),
  ];
  assert.deepEqual(
    options.map((o) => o.refusal),
    [null, 'coupon_not_applicable', 'coupon_buyer_limit', 'coupon_expired', 'coupon_sold_out', null],
  );
  assert.equal(bestOption(options)?.coupon.id, 1); // 300 off, tied with 6: the lower id wins
  assert.equal(bestOption(options.slice(1, 5)), null);
  assert.deepEqual(
    chosenOption('none', options, () => assert.fail()),
    { option: null, refusal: null },
  );
  assert.equal(chosenOption('best', options, () => assert.fail()).option?.coupon.id, 1);
  assert.deepEqual(
    chosenOption(3, options, () => assert.fail()),
    { option: null, refusal: 'coupon_buyer_limit' },
  );
  // A coupon that is not pushed in this show can still be picked on purpose (the buyer claimed it earlier).
  const other = couponOption(coupon(9, { offFen: 50 }), basket, 0, NOW);
  assert.equal(chosenOption(9, options, () => other).option?.coupon.id, 9);
});

test('order numbers: the local day and the day sequence, at least three digits', () => {
  const at = new Date(2026, 10, 4, 23, 59).getTime();
  assert.equal(localDay(at), '261104');
  assert.equal(
    orderNumber(at, () => 7),
    '261104-007',
  );
  assert.equal(
    orderNumber(at, () => 12345),
    '261104-12345',
  );
  assert.match(
    orderNumber(at, () => 1),
    ORDER_NO_PATTERN,
  );
  const seen: string[] = [];
  orderNumber(at, (day) => (seen.push(day), 1));
  assert.deepEqual(seen, ['261104']);
});
