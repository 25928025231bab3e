// What the overlay shows, decided from the live show: the card of the product explained (its bag line's number,
// price, stock, 售罄 marked or by stock, and the pushed coupon that takes most off it), the banner of the coupon
// pushed last; and the words viewers read, in their language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sceneOf, type OnAir } from '../../electron/core/overlay/overlay-scene.ts';
import {
  couponEndsLabel,
  couponRule,
  couponTicks,
  linkLabel,
  stockLabel,
} from '../../electron/core/overlay/shared/overlay-text.ts';
import type { Coupon } from '../../electron/core/protocol/coupon-schemas.ts';
import type { BagItem } from '../../electron/core/protocol/live-schemas.ts';

function item(productId: number, linkNo: number, over: Partial<BagItem['product']> = {}, soldOut = false): BagItem {
  return {
    productId,
    linkNo,
    listed: true,
    soldOut,
    addedAt: 1,
    product: {
      id: productId,
      title: `商品${productId}`,
      priceFen: 3990,
      originalPriceFen: 5990,
      stock: 10,
      sku: null,
      skus: [],
      link: null,
      linkKind: null,
      sellingPoints: '',
      imageId: null,
      shopProductId: null,
      archived: false,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      ...over,
    },
  };
}

function coupon(id: number, over: Partial<Coupon>): Coupon {
  return {
    id,
    name: `券${id}`,
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
    validFrom: 0,
    validUntil: 10_000_000,
    archived: false,
    version: 1,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

const segment = (productId: number, linkNo: number) => ({
  id: 1,
  sessionId: 1,
  productId,
  linkNo,
  title: '',
  startedAt: 1,
  endedAt: null,
  startClockMs: 0,
  endClockMs: null,
});
const push = (couponId: number, pushedAt: number) => ({
  id: couponId,
  sessionId: 1,
  couponId,
  pushedAt,
  stoppedAt: null,
  pushClockMs: 0,
  stopClockMs: null,
});

test('no show on air, or nothing explained and nothing pushed: an empty scene', () => {
  assert.deepEqual(
    sceneOf(null, () => null),
    { card: null, coupon: null },
  );
  assert.deepEqual(
    sceneOf({ bag: [item(1, 1)], explaining: null, pushes: [] }, () => null),
    { card: null, coupon: null },
  );
});

test('the card: the explained product as the bag has it, with the pushed coupon that takes most off it', () => {
  const coupons = new Map([
    [1, coupon(1, { offFen: 300 })],
    [2, coupon(2, { offFen: 800, scope: 'products', productIds: [7] })],
    [3, coupon(3, { offFen: 2000, scope: 'products', productIds: [8] })], // not for this product
    [4, coupon(4, { kind: 'threshold', thresholdFen: 99_00, offFen: 20_00 })], // one unit does not reach it
  ]);
  const onAir: OnAir = {
    bag: [item(7, 3, { imageId: 'a'.repeat(64) }), item(8, 4)],
    explaining: segment(7, 3),
    pushes: [push(1, 10), push(2, 20), push(3, 30), push(4, 40)],
  };
  const scene = sceneOf(onAir, (id) => coupons.get(id) ?? null);
  assert.deepEqual(scene.card, {
    productId: 7,
    linkNo: 3,
    title: '商品7',
    priceFen: 3990,
    originalPriceFen: 5990,
    stock: 10,
    soldOut: false,
    imageId: 'a'.repeat(64),
    coupon: { kind: 'direct', thresholdFen: null, offFen: 800, rate: null, capFen: null },
  });
  assert.equal(scene.coupon?.name, '券4', 'the banner shows the coupon pushed last');
});

test('规格 at different prices: the card shows the cheapest and says "起"; at one price it does not', () => {
  const sku = (id: number, priceFen: number) => ({
    id,
    spec: `${id}`,
    priceFen,
    originalPriceFen: null,
    stock: 5,
    code: null,
  });
  const onAir = (skus: ReturnType<typeof sku>[]) => ({
    bag: [item(7, 3, { priceFen: 3990, skus })],
    explaining: segment(7, 3),
    pushes: [],
  });
  assert.equal(sceneOf(onAir([sku(1, 3990), sku(2, 8800)]), () => null).card?.priceFrom, true);
  assert.equal(sceneOf(onAir([sku(1, 3990), sku(2, 3990)]), () => null).card?.priceFrom, undefined);
  assert.equal(sceneOf(onAir([sku(1, 3990)]), () => null).card?.priceFrom, undefined);
});

test('售罄: marked by the assistant, or no stock left', () => {
  const marked = sceneOf({ bag: [item(7, 1, {}, true)], explaining: segment(7, 1), pushes: [] }, () => null);
  assert.equal(marked.card?.soldOut, true);
  const empty = sceneOf({ bag: [item(7, 1, { stock: 0 })], explaining: segment(7, 1), pushes: [] }, () => null);
  assert.equal(empty.card?.soldOut, true);
  assert.equal(stockLabel(empty.card!, 'zh-CN'), '已售罄');
  assert.equal(stockLabel({ stock: 12, soldOut: false }, 'zh-CN'), '仅剩 12 件');
  assert.equal(stockLabel({ stock: 12, soldOut: false }, 'en'), '12 left');
});

test('the banner: how many are left (null when unlimited, never below 0) and when it ends', () => {
  const coupons = new Map([[5, coupon(5, { quantity: 100, claimed: 130, validUntil: 5_000 })]]);
  const scene = sceneOf({ bag: [], explaining: null, pushes: [push(5, 1)] }, (id) => coupons.get(id) ?? null);
  assert.equal(scene.coupon?.left, 0);
  assert.equal(scene.coupon?.endsAt, 5_000);
  const unlimited = sceneOf({ bag: [], explaining: null, pushes: [push(6, 1)] }, () => coupon(6, {}));
  assert.equal(unlimited.coupon?.left, null);
});

test('the words: link numbers, coupon rules and the countdown in the viewers’ language', () => {
  assert.equal(linkLabel(3, 'zh-CN'), '3号链接');
  assert.equal(linkLabel(3, 'en'), 'Link 3');
  const threshold = { kind: 'threshold' as const, thresholdFen: 9900, offFen: 2000, rate: null, capFen: null };
  assert.equal(couponRule(threshold, 'zh-CN'), '满99减20');
  assert.equal(couponRule(threshold, 'en'), '¥20 off ¥99+');
  const percent = { kind: 'percent' as const, thresholdFen: null, offFen: null, rate: 88, capFen: 2000 };
  assert.equal(couponRule(percent, 'zh-CN'), '8.8折 最多减20');
  assert.equal(couponRule(percent, 'en'), '12% off, up to ¥20');
  assert.equal(couponEndsLabel(1_000_000 + 299_500, 1_000_000, 'zh-CN'), '还剩 05:00');
  assert.equal(couponEndsLabel(1_000_000 + 61_000, 1_000_000, 'en'), 'Ends in 01:01');
  assert.equal(couponEndsLabel(1_000, 2_000, 'zh-CN'), '已结束');
  assert.match(couponEndsLabel(10 * 3_600_000, 0, 'zh-CN'), /^\d\d:\d\d 截止$/);
  assert.equal(couponTicks({ endsAt: 100_000 }, 0), true, 'the last hour counts down');
  assert.equal(couponTicks({ endsAt: 2 * 3_600_000 }, 0), false);
  assert.equal(couponTicks(null, 0), false);
});
