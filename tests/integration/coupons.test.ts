// 优惠券 over the real protocol: a real studio (SQLite on disk), a real web host, two WebSocket clients.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Coupon, CouponInput, Product } from '../../electron/core/protocol/contract.ts';
import type { Issue } from '../../electron/core/protocol/errors.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';

const DAY = 86_400_000;
let run: Running;
let a: TestClient;
let b: TestClient;
let tea: Product;
let honey: Product;
let archived: Product;

before(async () => {
  run = await runStudio();
  a = await TestClient.connect(run.host.port, run.host.token);
  b = await TestClient.connect(run.host.port, run.host.token);
  tea = await a.call('catalog.create', { input: { title: '普洱茶饼', priceFen: 15800, stock: 10 } });
  honey = await a.call('catalog.create', { input: { title: '土蜂蜜', priceFen: 3900, stock: 20 } });
  const old = await a.call('catalog.create', { input: { title: '旧款', priceFen: 100, stock: 1 } });
  archived = await a.call('catalog.archive', { id: old.id, expectedVersion: old.version });
});
after(async () => {
  a.close();
  b.close();
  await run.stop();
});

function window(fromNow = -DAY, days = 7) {
  const validFrom = Date.now() + fromNow;
  return { validFrom, validUntil: validFrom + days * DAY };
}

async function failure(call: Promise<unknown>): Promise<CallFailed['error']> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    return error.error;
  }
  assert.fail('expected the call to fail');
}
const pairs = (issues: Issue[] | undefined) => (issues ?? []).map((i) => `${i.path}:${i.code}`).sort();

function rows() {
  return {
    coupons: run.studio.db.prepare('SELECT * FROM coupons ORDER BY id').all(),
    products: run.studio.db.prepare('SELECT * FROM coupon_products ORDER BY coupon_id, product_id').all(),
  };
}

test('creates each kind; the list returns them newest first with the seq it was taken at', async () => {
  const threshold = await a.call('coupons.create', {
    input: { name: '满99减10', kind: 'threshold', thresholdFen: 9900, offFen: 1000, quantity: 200, ...window() },
  });
  assert.equal(threshold.kind, 'threshold');
  assert.deepEqual(
    [threshold.thresholdFen, threshold.offFen, threshold.rate, threshold.capFen],
    [9900, 1000, null, null],
  );
  assert.deepEqual(
    [threshold.scope, threshold.productIds, threshold.quantity, threshold.claimed],
    ['shop', [], 200, 0],
  );
  assert.deepEqual([threshold.perBuyerLimit, threshold.archived, threshold.version], [1, false, 1]);

  const direct = await a.call('coupons.create', {
    input: { name: '  立减5元 ', kind: 'direct', offFen: 500, perBuyerLimit: 3, ...window() },
  });
  assert.equal(direct.name, '立减5元');
  assert.deepEqual([direct.offFen, direct.quantity, direct.perBuyerLimit], [500, null, 3]);

  const percent = await a.call('coupons.create', {
    input: {
      name: '茶叶8.8折',
      kind: 'percent',
      rate: 88,
      capFen: 2000,
      scope: 'products',
      productIds: [honey.id, tea.id, tea.id],
      ...window(),
    },
  });
  assert.deepEqual([percent.rate, percent.capFen, percent.scope], [88, 2000, 'products']);
  assert.deepEqual(
    percent.productIds,
    [tea.id, honey.id].sort((x, y) => x - y),
    'ascending, duplicates folded',
  );

  const list = await b.call('coupons.list', {});
  assert.deepEqual(
    list.items.slice(0, 3).map((c) => c.id),
    [percent.id, direct.id, threshold.id],
  );
  assert.deepEqual(list.items[0], percent, 'the list reads back exactly what create returned');
  assert.equal(list.seq, run.studio.server.currentSeq());
});

test('validation problems come back by field path, and nothing is written', async () => {
  const before = rows();
  const seq = run.studio.server.currentSeq();
  const cases: Array<[CouponInput, string[]]> = [
    [
      { name: ' ', kind: 'threshold', thresholdFen: 1000, offFen: 1500, ...window() },
      ['name:required', 'offFen:coupon_off_above_threshold'],
    ],
    [{ name: 'x', kind: 'direct', rate: 50, ...window() }, ['offFen:required', 'rate:coupon_term_unused']],
    [
      { name: 'x', kind: 'percent', rate: 100, capFen: 0, ...window() },
      ['capFen:amount_not_positive', 'rate:coupon_rate_invalid'],
    ],
    [{ name: 'x', kind: 'direct', offFen: 100, quantity: 0, ...window() }, ['quantity:coupon_quantity_invalid']],
    [
      { name: 'x', kind: 'direct', offFen: 100, validFrom: 2000, validUntil: 1000 },
      ['validUntil:coupon_until_not_after_from'],
    ],
    [
      { name: 'x', kind: 'direct', offFen: 100, scope: 'products', ...window() },
      ['productIds:coupon_products_required'],
    ],
    [
      {
        name: 'x',
        kind: 'direct',
        offFen: 100,
        scope: 'products',
        productIds: [tea.id, archived.id, 99999],
        ...window(),
      },
      ['productIds:coupon_product_archived', 'productIds:coupon_product_missing'],
    ],
  ];
  for (const [input, expected] of cases) {
    const error = await failure(a.call('coupons.create', { input }));
    assert.equal(error.code, 'invalid', JSON.stringify(input));
    assert.deepEqual(pairs(error.issues), expected, JSON.stringify(input));
  }
  // What the schema refuses never reaches the rules.
  const schema = await failure(
    a.call('coupons.create', { input: { name: 'x', kind: 'percent', rate: 101, ...window() } }),
  );
  assert.equal(schema.code, 'bad_request');
  assert.deepEqual(rows(), before);
  assert.equal(run.studio.server.currentSeq(), seq, 'no event for a refused write');
});

test('an update changes only what the patch names (a rename keeps the product scope)', async () => {
  const made = await a.call('coupons.create', {
    input: {
      name: '蜂蜜立减',
      kind: 'direct',
      offFen: 300,
      scope: 'products',
      productIds: [honey.id],
      perBuyerLimit: 2,
      ...window(),
    },
  });
  const renamed = await a.call('coupons.update', {
    id: made.id,
    expectedVersion: made.version,
    patch: { name: '蜂蜜专享立减' },
  });
  assert.deepEqual(renamed, { ...made, name: '蜂蜜专享立减', version: 2, updatedAt: renamed.updatedAt });
  const widened = await a.call('coupons.update', {
    id: made.id,
    expectedVersion: renamed.version,
    patch: { productIds: [honey.id, tea.id] },
  });
  assert.deepEqual(
    widened.productIds,
    [tea.id, honey.id].sort((x, y) => x - y),
  );
  const toPercent = await a.call('coupons.update', {
    id: made.id,
    expectedVersion: widened.version,
    patch: { kind: 'percent', rate: 95, scope: 'shop' },
  });
  assert.deepEqual(
    [toPercent.kind, toPercent.offFen, toPercent.rate, toPercent.scope, toPercent.productIds],
    ['percent', null, 95, 'shop', []],
  );
  assert.deepEqual(
    run.studio.db.prepare('SELECT product_id FROM coupon_products WHERE coupon_id = ?').all(made.id),
    [],
    'the old product list is gone from the table too',
  );
});

test('a stale version gets a conflict carrying the current coupon; the losing edit is not applied', async () => {
  const made = await a.call('coupons.create', {
    input: { name: '限量券', kind: 'direct', offFen: 100, quantity: 10, ...window() },
  });
  const [ra, rb] = await Promise.allSettled([
    a.call('coupons.update', { id: made.id, expectedVersion: made.version, patch: { quantity: 20 } }),
    b.call('coupons.update', { id: made.id, expectedVersion: made.version, patch: { offFen: 200 } }),
  ]);
  const won = [ra, rb].filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Coupon>[];
  const lost = [ra, rb].filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
  assert.equal(won.length, 1);
  assert.equal(lost.length, 1);
  const error = (lost[0]!.reason as CallFailed).error;
  assert.equal(error.code, 'conflict');
  assert.deepEqual(error.current, won[0]!.value);
  const stored = (await a.call('coupons.list', {})).items.find((c) => c.id === made.id);
  assert.deepEqual(stored, won[0]!.value);

  const archive = await failure(a.call('coupons.archive', { id: made.id, expectedVersion: made.version }));
  assert.equal(archive.code, 'conflict');
  const missing = await failure(a.call('coupons.update', { id: 99999, expectedVersion: 1, patch: { name: 'x' } }));
  assert.equal(missing.code, 'not_found');
});

test('every change reaches the other client as coupons.changed, in order', async () => {
  const from = b.events.length;
  const made = await a.call('coupons.create', { input: { name: '事件券', kind: 'direct', offFen: 100, ...window() } });
  const edited = await a.call('coupons.update', { id: made.id, expectedVersion: 1, patch: { offFen: 150 } });
  const gone = await a.call('coupons.archive', { id: made.id, expectedVersion: edited.version });
  await b.until(() => b.events.slice(from).filter((e) => e.name === 'coupons.changed').length >= 3);
  const seen = b.events
    .slice(from)
    .filter((e) => e.name === 'coupons.changed')
    .map((e) => (e.data as { coupon: Coupon }).coupon);
  assert.deepEqual(seen, [made, edited, gone]);
});

test('archive and restore move a coupon between the lists; repeating one is a no-op', async () => {
  const made = await a.call('coupons.create', {
    input: { name: '归档测试', kind: 'direct', offFen: 100, ...window() },
  });
  const gone = await a.call('coupons.archive', { id: made.id, expectedVersion: made.version });
  assert.equal(gone.archived, true);
  assert.ok(!(await a.call('coupons.list', {})).items.some((c) => c.id === made.id));
  assert.ok((await a.call('coupons.list', { archived: true })).items.some((c) => c.id === made.id));
  const seq = run.studio.server.currentSeq();
  assert.deepEqual(await a.call('coupons.archive', { id: made.id, expectedVersion: gone.version }), gone);
  assert.equal(run.studio.server.currentSeq(), seq, 'archiving twice announces nothing');
  const back = await a.call('coupons.restore', { id: made.id, expectedVersion: gone.version });
  assert.deepEqual([back.archived, back.version], [false, gone.version + 1]);
  assert.ok((await a.call('coupons.list', {})).items.some((c) => c.id === made.id));
  assert.ok(!(await a.call('coupons.list', { archived: true })).items.some((c) => c.id === made.id));
});

test('quantity can never drop below what has been claimed', async () => {
  const made = await a.call('coupons.create', {
    input: { name: '已领券', kind: 'direct', offFen: 100, quantity: 50, ...window() },
  });
  // Claims come from orders (not built yet): record some directly.
  run.studio.db.prepare('UPDATE coupons SET claimed = 30 WHERE id = ?').run(made.id);
  const error = await failure(a.call('coupons.update', { id: made.id, expectedVersion: 1, patch: { quantity: 29 } }));
  assert.deepEqual(
    error.issues?.map((i) => [i.path, i.code, i.params?.claimed]),
    [['quantity', 'coupon_quantity_below_claimed', 30]],
  );
  const ok = await a.call('coupons.update', { id: made.id, expectedVersion: 1, patch: { quantity: 30 } });
  assert.deepEqual([ok.quantity, ok.claimed], [30, 30]);
});

test('a coupon write waits while a bulk job holds the writer', async () => {
  let release!: () => void;
  const held = run.studio.writer.hold(() => new Promise<void>((resolve) => (release = resolve)));
  let settled = false;
  const pending = a
    .call('coupons.create', { input: { name: '排队券', kind: 'direct', offFen: 100, ...window() } })
    .finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(settled, false, 'not written inside someone else’s transaction');
  release();
  await held;
  assert.equal((await pending).name, '排队券');
});

test('the live room refuses to push a coupon that is expired, not started or archived', async () => {
  const session = await a.call('live.createSession', { input: { title: '周五茶叶专场' } });
  await a.call('live.bagAdd', { sessionId: session.id, productId: tea.id });
  await a.call('live.goLive', { id: session.id });
  const make = (name: string, w: { validFrom: number; validUntil: number }) =>
    a.call('coupons.create', { input: { name, kind: 'direct', offFen: 100, ...w } });
  const expired = await make('过期券', { validFrom: Date.now() - 3 * DAY, validUntil: Date.now() - DAY });
  const later = await make('明日券', window(DAY));
  const shelved = await make('归档券', window());
  await a.call('coupons.archive', { id: shelved.id, expectedVersion: 1 });
  for (const [coupon, why] of [
    [expired, 'coupon_expired'],
    [later, 'coupon_not_started'],
    [shelved, 'coupon_archived'],
  ] as const) {
    const error = await failure(a.call('live.pushCoupon', { sessionId: session.id, couponId: coupon.id }));
    assert.equal(error.code, 'refused');
    assert.equal(error.issues?.[0]?.code, why);
  }
  const good = await make('现在能发', window());
  const push = await a.call('live.pushCoupon', { sessionId: session.id, couponId: good.id });
  assert.deepEqual([push.couponId, push.stoppedAt], [good.id, null]);
  await a.call('live.end', { id: session.id });
});
