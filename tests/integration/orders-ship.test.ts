// 批量发货 through the real protocol and the real `livecart` process: UTF-8 and GBK files, a filled-in export,
// and a bad file that changes nothing and names every problem by the row a spreadsheet shows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Job, Order } from '../../electron/core/protocol/contract.ts';
import { TestClient } from '../support/ws-client.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';
import { livecart as runCli } from '../support/cli.ts';
import { gb18030 } from '../support/encodings.ts';

let run: Running;
let client: TestClient;
let buyers = 0;

function livecart(args: string[], lang: 'zh-CN' | 'en' = 'en') {
  return runCli([...args, '--data-dir', run.dataDir], lang);
}

/** A new order; `lines` products 1..n of the live bag, one unit each. */
async function newOrder(paid: boolean, lines = 1, address = '杭州市西湖区'): Promise<Order> {
  const input = {
    lines: Array.from({ length: lines }, (_, i) => ({ linkNo: i + 1, quantity: 1 })),
    buyer: `买家${++buyers}`,
    address,
    paid,
  };
  return client.call('orders.create', { input });
}

before(async () => {
  run = await runStudio();
  client = await TestClient.connect(run.host.port, run.host.token);
  await client.call('studio.hello', { client: 'desktop' });
  const show = await client.call('live.createSession', { input: { title: '发货专场' } });
  for (const [title, priceFen] of [
    ['东北大米 5kg', 5990],
    ['野生蜂蜜', 3900],
  ] as const) {
    const product = await client.call('catalog.create', { input: { title, priceFen, stock: 1000 } });
    await client.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  }
  await client.call('live.goLive', { id: show.id });
});
after(async () => {
  client.close();
  await run.stop();
});

const finished = (jobId: string): Promise<Job> => client.jobFinished(jobId);

async function ship(bytes: Buffer): Promise<Job> {
  const { jobId } = await client.call('orders.shipFile', { uploadId: await client.upload('csv', 'ship.csv', bytes) });
  return finished(jobId);
}

const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);

/** Every order as it stands, with its history length: what "nothing changed" compares. */
async function snapshot() {
  const { items } = await client.call('orders.list', { limit: 500 });
  const histories = await Promise.all(items.map((o) => client.call('orders.get', { id: o.id })));
  return items.map((o, i) => ({ o, history: histories[i]!.history.length }));
}

test('a bad file changes nothing; the job and the CLI name every problem by its spreadsheet row', async () => {
  const [a, b, c, pending] = [await newOrder(true), await newOrder(true), await newOrder(true), await newOrder(false)];
  const file = utf8Bom(
    [
      '订单号,备注,快递公司,快递单号',
      `${a.orderNo},"两行\r\n备注",顺丰,SF001`, // row 2 on lines 2–3: the quoted note spans a line break
      '999999-999,,顺丰,SF002',
      `${pending.orderNo},,顺丰,SF003`,
      `${b.orderNo},,顺丰,`,
      '',
      `${c.orderNo},,中通,ZT1`,
      `${c.orderNo},,中通,ZT2`,
      `${a.orderNo},,顺丰,SF001`, // another row of order a with the same shipment (as an export's order lines are)
      `${b.orderNo},,顺丰,`, // row 5 pasted twice: a duplicate row
      '',
    ].join('\r\n'),
  );
  const before = await snapshot();
  const job = await ship(file);
  assert.equal(job.state, 'failed');
  const error = job.error as {
    code: string;
    issues: Array<{ line: number; path: string; code: string; params?: object }>;
  };
  assert.equal(error.code, 'import_invalid');
  assert.deepEqual(
    error.issues.map((i) => `${i.line}:${i.path}:${i.code}`),
    [
      '3:订单号:ship_unknown_order',
      '4:订单号:ship_not_paid',
      '5:快递单号:ship_tracking_empty',
      '8:订单号:ship_duplicate',
      '10:订单号:ship_duplicate',
    ],
  );
  assert.deepEqual(error.issues[4]!.params, { first: 5, orderNo: b.orderNo });
  assert.deepEqual(error.issues[3]!.params, { first: 7, orderNo: c.orderNo });
  assert.deepEqual(await snapshot(), before, 'every order, version and history as it was');

  const badFile = path.join(tempDir(), 'bad.csv');
  fs.writeFileSync(badFile, file);
  const en = livecart(['orders', 'ship', badFile]);
  assert.equal(en.code, 1, en.stdout);
  assert.match(en.stderr, /The shipping file has 5 problem\(s\); no order was changed/);
  assert.match(en.stderr, /row 3 · 订单号 · No order 999999-999/);
  assert.match(en.stderr, new RegExp(`row 4 · 订单号 · Order ${pending.orderNo} is Pending payment`));
  assert.match(en.stderr, /row 5 · 快递单号 · The tracking number is empty/);
  assert.match(en.stderr, new RegExp(`row 8 · 订单号 · Order ${c.orderNo} already appears on row 7`));
  const zh = livecart(['orders', 'ship', badFile], 'zh-CN');
  assert.equal(zh.code, 1);
  assert.match(zh.stderr, /发货文件有 5 处错误，没有任何订单被改动/);
  assert.match(zh.stderr, /第 4 行 · 订单号 · 订单 \S+ 的状态是“待付款”/);
  assert.deepEqual(await snapshot(), before);

  const missing = await ship(utf8Bom('订单号,快递单号\r\nX,1\r\n'));
  assert.deepEqual((missing.error as { issues: unknown[] }).issues, [
    { path: '快递公司', code: 'csv_missing_column', line: 1, params: { column: '快递公司' } },
  ]);
  const broken = await ship(Buffer.from('order_no,carrier,tracking_no\r\n"X,SF,1\r\n'));
  assert.deepEqual((broken.error as { issues: unknown[] }).issues, [{ path: '', code: 'csv_unclosed_quote', line: 2 }]);
});

test('a filled-in export (every column, an order per line, a multi-line address) ships every order in one go', async () => {
  await newOrder(true, 2, '上海市"幸福"小区,3号楼\n2单元');
  await newOrder(true, 1);
  const { jobId } = await client.call('orders.exportFile', { filter: { status: 'paid' }, locale: 'zh-CN' });
  assert.equal((await finished(jobId)).state, 'done');
  const exported = Buffer.from((await client.call('jobs.result', { id: jobId })).dataBase64, 'base64');
  const rows = parse(exported, { bom: true }) as string[][];
  const [header, ...lines] = rows;
  const tracking = new Map<string, string>();
  const [carrierAt, trackingAt] = [header!.indexOf('快递公司'), header!.indexOf('快递单号')];
  for (const line of lines) {
    if (!tracking.has(line[0]!)) tracking.set(line[0]!, `SF${1000 + tracking.size}`);
    line[carrierAt] = '顺丰速运';
    line[trackingAt] = tracking.get(line[0]!)!;
  }
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const filled = utf8Bom([header!, ...lines].map((r) => r.map(quote).join(',')).join('\r\n'));
  const paidBefore = (await client.call('orders.list', { filter: { status: 'paid' }, limit: 500 })).items;
  assert.ok(paidBefore.some((o) => o.lines.length === 2));

  const bulk = client.events.length;
  const job = await ship(filled);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.shipped, tracking.size);
  assert.equal(job.summary?.encoding, 'utf-8-bom');
  assert.equal(tracking.size, paidBefore.length);
  assert.ok(job.warnings.some((w) => w.code === 'csv_unknown_column' && w.path === '买家'));
  assert.ok(client.events.slice(bulk).some((e) => e.name === 'orders.bulkChanged'));
  for (const was of paidBefore) {
    const { order, history } = await client.call('orders.get', { id: was.id });
    assert.deepEqual(
      [order.status, order.carrier, order.trackingNo],
      ['shipped', '顺丰速运', tracking.get(was.orderNo)],
    );
    assert.equal(order.version, was.version + 1);
    const last = history.at(-1)!;
    assert.deepEqual([last.from, last.to, last.client], ['paid', 'shipped', 'desktop']);
    assert.equal(last.note, `顺丰速运 ${tracking.get(was.orderNo)}`);
  }
});

test('the whole order export, tracking numbers filled in for some: those ship, the others are left alone', async () => {
  const [first, second, unpaid] = [await newOrder(true), await newOrder(true), await newOrder(false)];
  const { jobId } = await client.call('orders.exportFile', { filter: {}, locale: 'zh-CN' });
  assert.equal((await finished(jobId)).state, 'done');
  const exported = Buffer.from((await client.call('jobs.result', { id: jobId })).dataBase64, 'base64');
  const [header, ...lines] = parse(exported, { bom: true }) as string[][];
  const [carrierAt, trackingAt] = [header!.indexOf('快递公司'), header!.indexOf('快递单号')];
  const row = lines.find((l) => l[0] === first.orderNo)!;
  row[carrierAt] = '中通快递';
  row[trackingAt] = 'ZT5000001';
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const job = await ship(utf8Bom([header!, ...lines].map((r) => r.map(quote).join(',')).join('\r\n')));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.shipped, 1);
  assert.equal(job.summary?.skipped, lines.length - 1, 'every other row: nothing filled in, or shipped before');
  const status = async (o: Order) => (await client.call('orders.get', { id: o.id })).order.status;
  assert.deepEqual([await status(first), await status(second), await status(unpaid)], ['shipped', 'paid', 'pending']);
});

test('a GBK file from Excel on Chinese Windows ships too', async () => {
  assert.deepEqual([...gb18030('顺丰')], [0xcb, 0xb3, 0xb7, 0xe1]);
  const [a, b] = [await newOrder(true), await newOrder(true)];
  const bytes = gb18030(
    `订单号,快递公司,快递单号\r\n${a.orderNo},顺丰,SF2001\r\n${b.orderNo},中通快递,75312345678901\r\n`,
  );
  assert.equal(new TextDecoder('gb18030').decode(bytes).split('\r\n')[1], `${a.orderNo},顺丰,SF2001`);
  const job = await ship(bytes);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.encoding, 'gbk');
  assert.equal(job.summary?.shipped, 2);
  const got = await Promise.all([a, b].map(async (o) => (await client.call('orders.get', { id: o.id })).order));
  assert.deepEqual(
    got.map((o) => [o.status, o.carrier, o.trackingNo]),
    [
      ['shipped', '顺丰', 'SF2001'],
      ['shipped', '中通快递', '75312345678901'],
    ],
  );
});

test('`livecart orders ship GOOD.csv` marks them shipped (English header, any case, no BOM) and exits 0', async () => {
  const [a, b] = [await newOrder(true), await newOrder(true)];
  const file = path.join(tempDir(), 'good.csv');
  // Defused cells (as the export writes them) read back without the apostrophe.
  fs.writeFileSync(file, `Tracking_No,ORDER_NO,Carrier\n YT9001 ,${a.orderNo},圆通\n'-9002,${b.orderNo},'=韵达\n`);
  const r = livecart(['orders', 'ship', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^2 orders shipped$/m);
  const again = livecart(['orders', 'ship', file], 'zh-CN');
  assert.equal(again.code, 0, 'the same file again: shipped with these very shipments, left alone');
  assert.match(again.stdout, /2 行未填写快递或已发货，保持不变/);
  const other = path.join(tempDir(), 'other.csv');
  fs.writeFileSync(other, `order_no,carrier,tracking_no\n${a.orderNo},圆通,YT7777\n`);
  const zh = livecart(['orders', 'ship', other], 'zh-CN');
  assert.equal(zh.code, 1, 'another shipment for a shipped order');
  assert.match(zh.stderr, /状态是“已发货”/);
  for (const [o, carrier, trackingNo] of [
    [a, '圆通', 'YT9001'],
    [b, '=韵达', '-9002'],
  ] as const) {
    const { order, history } = await client.call('orders.get', { id: o.id });
    assert.deepEqual([order.status, order.carrier, order.trackingNo], ['shipped', carrier, trackingNo]);
    assert.deepEqual([history.at(-1)!.role, history.at(-1)!.client], ['host', 'cli']);
  }
});
