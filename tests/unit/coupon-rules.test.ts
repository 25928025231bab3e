// Coupon validation (what is required, forbidden and consistent per kind, merged over the current coupon on
// update) and when a coupon may be pushed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { couponFields, pushRefusal, type CouponRuleContext } from '../../electron/core/coupons/coupon-rules.ts';
import type { Coupon } from '../../electron/core/protocol/coupon-schemas.ts';
import { couponStatus } from '../../electron/core/protocol/coupon-status.ts';
import { StudioError, type Issue } from '../../electron/core/protocol/errors.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1);
const ctx: CouponRuleContext = {
  productState: (id) => (id === 1 || id === 2 ? 'active' : id === 3 ? 'archived' : undefined),
};
const window = { validFrom: T0, validUntil: T0 + 7 * DAY };
const base = { scope: 'shop' as const, productIds: [] as number[], perBuyerLimit: 1, ...window };

function issuesOf(work: () => unknown): Issue[] {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof StudioError);
    assert.equal(error.code, 'invalid');
    return error.issues!;
  }
  assert.fail('expected validation to fail');
}
const pairs = (issues: Issue[]) => issues.map((i) => `${i.path}:${i.code}`).sort();

function stored(overrides: Partial<Coupon> = {}): Coupon {
  return {
    id: 7,
    name: '满99减10',
    kind: 'threshold',
    thresholdFen: 9900,
    offFen: 1000,
    rate: null,
    capFen: null,
    scope: 'shop',
    productIds: [],
    quantity: 100,
    claimed: 0,
    perBuyerLimit: 1,
    ...window,
    archived: false,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

test('each kind is accepted with its own terms; the name is trimmed', () => {
  const t = couponFields({ ...base, name: ' 满99减10 ', kind: 'threshold', thresholdFen: 9900, offFen: 1000 }, ctx);
  assert.equal(t.name, '满99减10');
  assert.deepEqual([t.thresholdFen, t.offFen, t.rate, t.capFen], [9900, 1000, null, null]);
  const d = couponFields({ ...base, name: '立减5元', kind: 'direct', offFen: 500 }, ctx);
  assert.deepEqual([d.thresholdFen, d.offFen, d.rate, d.capFen], [null, 500, null, null]);
  const p = couponFields({ ...base, name: '8.8折', kind: 'percent', rate: 88, capFen: 2000 }, ctx);
  assert.deepEqual([p.thresholdFen, p.offFen, p.rate, p.capFen], [null, null, 88, 2000]);
  const uncapped = couponFields({ ...base, name: '9折', kind: 'percent', rate: 90 }, ctx);
  assert.equal(uncapped.capFen, null);
  assert.equal(uncapped.quantity, null, 'no quantity is unlimited');
});

test('every problem is reported at once, by field path', () => {
  assert.deepEqual(
    pairs(
      issuesOf(() =>
        couponFields({ ...base, name: '  ', kind: 'threshold', offFen: 0, rate: 50, validUntil: T0 }, ctx),
      ),
    ),
    [
      'name:required',
      'offFen:amount_not_positive',
      'rate:coupon_term_unused',
      'thresholdFen:required',
      'validUntil:coupon_until_not_after_from',
    ],
  );
});

test('kind-specific terms: required, forbidden, and consistent', () => {
  const cases: Array<[Record<string, unknown>, string[]]> = [
    [{ kind: 'threshold', thresholdFen: 1000, offFen: 1001 }, ['offFen:coupon_off_above_threshold']],
    [
      { kind: 'threshold', thresholdFen: 0, offFen: 0 },
      ['offFen:amount_not_positive', 'thresholdFen:amount_not_positive'],
    ],
    [{ kind: 'threshold', thresholdFen: 1000, offFen: 100, capFen: 50 }, ['capFen:coupon_term_unused']],
    [{ kind: 'direct' }, ['offFen:required']],
    [{ kind: 'direct', offFen: 100, thresholdFen: 500 }, ['thresholdFen:coupon_term_unused']],
    [{ kind: 'percent' }, ['rate:required']],
    [{ kind: 'percent', rate: 0 }, ['rate:coupon_rate_invalid']],
    [{ kind: 'percent', rate: 100 }, ['rate:coupon_rate_invalid']],
    [{ kind: 'percent', rate: 88, capFen: 0 }, ['capFen:amount_not_positive']],
    [{ kind: 'percent', rate: 88, offFen: 100 }, ['offFen:coupon_term_unused']],
  ];
  for (const [terms, expected] of cases) {
    assert.deepEqual(
      pairs(issuesOf(() => couponFields({ ...base, name: 'x', ...terms } as never, ctx))),
      expected,
      JSON.stringify(terms),
    );
  }
  // Boundaries that are fine: off equal to the threshold, rates 1 and 99, a cap of 1 fen; explicit nulls.
  couponFields({ ...base, name: 'x', kind: 'threshold', thresholdFen: 1000, offFen: 1000 }, ctx);
  couponFields({ ...base, name: 'x', kind: 'percent', rate: 1, capFen: 1 }, ctx);
  couponFields({ ...base, name: 'x', kind: 'percent', rate: 99, thresholdFen: null, offFen: null }, ctx);
});

test('product scope: products required, unknown and archived ones refused, duplicates folded', () => {
  const input = { ...base, name: 'x', kind: 'direct' as const, offFen: 100, scope: 'products' as const };
  assert.deepEqual(pairs(issuesOf(() => couponFields({ ...input, productIds: [] }, ctx))), [
    'productIds:coupon_products_required',
  ]);
  const issues = issuesOf(() => couponFields({ ...input, productIds: [1, 3, 99] }, ctx));
  assert.deepEqual(
    issues.map((i) => [i.code, i.params?.id]),
    [
      ['coupon_product_archived', 3],
      ['coupon_product_missing', 99],
    ],
  );
  assert.deepEqual(couponFields({ ...input, productIds: [2, 1, 2] }, ctx).productIds, [1, 2]);
  assert.deepEqual(
    pairs(issuesOf(() => couponFields({ ...base, name: 'x', kind: 'direct', offFen: 1, productIds: [1] }, ctx))),
    ['productIds:coupon_products_unused'],
  );
});

test('quantity: at least 1, and on update never below what was claimed', () => {
  const input = { ...base, name: 'x', kind: 'direct' as const, offFen: 100 };
  assert.deepEqual(pairs(issuesOf(() => couponFields({ ...input, quantity: 0 }, ctx))), [
    'quantity:coupon_quantity_invalid',
  ]);
  assert.equal(couponFields({ ...input, quantity: 1 }, ctx).quantity, 1);
  const current = stored({ quantity: 100, claimed: 40 });
  const issues = issuesOf(() => couponFields({ quantity: 39 }, ctx, current));
  assert.deepEqual(
    issues.map((i) => [i.path, i.code, i.params?.claimed]),
    [['quantity', 'coupon_quantity_below_claimed', 40]],
  );
  assert.equal(couponFields({ quantity: 40 }, ctx, current).quantity, 40);
  assert.equal(couponFields({ quantity: null }, ctx, current).quantity, null, 'unlimited is always enough');
});

test('an update merges over the current coupon; a kind change drops the old kind’s terms', () => {
  const current = stored({ scope: 'products', productIds: [1, 3], quantity: 50 });
  // Renaming touches nothing else, even though product 3 has been archived since.
  const renamed = couponFields({ name: '新名字' }, ctx, current);
  assert.deepEqual(
    { ...renamed, name: current.name },
    {
      name: current.name,
      kind: 'threshold',
      thresholdFen: 9900,
      offFen: 1000,
      rate: null,
      capFen: null,
      scope: 'products',
      productIds: [1, 3],
      quantity: 50,
      perBuyerLimit: 1,
      ...window,
    },
  );
  const toPercent = couponFields({ kind: 'percent', rate: 85 }, ctx, current);
  assert.deepEqual([toPercent.thresholdFen, toPercent.offFen, toPercent.rate], [null, null, 85]);
  const toDirect = couponFields({ kind: 'direct' }, ctx, current);
  assert.deepEqual([toDirect.thresholdFen, toDirect.offFen], [null, 1000], 'the amount off carries over');
  assert.deepEqual(pairs(issuesOf(() => couponFields({ kind: 'percent' }, ctx, current))), ['rate:required']);
  assert.deepEqual(pairs(issuesOf(() => couponFields({ offFen: 10_000 }, ctx, current))), [
    'offFen:coupon_off_above_threshold',
  ]);
  assert.deepEqual(pairs(issuesOf(() => couponFields({ validFrom: current.validUntil }, ctx, current))), [
    'validUntil:coupon_until_not_after_from',
  ]);
  assert.deepEqual(couponFields({ scope: 'shop' }, ctx, current).productIds, [], 'shop-wide clears the list');
  assert.deepEqual(pairs(issuesOf(() => couponFields({ productIds: [1, 3] }, ctx, current))), [
    'productIds:coupon_product_archived',
  ]);
});

test('pushRefusal: archived, not started, expired, sold out, else null', () => {
  const now = T0 + DAY;
  assert.equal(pushRefusal(stored(), now), null);
  assert.equal(pushRefusal(stored({ archived: true }), now), 'coupon_archived');
  assert.equal(pushRefusal(stored({ validFrom: now + 1 }), now), 'coupon_not_started');
  assert.equal(pushRefusal(stored({ validFrom: now }), now), null, 'valid from its first millisecond');
  assert.equal(pushRefusal(stored({ validUntil: now }), now), 'coupon_expired', 'expired at validUntil');
  assert.equal(pushRefusal(stored({ validUntil: now + 1 }), now), null);
  assert.equal(pushRefusal(stored({ quantity: 10, claimed: 10 }), now), 'coupon_sold_out');
  assert.equal(pushRefusal(stored({ quantity: 10, claimed: 9 }), now), null);
  assert.equal(pushRefusal(stored({ quantity: null, claimed: 1_000_000 }), now), null, 'unlimited never sells out');
  // The most lasting reason wins when several apply.
  assert.equal(
    pushRefusal(stored({ archived: true, validUntil: now, quantity: 1, claimed: 1 }), now),
    'coupon_archived',
  );
  assert.equal(pushRefusal(stored({ validUntil: now, quantity: 1, claimed: 1 }), now), 'coupon_expired');
  assert.equal(couponStatus(stored({ validFrom: now + 1, quantity: 1, claimed: 1 }), now), 'not_started');
});
