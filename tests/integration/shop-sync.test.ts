// The 微信小店 connector against a fake shop on loopback that keeps the documented rules (tests/support/
// fake-wxshop.ts): connecting, products with 规格 and pictures, orders across 7-day windows and pages, a second
// sync that changes nothing, a token that expires mid-sync, the whitelist error, and orders arriving during a show.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { DB_FILE } from '../../electron/core/studio.ts';
import { messageFor } from '../../electron/core/protocol/messages.ts';
import type { Order } from '../../electron/core/protocol/contract.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';
import { FakeWxShop, fakeOrder, type FakeProduct } from '../support/fake-wxshop.ts';
import { makePicture, requireTool } from '../support/tools.ts';

const DAY = 86_400;
let fake: FakeWxShop;
let run: Running;
let host: TestClient;
const nowS = () => Math.floor(Date.now() / 1000);

before(async () => {
  fake = new FakeWxShop();
  process.env.LIVECART_WXSHOP_API = await fake.start();
  process.env.LIVECART_WXSHOP_POLL_SECONDS = '1';
  run = await runStudio();
  host = await TestClient.connect(run.host.port, run.host.token);
});
after(async () => {
  host.close();
  await run.stop();
  await fake.stop();
  delete process.env.LIVECART_WXSHOP_API;
  delete process.env.LIVECART_WXSHOP_POLL_SECONDS;
});

async function refusal(work: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    const issue = error.error.issues?.[0];
    return { code: issue?.code ?? error.error.code, params: issue?.params ?? {} };
  }
  assert.fail('expected a refusal');
}

const RICE: FakeProduct = {
  product_id: '10000065246211',
  title: '五常大米',
  head_imgs: [],
  status: 5,
  skus: [
    {
      sku_id: '1573386083',
      sale_price: 3990,
      stock_num: 40,
      sku_code: 'RICE-5',
      sku_attrs: [{ attr_key: '重量', attr_value: '5kg' }],
      status: 5,
    },
    {
      sku_id: '1573386084',
      sale_price: 6990,
      stock_num: 12,
      sku_code: 'RICE-10',
      sku_attrs: [{ attr_key: '重量', attr_value: '10kg' }],
      status: 5,
    },
  ],
};
const TEA: FakeProduct = {
  product_id: '10000065246300',
  title: '福鼎白茶 100g',
  head_imgs: [],
  status: 5,
  skus: [{ sku_id: '1573386300', sale_price: 8800, stock_num: 7, sku_code: 'TEA-1', sku_attrs: [], status: 5 }],
};

test('connect: a wrong secret or an IP off the whitelist is refused with what to do, and nothing is kept', async () => {
  assert.deepEqual((await host.call('shop.status', {})).connected, false);
  const wrong = await refusal(host.call('shop.connect', { appId: fake.appId, appSecret: 'not-the-secret-at-all' }));
  assert.equal(wrong.code, 'shop_credentials');
  assert.equal(wrong.params.errcode, 40125);

  fake.whitelist = ['10.0.0.1'];
  const ip = await refusal(host.call('shop.connect', { appId: fake.appId, appSecret: fake.secret }));
  assert.equal(ip.code, 'shop_ip_not_whitelisted');
  assert.equal(ip.params.ip, '127.0.0.1');
  assert.match(messageFor(ip.code, 'zh-CN', ip.params as Record<string, string>), /127\.0\.0\.1.*IP 白名单/);
  fake.whitelist = null;
  assert.equal((await host.call('shop.status', {})).connected, false, 'nothing was kept');

  const status = await host.call('shop.connect', { appId: fake.appId, appSecret: fake.secret });
  assert.deepEqual([status.connected, status.appId, status.secretUnavailable], [true, fake.appId, false]);
  assert.ok(!JSON.stringify(status).includes(fake.secret));
  run.studio.db.pragma('wal_checkpoint(TRUNCATE)');
  for (const file of fs.readdirSync(run.dataDir).filter((f) => f.startsWith(DB_FILE))) {
    assert.ok(
      !fs.readFileSync(path.join(run.dataDir, file)).includes(fake.secret),
      `${file} holds no AppSecret in clear`,
    );
  }
});

test('products in: 规格, prices in fen, stock, pictures; a product matched by its code is linked, not doubled', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const picture = makePicture('testsrc=size=64x64', 'png-bytes');
  RICE.head_imgs = [fake.picture('rice.png', picture)];
  fake.addProduct(RICE);
  fake.addProduct(TEA);
  const local = await host.call('catalog.create', {
    input: { title: '白茶（旧）', priceFen: 9900, stock: 3, sku: 'TEA-1', sellingPoints: '口感清甜' },
  });

  const outcome = await run.studio.shop.sync('products');
  assert.deepEqual(outcome, { ok: true, counts: { products: 2, created: 1, updated: 1, unchanged: 0, skipped: 0 } });
  const rice = run.studio.shop.shopProducts.linked(RICE.product_id)!;
  assert.deepEqual(
    rice.skus.map((s) => [s.spec, s.priceFen, s.stock, s.code]),
    [
      ['5kg', 3990, 40, 'RICE-5'],
      ['10kg', 6990, 12, 'RICE-10'],
    ],
  );
  assert.ok(rice.imageId && run.studio.catalog.images.exists(rice.imageId), 'the picture came with it');
  const tea = run.studio.catalog.get(local.id);
  assert.deepEqual(
    [tea.title, tea.priceFen, tea.stock, tea.shopProductId, tea.sellingPoints],
    ['福鼎白茶 100g', 8800, 7, TEA.product_id, '口感清甜'],
    'what the shop owns is refreshed; the selling points are the studio’s own',
  );
  assert.equal(run.studio.catalog.store.count('all'), 2);

  const again = await run.studio.shop.sync('products');
  assert.deepEqual(again.counts, { products: 2, created: 0, updated: 0, unchanged: 2, skipped: 0 });
});

test('orders in across 7-day windows and pages; amounts as the shop computed them; a second sync changes nothing', async () => {
  const rice5 = RICE.skus[0]!;
  const tea = TEA.skus[0]!;
  const start = nowS() - 20 * DAY;
  for (let i = 0; i < 230; i++) {
    // 120 in the first two hours (a window of more than 100 orders: pages), the rest over 20 days.
    const at = i < 120 ? start + i * 60 : start + Math.floor((i * 20 * DAY) / 230);
    const lines = i % 3 === 0 ? [{ product: TEA, sku: tea, count: 1 }] : [{ product: RICE, sku: rice5, count: 2 }];
    fake.addOrder(
      fakeOrder(`37046123545597${String(i).padStart(5, '0')}`, at, lines, {
        freight: i % 2 ? 800 : 0,
        discount: i % 5 === 0 ? 300 : 0,
      }),
    );
  }
  const outcome = await run.studio.shop.sync('orders', { since: start - DAY });
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  assert.equal(outcome.counts.created, 230);
  const lists = fake.callsTo('/channels/ec/order/list/get').filter((c) => c.errcode === 0);
  const windows = new Set(lists.map((c) => JSON.stringify(c.body.update_time_range)));
  assert.ok(windows.size >= 3, `${windows.size} windows`);
  for (const w of windows) {
    const { start_time, end_time } = JSON.parse(w) as { start_time: number; end_time: number };
    assert.ok(end_time - start_time <= 7 * DAY);
  }
  assert.ok(
    lists.some((c) => c.body.next_key),
    'a window of more than 100 orders was paged',
  );

  const one = run.studio.orders.store.getByNo('3704612354559700005')!;
  assert.deepEqual(
    [one.platform, one.platformStatus, one.status, one.subtotalFen, one.discountFen, one.freightFen, one.paidFen],
    ['wxshop', '20', 'paid', 7980, 300, 800, 8480],
  );
  assert.deepEqual(
    one.lines.map((l) => [l.title, l.spec, l.sku, l.quantity, l.unitPriceFen]),
    [['五常大米', '5kg', 'RICE-5', 2, 3990]],
  );
  assert.equal(one.buyer, '陈*', 'the buyer as the shop masks it');
  const rice = run.studio.shop.shopProducts.linked(RICE.product_id)!;
  assert.equal(rice.skus[0]!.stock, 40, 'stock is the shop’s: its orders took it there, not here');

  const versions = run.studio.db.prepare('SELECT sum(version) AS v, count(*) AS n FROM orders').get();
  const second = await run.studio.shop.sync('orders', { since: start - DAY });
  assert.deepEqual([second.counts.created, second.counts.updated, second.counts.unchanged], [0, 0, 230]);
  assert.deepEqual(run.studio.db.prepare('SELECT sum(version) AS v, count(*) AS n FROM orders').get(), versions);
});

test('an order naming a SKU the shop has since deleted still comes in, under a product found by title and 规格', async () => {
  const gone = {
    ...RICE.skus[1]!,
    sku_id: '1573389999',
    sku_code: 'RICE-OLD',
    sku_attrs: [{ attr_key: '重量', attr_value: '25kg' }],
  };
  fake.addOrder(fakeOrder('3704612354559799999', nowS(), [{ product: RICE, sku: gone, count: 1 }]));
  const outcome = await run.studio.shop.sync('orders');
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  const order = run.studio.orders.store.getByNo('3704612354559799999')!;
  assert.deepEqual(
    order.lines.map((l) => [l.title, l.spec]),
    [['五常大米', '25kg']],
  );
  const product = run.studio.catalog.get(order.lines[0]!.productId);
  assert.ok(
    product.skus.some((s) => s.spec === '25kg' && s.stock === 0),
    'the 规格 added to the library, stock 0',
  );
});

test('a token that expires mid-sync is fetched again and the run goes on; a status change comes in with its history', async () => {
  const id = '3704612354559700001';
  fake.updateOrder(id, (o) => {
    o.status = 30;
    o.order_detail.delivery_info.delivery_product_info.push({
      waybill_id: 'SF1234567890',
      delivery_id: 'SF',
      delivery_time: nowS(),
      deliver_type: 1,
      product_infos: [],
    });
  });
  let expired = false;
  fake.onCall = (p) => {
    if (p === '/channels/ec/order/get' && !expired) {
      expired = true;
      fake.expireTokens();
    }
  };
  const outcome = await run.studio.shop.sync('orders');
  fake.onCall = null;
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  assert.ok(
    fake.calls.some((c) => c.errcode === 42001),
    'the shop did refuse the expired token',
  );
  const order = run.studio.orders.store.getByNo(id)!;
  assert.deepEqual([order.status, order.platformStatus, order.trackingNo], ['shipped', '30', 'SF1234567890']);
  const history = run.studio.orders.store.history(order.id);
  assert.deepEqual(history.at(-1), {
    at: history.at(-1)!.at,
    from: 'paid',
    to: 'shipped',
    role: 'shop',
    deviceName: null,
    client: 'wxshop',
    note: '30',
  });
});

test('a later sync brings a changed price (改价 before payment) and a changed address, the discount spread again', async () => {
  const id = '3704612354559799001';
  const at = nowS() - 3600;
  fake.addOrder(
    fakeOrder(
      id,
      at,
      [
        { product: RICE, sku: RICE.skus[0]!, count: 2 },
        { product: TEA, sku: TEA.skus[0]!, count: 1 },
      ],
      {
        status: 10,
        freight: 800,
      },
    ),
  );
  assert.equal((await run.studio.shop.sync('orders', { since: at - DAY })).ok, true);
  const before = run.studio.orders.store.getByNo(id)!;
  assert.deepEqual([before.status, before.paidFen, before.discountFen], ['pending', 7980 + 8800 + 800, 0]);

  // The seller lowers the goods by 5.00 and waives the freight (order_price = original − change_down_price); the
  // buyer's address is changed before shipping.
  fake.updateOrder(id, (o) => {
    const price = o.order_detail.price_info;
    price.change_down_price = 500;
    price.freight = 0;
    price.order_price = 7980 + 8800 - 500;
    o.order_detail.delivery_info.address_info.detail_info = '江南大道**号';
  });
  const outcome = await run.studio.shop.sync('orders', { since: at - DAY });
  assert.equal(outcome.counts.updated, 1);
  const after = run.studio.orders.store.getByNo(id)!;
  assert.deepEqual([after.subtotalFen, after.discountFen, after.freightFen, after.paidFen], [16780, 500, 0, 16280]);
  assert.equal(after.address, '广东省 广州市 海珠区 江南大道**号');
  assert.equal(after.version, before.version + 1);
  assert.equal(
    after.lines.reduce((sum, l) => sum + l.discountFen, 0),
    500,
    'the lines carry the whole discount, so the report splits it right',
  );
  const again = await run.studio.shop.sync('orders', { since: at - DAY });
  assert.equal(again.counts.updated, 0, 'nothing new: nothing moves');
});

test('during a live show, an order placed on the shop reaches the log and the show report by the poll', async () => {
  const rice = run.studio.shop.shopProducts.linked(RICE.product_id)!;
  const show = await host.call('live.createSession', { input: { title: '秋季大米专场' } });
  await host.call('live.bagAdd', { sessionId: show.id, productId: rice.id });
  await host.call('live.goLive', { id: show.id });
  const segment = await host.call('live.explain', { sessionId: show.id, productId: rice.id });
  const id = '3704999999999999001';
  fake.addOrder(fakeOrder(id, nowS(), [{ product: RICE, sku: RICE.skus[1]!, count: 1 }]));
  await host.until(
    () => host.events.some((e) => e.name === 'orders.changed' && (e.data as { order: Order }).order.orderNo === id),
    30_000,
  );
  const order = run.studio.orders.store.getByNo(id)!;
  assert.equal(order.sessionId, show.id, 'placed while the show was live: the show’s');
  assert.equal(order.lines[0]!.linkNo, 1, 'the link number its product had in the bag');
  const report = await host.call('orders.report', { sessionId: show.id });
  assert.equal(report.totals.orders, 1);
  assert.equal(report.products[0]!.productId, rice.id);
  assert.deepEqual(
    report.explanations,
    [{ segmentId: segment.id, orders: 1, units: 1, paidFen: 6990 }],
    'placed while 1号 was being explained: that explanation sold it',
  );
  await host.call('live.end', { id: show.id });
});

test('shipping one shop order tells the shop first: the carrier from its list, then the log', async () => {
  const id = '3704612354559700002';
  const order = run.studio.orders.store.getByNo(id)!;
  assert.equal(order.status, 'paid');
  const unknown = await refusal(
    host.call('orders.setStatus', {
      id: order.id,
      to: 'shipped',
      shipment: { carrier: '火星快递', trackingNo: 'MX12345678' },
    }),
  );
  assert.equal(unknown.code, 'ship_carrier_unknown');
  assert.equal(fake.callsTo('/channels/ec/order/delivery/send').length, 0, 'nothing sent');
  const shipped = await host.call('orders.setStatus', {
    id: order.id,
    to: 'shipped',
    shipment: { carrier: '顺丰', trackingNo: 'SF9988776655' },
  });
  assert.deepEqual([shipped.status, shipped.carrier, shipped.trackingNo], ['shipped', '顺丰速运', 'SF9988776655']);
  const there = fake.orders.get(id)!;
  assert.equal(there.status, 30);
  assert.deepEqual(
    there.order_detail.delivery_info.delivery_product_info.map((d) => [d.delivery_id, d.waybill_id, d.product_infos]),
    [['SF', 'SF9988776655', [{ product_id: RICE.product_id, sku_id: RICE.skus[0]!.sku_id, product_cnt: 2 }]]],
  );
  // The next sync brings the shipped order back, its carrier named by the shop's id (SF): the log keeps the name.
  await run.studio.shop.sync('orders');
  const synced = run.studio.orders.store.getByNo(id)!;
  assert.deepEqual([synced.status, synced.carrier, synced.trackingNo], ['shipped', '顺丰速运', 'SF9988776655']);
  const cancel = await refusal(host.call('orders.setStatus', { id: order.id, to: 'completed' }));
  assert.equal(cancel.code, 'order_platform_owned', 'the shop owns its orders’ course');
});

test('batch shipping: all-or-nothing in the file, then the shop’s answer per order; a retry sends nothing twice', async () => {
  const ids = ['3704612354559700004', '3704612354559700007', '3704612354559700008'];
  const csv = (carrier: string) =>
    [
      '订单号,快递公司,快递单号',
      `${ids[0]},中通,ZT100000001`,
      `${ids[1]},${carrier},YT100000002`,
      `${ids[2]},SF,SF100000003`,
      '3704612354559700010,,',
    ].join('\r\n');
  const shipFile = async (text: string) => {
    const uploadId = await host.upload('csv', 'ship.csv', Buffer.from(text));
    return host.jobFinished((await host.call('orders.shipFile', { uploadId })).jobId);
  };
  const bad = await shipFile(csv('火星快递'));
  assert.equal(bad.state, 'failed');
  assert.deepEqual(
    (bad.error as { issues: Array<{ line: number; code: string }> }).issues.map((i) => [i.line, i.code]),
    [[3, 'ship_carrier_unknown']],
  );
  assert.equal(
    fake.callsTo('/channels/ec/order/delivery/send').filter((c) => ids.includes(String(c.body.order_id))).length,
    0,
  );

  fake.sendRefusals.set(ids[2]!, { errcode: 108009, errmsg: '当前订单有未完成售后单，不允许发货' });
  const job = await shipFile(csv('圆通'));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual([job.summary?.shipped, job.summary?.skipped, job.summary?.failed], [2, 1, 1]);
  assert.deepEqual(
    job.warnings.map((w) => [w.line, w.code, w.params?.errcode]),
    [[4, 'shop_refused', 108009]],
  );
  assert.equal(run.studio.orders.store.getByNo(ids[2]!)!.status, 'paid', 'refused: still to ship');
  assert.equal(run.studio.orders.store.getByNo(ids[1]!)!.carrier, '圆通速递');

  fake.sendRefusals.delete(ids[2]!);
  const retry = await shipFile(csv('圆通'));
  assert.deepEqual([retry.summary?.shipped, retry.summary?.skipped, retry.summary?.failed], [1, 3, 0]);
  const sends = fake.callsTo('/channels/ec/order/delivery/send').filter((c) => c.errcode === 0);
  for (const id of ids) assert.equal(sends.filter((c) => String(c.body.order_id) === id).length, 1, `${id} sent once`);
});

test('a shipment whose answer never came (a crash) is looked up in the shop, not sent again', async () => {
  const id = '3704612354559700011';
  const order = run.studio.orders.store.getByNo(id)!;
  // As a crash between the send and its answer leaves it: the shop has the shipment, the studio only "sending".
  fake.updateOrder(id, (o) => {
    o.status = 30;
    o.order_detail.delivery_info.delivery_product_info.push({
      waybill_id: 'JT5550001',
      delivery_id: 'JTSD',
      delivery_time: nowS(),
      deliver_type: 1,
      product_infos: [],
    });
  });
  run.studio.db
    .prepare(
      `INSERT INTO shop_shipments (order_id, delivery_id, waybill_id, state, updated_at) VALUES (?, 'JTSD', 'JT5550001', 'sending', 1)`,
    )
    .run(order.id);
  const before = fake.callsTo('/channels/ec/order/delivery/send').length;
  const shipped = await host.call('orders.setStatus', {
    id: order.id,
    to: 'shipped',
    shipment: { carrier: '极兔', trackingNo: 'JT5550001' },
  });
  assert.equal(shipped.status, 'shipped');
  assert.equal(fake.callsTo('/channels/ec/order/delivery/send').length, before, 'not sent a second time');
});

test('the same order from the shop’s API and from its export file is one order, as the API has it', async () => {
  const id = '3704612354559700020';
  const before = run.studio.orders.store.getByNo(id)!;
  const csv = [
    '订单号,订单状态,商品名称,商品规格,商品编码,商品数量,订单实际收款金额',
    `${id},已完成,五常大米,5kg,RICE-5,2,79.80`,
  ].join('\r\n');
  const uploadId = await host.upload('csv', 'wx.csv', Buffer.from(csv));
  const job = await host.jobFinished((await host.call('orders.importFile', { uploadId })).jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual([job.summary?.created, job.summary?.unchanged], [0, 1]);
  const after = run.studio.orders.store.getByNo(id)!;
  assert.deepEqual([after.id, after.version, after.platformStatus], [before.id, before.version, before.platformStatus]);
  const copies = run.studio.db.prepare('SELECT count(*) AS n FROM orders WHERE order_no = ?').get(id) as { n: number };
  assert.equal(copies.n, 1);
});
