// Orders through the real protocol: a real SQLite file, a real web host, real WebSocket clients racing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Order, Product, Session } from '../../electron/core/protocol/contract.ts';
import { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from '../../electron/core/protocol/order-status.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';

let run: Running;
let a: TestClient;
let b: TestClient;
let show: Session;
const products: Product[] = [];
const p = (n: number) => products[n - 1]!;

before(async () => {
  run = await runStudio();
  a = await TestClient.connect(run.host.port, run.host.token);
  b = await TestClient.connect(run.host.port, run.host.token);
  await a.call('studio.hello', { client: 'desktop' });
  await b.call('studio.hello', { client: 'browser' });
  for (const [title, priceFen, stock, sku] of [
    ['东北大米 5kg', 5990, 100, 'RICE-5'],
    ['野生蜂蜜', 3900, 20, 'HONEY'],
    ['手工挂面', 1290, 3, 'NOODLE'],
    ['红枣夹核桃', 2990, 500, 'DATE'],
  ] as const) {
    products.push(await a.call('catalog.create', { input: { title, priceFen, stock, sku } }));
  }
  show = await a.call('live.createSession', { input: { title: '助农专场' } });
  for (const product of products) await a.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  show = await a.call('live.goLive', { id: show.id });
});
after(async () => {
  a.close();
  b.close();
  await run.stop();
});

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    assert.equal(error.error.code, 'refused', error.message);
    return error.error.issues![0]!.code;
  }
  assert.fail('expected a refusal');
}

const stockOf = async (n: number) => (await a.call('catalog.get', { id: p(n).id })).stock;

test('an order by link number lands in the live show, takes stock, and reads back as typed', async () => {
  const before = await stockOf(1);
  const order = await a.call('orders.create', {
    input: { lines: [{ linkNo: 1, quantity: 2 }], buyer: '  小王 ', phone: '13800000000', note: '要新米' },
  });
  assert.match(order.orderNo, /^\d{6}-\d{3,}$/);
  assert.equal(order.sessionId, show.id);
  assert.equal(order.sessionTitle, '助农专场');
  assert.equal(order.status, 'pending');
  assert.equal(order.buyer, '小王');
  assert.equal(order.units, 2);
  assert.equal(order.subtotalFen, 11980);
  assert.equal(order.paidFen, 11980);
  assert.deepEqual(
    order.lines.map((l) => [l.productId, l.linkNo, l.title, l.sku, l.quantity]),
    [[p(1).id, 1, '东北大米 5kg', 'RICE-5', 2]],
  );
  assert.equal(await stockOf(1), before - 2);
  const { history } = await a.call('orders.get', { id: order.id });
  assert.deepEqual(
    history.map((h) => [h.from, h.to, h.role, h.client]),
    [[null, 'pending', 'host', 'desktop']],
  );
});

test('order numbers are the local day and a sequence, unique and increasing', async () => {
  const made: Order[] = [];
  for (let i = 0; i < 3; i++) {
    made.push(await a.call('orders.create', { input: { lines: [{ sku: 'DATE', quantity: 1 }], buyer: `买家${i}` } }));
  }
  const [day] = made[0]!.orderNo.split('-');
  const seqs = made.map((o) => Number(o.orderNo.split('-')[1]));
  assert.ok(made.every((o) => o.orderNo.startsWith(`${day}-`)));
  assert.deepEqual(seqs, [seqs[0]!, seqs[0]! + 1, seqs[0]! + 2]);
});

test('many clients racing for the last units: exactly the stock is sold, the rest are refused as oversold', async () => {
  const clients = [
    a,
    b,
    ...(await Promise.all([1, 2, 3, 4].map(() => TestClient.connect(run.host.port, run.host.token)))),
  ];
  const left = await stockOf(3); // 3 手工挂面
  const attempts = clients.flatMap((c, i) =>
    [0, 1, 2].map((k) =>
      c.call('orders.create', { input: { lines: [{ linkNo: 3, quantity: 1 }], buyer: `抢购${i}-${k}` } }).then(
        (o: Order) => ({ ok: true as const, o }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
    ),
  );
  const results = await Promise.all(attempts);
  for (const c of clients.slice(2)) c.close();
  const won = results.filter((r) => r.ok);
  const lost = results.filter((r) => !r.ok);
  assert.equal(won.length, left);
  assert.equal(lost.length, attempts.length - left);
  for (const r of lost) {
    assert.ok(r.e instanceof CallFailed);
    assert.equal(r.e.error.issues![0]!.code, 'order_oversold');
  }
  assert.equal(await stockOf(3), 0);
  const detail = await a.call('live.session', { id: show.id });
  assert.equal(detail.bag.find((i) => i.productId === p(3).id)!.product.stock, 0);
  assert.ok(detail.log.some((e) => e.kind === 'bag_sold_out' && e.productId === p(3).id));
});

test('the best pushed coupon applies by default; none and a chosen one are honoured; claims are counted', async () => {
  const now = Date.now();
  const window = { validFrom: now - 60_000, validUntil: now + 3_600_000 };
  const threshold = await a.call('coupons.create', {
    input: { name: '满100减10', kind: 'threshold', thresholdFen: 10000, offFen: 1000, perBuyerLimit: 5, ...window },
  });
  const direct = await a.call('coupons.create', {
    input: { name: '立减5元', kind: 'direct', offFen: 500, perBuyerLimit: 1, ...window },
  });
  await a.call('live.pushCoupon', { sessionId: show.id, couponId: threshold.id });
  await a.call('live.pushCoupon', { sessionId: show.id, couponId: direct.id });

  const quote = await a.call('orders.quote', { input: { lines: [{ linkNo: 1, quantity: 2 }], buyer: '小李' } });
  assert.equal(quote.couponId, threshold.id);
  assert.equal(quote.discountFen, 1000);
  const best = await a.call('orders.create', { input: { lines: [{ linkNo: 1, quantity: 2 }], buyer: '小李' } });
  assert.deepEqual(
    [best.couponId, best.couponName, best.discountFen, best.paidFen],
    [threshold.id, '满100减10', 1000, 10980],
  );
  assert.equal(best.lines[0]!.discountFen, 1000);

  const none = await a.call('orders.create', {
    input: { lines: [{ linkNo: 2, quantity: 1 }], buyer: '小李', coupon: 'none' },
  });
  assert.deepEqual([none.couponId, none.discountFen, none.paidFen], [null, 0, 3900]);

  const chosen = await a.call('orders.create', {
    input: { lines: [{ linkNo: 2, quantity: 1 }], buyer: '小李', coupon: direct.id },
  });
  assert.deepEqual([chosen.couponId, chosen.discountFen], [direct.id, 500]);
  // 立减5元 is one per buyer: the best choice now skips it, and choosing it on purpose is refused.
  const code = await refusal(
    a.call('orders.create', { input: { lines: [{ linkNo: 2, quantity: 1 }], buyer: '小李', coupon: direct.id } }),
  );
  assert.equal(code, 'coupon_buyer_limit');
  const coupons = (await a.call('coupons.list', {})).items;
  assert.equal(coupons.find((c) => c.id === threshold.id)!.claimed, 1);
  assert.equal(coupons.find((c) => c.id === direct.id)!.claimed, 1);

  // Cancelling frees the claim (and the buyer may use the coupon again).
  await a.call('orders.setStatus', { id: chosen.id, to: 'cancelled' });
  assert.equal((await a.call('coupons.list', {})).items.find((c) => c.id === direct.id)!.claimed, 0);
});

test('every status change: the allowed ones succeed, every other is refused and changes nothing', async () => {
  const path: Record<OrderStatus, OrderStatus[]> = {
    pending: [],
    paid: ['paid'],
    shipped: ['paid', 'shipped'],
    completed: ['paid', 'shipped', 'completed'],
    cancelled: ['cancelled'],
    refunded: ['paid', 'refunded'],
  };
  let checked = 0;
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const order = await a.call('orders.create', {
        input: { lines: [{ sku: 'DATE', quantity: 1 }], buyer: '状态测试' },
      });
      for (const step of path[from]) await a.call('orders.setStatus', { id: order.id, to: step });
      const at = await a.call('orders.get', { id: order.id });
      assert.equal(at.order.status, from);
      if (ORDER_TRANSITIONS[from].includes(to)) {
        const moved = await b.call('orders.setStatus', { id: order.id, to, note: '测试' });
        assert.equal(moved.status, to);
        const { history } = await a.call('orders.get', { id: order.id });
        assert.deepEqual(history.at(-1)!.from, from);
        assert.equal(history.at(-1)!.client, 'browser');
      } else {
        assert.equal(await refusal(b.call('orders.setStatus', { id: order.id, to })), 'order_transition');
        const still = await a.call('orders.get', { id: order.id });
        assert.equal(still.order.status, from);
        assert.equal(still.history.length, at.history.length);
      }
      checked++;
    }
  }
  assert.equal(checked, 36);
});

test('cancelling and refunding return the stock; completing does not', async () => {
  const start = await stockOf(2);
  const cancel = await a.call('orders.create', { input: { lines: [{ linkNo: 2, quantity: 3 }], buyer: '退货' } });
  const refund = await a.call('orders.create', {
    input: { lines: [{ linkNo: 2, quantity: 2 }], buyer: '退货', paid: true },
  });
  const keep = await a.call('orders.create', {
    input: { lines: [{ linkNo: 2, quantity: 1 }], buyer: '退货', paid: true },
  });
  assert.equal(await stockOf(2), start - 6);
  await a.call('orders.setStatus', { id: cancel.id, to: 'cancelled' });
  assert.equal(await stockOf(2), start - 3);
  await a.call('orders.setStatus', { id: refund.id, to: 'refunded' });
  assert.equal(await stockOf(2), start - 1);
  await a.call('orders.setStatus', { id: keep.id, to: 'shipped' });
  await a.call('orders.setStatus', { id: keep.id, to: 'completed' });
  assert.equal(await stockOf(2), start - 1);
});

test('an idempotency key answers the same order and creates nothing more', async () => {
  const input = { lines: [{ sku: 'RICE-5', quantity: 1 }], buyer: '机器人' };
  const before = await stockOf(1);
  const first = await a.call('orders.create', { input, key: 'bot-42' });
  const again = await b.call('orders.create', { input, key: 'bot-42' });
  assert.deepEqual(again, first);
  assert.equal(await stockOf(1), before - 1);
  const list = await a.call('orders.list', { filter: { buyer: '机器人' } });
  assert.equal(list.total, 1);
});

test('bad input is refused with a reason: unknown link, unknown SKU, planned session, malformed lines', async () => {
  assert.equal(
    await refusal(a.call('orders.create', { input: { lines: [{ linkNo: 99, quantity: 1 }], buyer: 'x' } })),
    'order_unknown_link',
  );
  assert.equal(
    await refusal(a.call('orders.create', { input: { lines: [{ sku: 'NOPE', quantity: 1 }], buyer: 'x' } })),
    'order_unknown_sku',
  );
  const planned = await a.call('live.createSession', { input: { title: '下周' } });
  assert.equal(
    await refusal(
      a.call('orders.create', { input: { sessionId: planned.id, lines: [{ sku: 'DATE', quantity: 1 }], buyer: 'x' } }),
    ),
    'order_session_planned',
  );
  await assert.rejects(
    a.call('orders.create', { input: { lines: [{ linkNo: 1, sku: 'DATE', quantity: 1 }], buyer: 'x' } }),
    (e: unknown) => e instanceof CallFailed && e.error.code === 'bad_request',
  );
  await assert.rejects(
    a.call('orders.create', { input: { lines: [{ linkNo: 1, quantity: 0 }], buyer: 'x' } }),
    (e: unknown) => e instanceof CallFailed && e.error.code === 'bad_request',
  );
  await assert.rejects(
    a.call('orders.create', { input: { lines: [{ linkNo: 1, quantity: 1 }], buyer: '   ' } }),
    (e: unknown) => e instanceof CallFailed && e.error.code === 'bad_request',
  );
});

test('the log filters, sorts and totals; the session report adds up', async () => {
  const all = await a.call('orders.list', { filter: { sessionId: show.id }, limit: 500 });
  assert.equal(all.total, all.items.length);
  const sales = all.items.filter((o) => o.status !== 'cancelled');
  assert.equal(
    all.totals.paidFen,
    sales.reduce((s, o) => s + o.paidFen, 0),
  );
  assert.equal(
    all.totals.units,
    sales.reduce((s, o) => s + o.units, 0),
  );
  const byBuyer = await a.call('orders.list', { filter: { query: '小李' } });
  assert.ok(byBuyer.items.length >= 2 && byBuyer.items.every((o) => o.buyer === '小李'));
  const byProduct = await a.call('orders.list', { filter: { productId: p(2).id } });
  assert.ok(byProduct.items.every((o) => o.lines.some((l) => l.productId === p(2).id)));
  const cheapFirst = await a.call('orders.list', { sort: 'paid', dir: 'asc', limit: 500 });
  const paid = cheapFirst.items.map((o) => o.paidFen);
  assert.deepEqual(
    paid,
    [...paid].sort((x, y) => x - y),
  );

  const report = await a.call('orders.report', { sessionId: show.id });
  assert.equal(report.totals.paidFen, all.totals.paidFen);
  assert.equal(report.totals.orders, sales.length);
  assert.equal(
    report.products.reduce((s, r) => s + r.paidFen, 0),
    report.totals.paidFen,
  );
  assert.equal(
    report.buckets.reduce((s, r) => s + r.paidFen, 0),
    report.totals.paidFen,
  );
  assert.equal(
    report.coupons.reduce((s, r) => s + r.discountFen, 0),
    report.totals.discountFen,
  );
});

test('the database itself refuses to delete an order or rewrite its history, and amounts that do not add up', () => {
  const db = run.studio.db;
  assert.throws(() => db.prepare('DELETE FROM orders').run(), /orders are never deleted/);
  assert.throws(() => db.prepare('DELETE FROM order_history').run(), /append-only/);
  assert.throws(() => db.prepare(`UPDATE order_history SET to_status = 'paid'`).run(), /append-only/);
  assert.throws(() => db.prepare('UPDATE orders SET paid_fen = paid_fen + 1').run(), /CHECK constraint/);
  assert.throws(() => db.prepare('UPDATE orders SET discount_fen = subtotal_fen + 1').run(), /CHECK constraint/);
  assert.throws(() => db.prepare('UPDATE products SET stock = -1').run(), /CHECK constraint/);
});

test('shipping refuses a tracking number Excel turned into scientific notation, naming the line', async () => {
  const order = await a.call('orders.create', {
    input: { lines: [{ sku: 'DATE', quantity: 1 }], buyer: '发货', paid: true },
  });
  const actor = { role: 'host' as const, deviceId: null, client: 'test' };
  await assert.rejects(
    async () =>
      run.studio.orders.shipBatch(
        [{ line: 2, orderNo: order.orderNo, carrier: '中通', trackingNo: '7.53123E+13' }],
        actor,
      ),
    (e: unknown) =>
      e instanceof StudioError && e.issues?.[0]?.code === 'ship_tracking_mangled' && e.issues[0].line === 2,
  );
  assert.equal((await a.call('orders.get', { id: order.id })).order.status, 'paid');
  await run.studio.orders.shipBatch(
    [{ line: 2, orderNo: order.orderNo, carrier: '中通', trackingNo: '75312345678901' }],
    actor,
  );
  const shipped = (await a.call('orders.get', { id: order.id })).order;
  assert.deepEqual([shipped.status, shipped.carrier, shipped.trackingNo], ['shipped', '中通', '75312345678901']);
});

test('a quote before the buyer is typed counts no per-buyer limit; an order still needs a buyer', async () => {
  const quote = await a.call('orders.quote', { input: { lines: [{ linkNo: 1, quantity: 2 }], buyer: '' } });
  assert.equal(quote.subtotalFen, 11980);
  assert.ok(quote.coupons.length > 0 && quote.coupons.every((c) => c.refusal !== 'coupon_buyer_limit'));
  await assert.rejects(
    a.call('orders.create', { input: { lines: [{ linkNo: 1, quantity: 1 }], buyer: '' } }),
    (e: unknown) => e instanceof CallFailed && e.error.code === 'bad_request',
  );
});

test('shipping one order records its courier and tracking number; a shipment with another status is refused', async () => {
  const order = await a.call('orders.create', {
    input: { lines: [{ sku: 'DATE', quantity: 1 }], buyer: '单独发货', paid: true },
  });
  await assert.rejects(
    a.call('orders.setStatus', { id: order.id, to: 'refunded', shipment: { carrier: '顺丰', trackingNo: 'SF1' } }),
    (e: unknown) => e instanceof CallFailed && e.error.code === 'bad_request',
  );
  const shipped = await b.call('orders.setStatus', {
    id: order.id,
    to: 'shipped',
    shipment: { carrier: ' 顺丰 ', trackingNo: 'SF100200' },
  });
  assert.deepEqual([shipped.status, shipped.carrier, shipped.trackingNo], ['shipped', '顺丰', 'SF100200']);
  const { history } = await a.call('orders.get', { id: order.id });
  assert.equal(history.at(-1)!.note, '顺丰 SF100200');
});
