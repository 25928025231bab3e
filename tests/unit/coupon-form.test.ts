// The coupon UI's pure parts: terms in words (both languages), and the form's parsing and patching.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Coupon } from '../../electron/core/protocol/coupon-schemas.ts';
import type { Locale } from '../../electron/core/protocol/messages.ts';
import {
  describeCoupon,
  describeScope,
  shortYuan,
  zheText,
  type Translator,
} from '../../renderer/src/features/coupons/describe.ts';
import {
  emptyForm,
  formFromCoupon,
  fromLocalInput,
  issuesByField,
  parseForm,
  parseZhe,
  patchFrom,
  toLocalInput,
} from '../../renderer/src/features/coupons/editor/form.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zhCN } from '../../renderer/src/i18n/zh-CN.ts';

function translator(locale: Locale): Translator {
  const dictionary: Record<string, string> = locale === 'en' ? en : zhCN;
  return {
    locale,
    t: (key, params = {}) => dictionary[key]!.replace(/\{(\w+)\}/g, (w, name: string) => String(params[name] ?? w)),
  };
}
const zh = translator('zh-CN');
const eng = translator('en');

function coupon(overrides: Partial<Coupon>): Coupon {
  return {
    id: 1,
    name: '券',
    kind: 'direct',
    thresholdFen: null,
    offFen: 500,
    rate: null,
    capFen: null,
    scope: 'shop',
    productIds: [],
    quantity: null,
    claimed: 0,
    perBuyerLimit: 1,
    validFrom: new Date(2026, 5, 1, 20, 0).getTime(),
    validUntil: new Date(2026, 5, 8, 20, 0).getTime(),
    archived: false,
    version: 1,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

test('terms read the way sellers say them, in both languages', () => {
  const threshold = coupon({ kind: 'threshold', thresholdFen: 9900, offFen: 1000 });
  const direct = coupon({ kind: 'direct', offFen: 500 });
  const capped = coupon({ kind: 'percent', offFen: null, rate: 88, capFen: 2000 });
  const plain = coupon({ kind: 'percent', offFen: null, rate: 90 });
  assert.equal(describeCoupon(zh, threshold), '满99减10');
  assert.equal(describeCoupon(zh, direct), '立减5元');
  assert.equal(describeCoupon(zh, capped), '8.8折，最多减20元');
  assert.equal(describeCoupon(zh, plain), '9折');
  assert.equal(describeCoupon(eng, threshold), '¥10 off ¥99+');
  assert.equal(describeCoupon(eng, direct), '¥5 off');
  assert.equal(describeCoupon(eng, capped), '12% off (8.8折), up to ¥20 off');
  assert.equal(describeCoupon(zh, coupon({ kind: 'threshold', thresholdFen: 19990, offFen: 1995 })), '满199.9减19.95');
  assert.equal(describeScope(zh, coupon({ scope: 'products', productIds: [1, 2, 3] })), '指定 3 件商品');
  assert.deepEqual([shortYuan(9900), shortYuan(990), shortYuan(995), shortYuan(1)], ['99', '9.9', '9.95', '0.01']);
  assert.deepEqual([zheText(88), zheText(90), zheText(5), zheText(99)], ['8.8', '9', '0.5', '9.9']);
});

test('折 is typed as sellers write it and stored in tenths', () => {
  const ok: Array<[string, number]> = [
    ['8.8', 88],
    [' 9 ', 90],
    ['0.5', 5],
    ['9.9', 99],
    ['0.1', 1],
    ['7.5折', 75],
  ];
  for (const [text, rate] of ok) assert.equal(parseZhe(text), rate, text);
  for (const text of ['', '0', '0.0', '10', '8.85', '88', '-1', 'abc', '8,8']) assert.equal(parseZhe(text), null, text);
});

test('datetime-local text round-trips in local time', () => {
  const ms = new Date(2026, 0, 31, 23, 59).getTime();
  assert.equal(toLocalInput(ms), '2026-01-31T23:59');
  assert.equal(fromLocalInput('2026-01-31T23:59'), ms);
  assert.equal(fromLocalInput('2026-01-31T23:59:30'), ms + 30_000);
  assert.equal(fromLocalInput(''), null);
  assert.equal(fromLocalInput('31/01/2026 23:59'), null);
  const fresh = emptyForm(ms + 45_000);
  assert.equal(fresh.validFrom, '2026-01-31T23:59');
  assert.equal(fresh.validUntil, '2026-02-07T23:59');
});

test('the form parses money in yuan and sends only the chosen kind’s terms', () => {
  const values = {
    ...emptyForm(),
    name: ' 满99减10 ',
    kind: 'threshold' as const,
    threshold: '99',
    off: '¥10',
    rate: '8.8',
  };
  const parsed = parseForm(values);
  assert.ok(parsed.input);
  assert.deepEqual(
    [parsed.input.name, parsed.input.thresholdFen, parsed.input.offFen, parsed.input.rate, parsed.input.capFen],
    ['满99减10', 9900, 1000, null, null],
  );
  const bad = parseForm({ ...values, name: '', off: '1.234', threshold: '', quantity: '0', perBuyerLimit: '101' });
  assert.ok(bad.issues);
  assert.deepEqual(
    Object.entries(bad.issues).map(([field, issues]) => `${field}:${issues![0]!.code}`),
    [
      'name:required',
      'threshold:required',
      'off:price_invalid',
      'quantity:coupon_quantity_invalid',
      'perBuyerLimit:coupon_limit_invalid',
    ],
  );
  const percent = parseForm({ ...values, kind: 'percent', rate: '8.8', cap: '' });
  assert.deepEqual([percent.input?.rate, percent.input?.capFen, percent.input?.offFen], [88, null, null]);
});

test('an edit patches only what changed as typed; a switch to shop-wide clears the products', () => {
  const base = coupon({ kind: 'threshold', thresholdFen: 9900, offFen: 1000, scope: 'products', productIds: [3, 1] });
  const values = formFromCoupon(base);
  assert.deepEqual(values.productIds, [1, 3]);
  const unchanged = parseForm(values);
  assert.deepEqual(patchFrom(unchanged.input!, values, base), {}, 'an untouched form patches nothing');
  const renamed = { ...values, name: '新名字', off: '20' };
  assert.deepEqual(patchFrom(parseForm(renamed).input!, renamed, base), { name: '新名字', offFen: 2000 });
  const shopWide = { ...values, scope: 'shop' as const };
  assert.deepEqual(patchFrom(parseForm(shopWide).input!, shopWide, base), { scope: 'shop', productIds: [] });
  const toPercent = { ...values, kind: 'percent' as const, rate: '8.5' };
  assert.deepEqual(patchFrom(parseForm(toPercent).input!, toPercent, base), { kind: 'percent', rate: 85 });
});

test('the core’s issue paths land on the form’s fields', () => {
  const { fields, other } = issuesByField([
    { path: 'offFen', code: 'coupon_off_above_threshold' },
    { path: 'input.rate', code: 'too_big' },
    { path: 'productIds', code: 'coupon_product_missing', params: { id: 9 } },
    { path: 'productIds', code: 'coupon_product_archived', params: { id: 3 } },
    { path: 'patch.somethingElse', code: 'x' },
  ]);
  assert.deepEqual(Object.keys(fields).sort(), ['off', 'productIds', 'rate']);
  assert.equal(fields.productIds!.length, 2);
  assert.deepEqual(
    other.map((i) => i.path),
    ['patch.somethingElse'],
  );
});
