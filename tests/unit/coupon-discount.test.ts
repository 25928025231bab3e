// couponDiscountFen against a reference written differently: decimal strings (schoolbook arithmetic, no
// BigInt, no floats), the percent discount as "basket minus what the buyer pays, rounded up", scope by array
// search instead of a Set. Grids cover every small basket; boundaries and huge amounts cover the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { couponDiscountFen, type BasketLine, type CouponTerms } from '../../electron/core/coupons/coupon-discount.ts';
import { MAX_FEN } from '../../electron/core/protocol/money.ts';

// ---- the reference: non-negative integers as decimal strings ----

const strip = (s: string) => s.replace(/^0+(?=\d)/, '');

function cmp(a: string, b: string): number {
  a = strip(a);
  b = strip(b);
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function add(a: string, b: string): string {
  let out = '';
  let carry = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 || j >= 0 || carry; i--, j--) {
    const d = Number(a[i] ?? 0) + Number(b[j] ?? 0) + carry;
    out = String(d % 10) + out;
    carry = d >= 10 ? 1 : 0;
  }
  return strip(out || '0');
}

function sub(a: string, b: string): string {
  // a ≥ b
  let out = '';
  let borrow = 0;
  for (let i = a.length - 1, j = b.length - 1; i >= 0; i--, j--) {
    let d = Number(a[i]) - Number(b[j] ?? 0) - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    out = String(d) + out;
  }
  return strip(out);
}

function mul(a: string, b: string): string {
  const digits = new Array<number>(a.length + b.length).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const k = i + j + 1;
      const d = Number(a[i]) * Number(b[j]) + digits[k]!;
      digits[k] = d % 10;
      digits[k - 1]! += Math.floor(d / 10);
    }
  }
  return strip(digits.join(''));
}

const minStr = (a: string, b: string) => (cmp(a, b) <= 0 ? a : b);

function referenceEligible(terms: CouponTerms, basket: readonly BasketLine[]): string {
  let sum = '0';
  for (const line of basket) {
    if (terms.scope === 'products' && !terms.productIds.includes(line.productId)) continue;
    sum = add(sum, mul(String(line.unitPriceFen), String(line.quantity)));
  }
  return sum;
}

function reference(terms: CouponTerms, basket: readonly BasketLine[]): string {
  const e = referenceEligible(terms, basket);
  if (terms.kind === 'threshold')
    return cmp(e, String(terms.thresholdFen)) >= 0 ? minStr(String(terms.offFen), e) : '0';
  if (terms.kind === 'direct') return minStr(String(terms.offFen), e);
  // The buyer pays rate% of the eligible part, rounded up to the fen; the discount is the rest.
  const paysTimes100 = mul(e, String(terms.rate));
  const whole = paysTimes100.length > 2 ? paysTimes100.slice(0, -2) : '0';
  const fraction = paysTimes100.slice(-2);
  const pays = Number(fraction) === 0 ? whole : add(whole, '1');
  const discount = sub(e, pays);
  return terms.capFen === null ? discount : minStr(discount, String(terms.capFen));
}

// ---- helpers ----

type Scope = Pick<CouponTerms, 'scope' | 'productIds'>;
const shop: Scope = { scope: 'shop', productIds: [] };
const threshold = (thresholdFen: number, offFen: number, scope: Partial<CouponTerms> = shop): CouponTerms => ({
  kind: 'threshold',
  thresholdFen,
  offFen,
  rate: null,
  capFen: null,
  ...shop,
  ...scope,
});
const direct = (offFen: number, scope: Partial<CouponTerms> = shop): CouponTerms => ({
  kind: 'direct',
  thresholdFen: null,
  offFen,
  rate: null,
  capFen: null,
  ...shop,
  ...scope,
});
const percent = (rate: number, capFen: number | null = null, scope: Partial<CouponTerms> = shop): CouponTerms => ({
  kind: 'percent',
  thresholdFen: null,
  offFen: null,
  rate,
  capFen,
  ...shop,
  ...scope,
});
const one = (fen: number, productId = 1): BasketLine[] => [{ productId, unitPriceFen: fen, quantity: 1 }];

/** Same answer as the reference, and the invariants every answer must keep. */
function check(terms: CouponTerms, basket: readonly BasketLine[]): number {
  const d = couponDiscountFen(terms, basket);
  const label = `${JSON.stringify(terms)} ${JSON.stringify(basket)}`;
  assert.ok(Number.isSafeInteger(d) && d >= 0, `integer ≥ 0: ${label}`);
  assert.equal(String(d), reference(terms, basket), label);
  assert.ok(cmp(String(d), referenceEligible(terms, basket)) <= 0, `at most the eligible subtotal: ${label}`);
  return d;
}

/** A small deterministic PRNG (mulberry32): the same "random" baskets on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the reference itself is checked first: a wrong reference would make every comparison meaningless ----

test('the string reference does arithmetic right', () => {
  assert.equal(add('999', '1'), '1000');
  assert.equal(sub('1000', '1'), '999');
  assert.equal(mul('12345', '6789'), String(12345 * 6789));
  assert.equal(mul('0', '123'), '0');
  assert.equal(mul(String(MAX_FEN), '1000003'), '10000030000000000');
  assert.equal(cmp('010', '9'), 1);
  assert.equal(reference(percent(88), one(100)), '12');
  assert.equal(reference(percent(88), one(1)), '0'); // pays 0.88 → 1 fen
  assert.equal(reference(percent(1), one(1)), '0'); // pays 0.01 → 1 fen
  assert.equal(reference(percent(50), one(3)), '1'); // pays 1.5 → 2 fen
});

// ---- grids ----

test('满减 on every basket from 0 to 400 fen against many thresholds and offs', () => {
  const thresholds = [1, 2, 3, 10, 50, 99, 100, 101, 199, 200, 250, 399, 400];
  for (const t of thresholds) {
    const offs = [...new Set([1, Math.ceil(t / 3), Math.floor(t / 2) || 1, t - 1 || 1, t])];
    for (const off of offs) {
      for (let total = 0; total <= 400; total++) {
        const d = check(threshold(t, off), one(total));
        assert.equal(d, total >= t ? off : 0);
      }
    }
  }
});

test('立减 on every basket from 0 to 400 fen, including offs larger than the basket', () => {
  for (const off of [1, 2, 5, 99, 100, 200, 399, 400, 401, 1000, MAX_FEN]) {
    for (let total = 0; total <= 400; total++) {
      const d = check(direct(off), one(total));
      assert.equal(d, Math.min(off, total));
    }
  }
});

test('折扣 on every basket from 0 to 400 fen, every rate 1…99, with and without caps', () => {
  for (const cap of [null, 1, 2, 5, 37, 100, 1000]) {
    for (let rate = 1; rate <= 99; rate++) {
      for (let total = 0; total <= 400; total++) check(percent(rate, cap), one(total));
    }
  }
});

test('a basket split into lines gives the same as its total in one line', () => {
  const random = prng(7);
  const coupons = [threshold(199, 30), direct(150), percent(75), percent(95, 12)];
  for (let round = 0; round < 2000; round++) {
    const lines: BasketLine[] = [];
    for (let n = Math.floor(random() * 5); n > 0; n--) {
      lines.push({
        productId: 1 + Math.floor(random() * 4),
        unitPriceFen: Math.floor(random() * 120),
        quantity: Math.floor(random() * 4),
      });
    }
    const total = lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
    for (const coupon of coupons) assert.equal(check(coupon, lines), couponDiscountFen(coupon, one(total)));
  }
});

// ---- boundaries ----

test('满减 thresholds: one fen short gets nothing, exactly the threshold and above get the full amount', () => {
  for (const t of [1, 9900, 10000, 29900, MAX_FEN]) {
    const off = Math.max(1, Math.floor(t / 10));
    assert.equal(check(threshold(t, off), one(t - 1)), 0);
    assert.equal(check(threshold(t, off), one(t)), off);
    assert.equal(check(threshold(t, off), one(t + 1)), off);
  }
  // 满99减10 as the seller says it.
  assert.equal(check(threshold(9900, 1000), one(9899)), 0);
  assert.equal(check(threshold(9900, 1000), one(9900)), 1000);
  // off equal to the threshold: the basket can come to zero, never below.
  assert.equal(check(threshold(500, 500), one(500)), 500);
});

test('an empty basket, zero quantities and zero prices give no discount', () => {
  for (const coupon of [threshold(1, 1), direct(100), percent(1), percent(50, 10)]) {
    assert.equal(check(coupon, []), 0);
    assert.equal(check(coupon, [{ productId: 1, unitPriceFen: 500, quantity: 0 }]), 0);
    assert.equal(check(coupon, [{ productId: 1, unitPriceFen: 0, quantity: 9 }]), 0);
  }
});

test('折扣 rounds the discount down to the fen, and a cap of 1 fen holds', () => {
  assert.equal(check(percent(88), one(9999)), 1199); // 1199.88 → 1199
  assert.equal(check(percent(88), one(100)), 12);
  assert.equal(check(percent(99), one(99)), 0); // 0.99 fen is not a fen
  assert.equal(check(percent(99), one(100)), 1);
  assert.equal(check(percent(1), one(100)), 99);
  assert.equal(check(percent(88, 2000), one(1_000_000)), 2000); // 8.8折，最多减20元
  for (let total = 9; total <= 400; total++) assert.equal(check(percent(10, 1), one(total)), 1);
});

test('huge baskets: MAX_FEN prices × large quantities stay exact to the fen', () => {
  const big = (quantity: number, price = MAX_FEN): BasketLine[] => [{ productId: 1, unitPriceFen: price, quantity }];
  // 10^16 fen: past 2^53, where float sums already lose whole fen.
  assert.equal(check(direct(MAX_FEN), big(1_000_000)), MAX_FEN);
  assert.equal(check(threshold(MAX_FEN, MAX_FEN), big(1_000_000)), MAX_FEN);
  assert.equal(check(percent(99), big(1_000_000)), 100_000_000_000_000);
  assert.equal(check(percent(1, MAX_FEN), big(1_000_000)), MAX_FEN);
  // A total where float arithmetic lands on the wrong fen: (MAX_FEN − 1) × 10^6 + 99, 1% off.
  const odd: BasketLine[] = [...big(1_000_000, MAX_FEN - 1), { productId: 2, unitPriceFen: 99, quantity: 1 }];
  assert.equal(check(percent(99), odd), 99_999_999_990_000);
  assert.notEqual(Math.floor(((MAX_FEN - 1) * 1_000_000 + 99) / 100), 99_999_999_990_000, 'floats would be off');
  check(percent(97, 123_456_789), odd);
  check(threshold(MAX_FEN, 1), odd);
  const random = prng(42);
  for (let i = 0; i < 500; i++) {
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => ({
      productId: k + 1,
      unitPriceFen: Math.floor(random() * MAX_FEN),
      quantity: Math.floor(random() * 50_000),
    }));
    check(percent(50 + Math.floor(random() * 50), Math.floor(random() * MAX_FEN) + 1), lines);
    check(threshold(MAX_FEN, Math.floor(random() * MAX_FEN) + 1), lines);
    check(direct(Math.floor(random() * MAX_FEN) + 1), lines);
  }
});

test('a discount beyond a safe integer is refused, not rounded', () => {
  // 10^16 × 99% off cannot be a JavaScript number exactly.
  assert.throws(
    () => couponDiscountFen(percent(1), [{ productId: 1, unitPriceFen: MAX_FEN, quantity: 1_000_000 }]),
    RangeError,
  );
});

// ---- scope ----

test('a product coupon counts only its products, toward the threshold and the discount', () => {
  const scope: Scope = { scope: 'products', productIds: [2, 5] };
  const basket: BasketLine[] = [
    { productId: 1, unitPriceFen: 5000, quantity: 3 }, // out of scope
    { productId: 2, unitPriceFen: 4000, quantity: 1 },
    { productId: 5, unitPriceFen: 2900, quantity: 2 },
    { productId: 2, unitPriceFen: 100, quantity: 1 }, // the same product twice counts twice
  ];
  // Eligible: 4000 + 5800 + 100 = 9900.
  assert.equal(check(threshold(9900, 1000, scope), basket), 1000);
  assert.equal(check(threshold(9901, 1000, scope), basket), 0, 'out-of-scope lines do not reach the threshold');
  assert.equal(check(direct(20000, scope), basket), 9900);
  assert.equal(check(percent(80, null, scope), basket), 1980);
  assert.equal(check(direct(500, { scope: 'products', productIds: [9] }), basket), 0);
  // A shop coupon sees everything: 15000 + 9900.
  assert.equal(check(percent(80), basket), 4980);
});

test('random mixed baskets against random product scopes', () => {
  const random = prng(2024);
  for (let round = 0; round < 3000; round++) {
    const productIds = [1, 2, 3, 4, 5, 6, 7, 8].filter(() => random() < 0.4);
    const scope: Scope = { scope: 'products', productIds };
    const lines: BasketLine[] = Array.from({ length: Math.floor(random() * 6) }, () => ({
      productId: 1 + Math.floor(random() * 8),
      unitPriceFen: Math.floor(random() * 30000),
      quantity: Math.floor(random() * 5),
    }));
    const t = 1 + Math.floor(random() * 50000);
    check(threshold(t, 1 + Math.floor(random() * t), scope), lines);
    check(direct(1 + Math.floor(random() * 50000), scope), lines);
    check(
      percent(1 + Math.floor(random() * 99), random() < 0.5 ? null : 1 + Math.floor(random() * 5000), scope),
      lines,
    );
  }
});

// ---- invariants ----

test('more in the basket never means less off (every kind)', () => {
  const coupons = [threshold(100, 40), threshold(250, 250), direct(120), percent(88), percent(30, 50)];
  for (const coupon of coupons) {
    let previous = 0;
    for (let total = 0; total <= 400; total++) {
      const d = couponDiscountFen(coupon, one(total));
      assert.ok(d >= previous, `${coupon.kind} at ${total}: ${d} < ${previous}`);
      assert.ok(d <= total);
      previous = d;
    }
  }
  // Adding an out-of-scope line changes nothing; adding an in-scope one never lowers the discount.
  const scoped = direct(300, { scope: 'products', productIds: [1] });
  const base = one(200, 1);
  assert.equal(couponDiscountFen(scoped, [...base, ...one(999, 2)]), couponDiscountFen(scoped, base));
  assert.ok(couponDiscountFen(scoped, [...base, ...one(50, 1)]) >= couponDiscountFen(scoped, base));
});

test('what no stored coupon or real basket can be is an error, not a guess', () => {
  const bad: Array<[CouponTerms, BasketLine[]]> = [
    [direct(100), [{ productId: 1, unitPriceFen: -1, quantity: 1 }]],
    [direct(100), [{ productId: 1, unitPriceFen: 1.5, quantity: 1 }]],
    [direct(100), [{ productId: 1, unitPriceFen: 100, quantity: 0.5 }]],
    [direct(100), [{ productId: 1, unitPriceFen: Number.NaN, quantity: 1 }]],
    [direct(100, { scope: 'products', productIds: [2] }), [{ productId: 1, unitPriceFen: -5, quantity: 1 }]],
    [percent(0), one(100)],
    [percent(100), one(100)],
    [percent(8.8), one(100)],
    [{ ...percent(50), rate: null }, one(100)],
    [{ ...direct(1), offFen: null }, one(100)],
    [{ ...threshold(100, 10), thresholdFen: null }, one(100)],
    [direct(-5), one(100)],
    [percent(50, -1), one(100)],
  ];
  for (const [terms, basket] of bad) {
    assert.throws(() => couponDiscountFen(terms, basket), RangeError, JSON.stringify({ terms, basket }));
  }
});
