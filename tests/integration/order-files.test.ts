// Platform order files as the platforms' tools and Excel write them, made here by a real spreadsheet writer
// (exceljs for .xlsx) and real encoders (UTF-8 with and without a BOM, GB18030, UTF-16): read into the log as
// orders with their lines, every problem named by the row a spreadsheet shows, and the same order from the shop's
// API and from a file one order.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Job } from '../../electron/core/protocol/contract.ts';
import { TestClient } from '../support/ws-client.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';
import { livecart } from '../support/cli.ts';
import { gb18030 } from '../support/encodings.ts';

let run: Running;
let client: TestClient;

before(async () => {
  run = await runStudio();
  client = await TestClient.connect(run.host.port, run.host.token);
});
after(async () => {
  client.close();
  await run.stop();
});

async function importFile(bytes: Buffer, name = 'orders.csv'): Promise<Job> {
  const uploadId = await client.upload('csv', name, bytes);
  return client.jobFinished((await client.call('orders.importFile', { uploadId })).jobId);
}

const issuesOf = (job: Job) =>
  (job.error as { issues: Array<{ line: number; path: string; code: string }> }).issues.map(
    (i) => `${i.line}:${i.path}:${i.code}`,
  );

const WX_HEADER = [
  '订单号',
  '订单下单时间',
  '支付时间',
  '订单状态',
  '商品名称',
  '商品规格',
  '商品编码',
  '商品数量',
  '商品单价',
  '运费',
  '订单实际收款金额',
  '收件人',
  '收件人手机',
  '收件人地址',
];

/** An .xlsx as 微信小店's export looks: a title row, the header, order ids as text, amounts as numbers. */
async function wxXlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('订单');
  sheet.addRow(['微信小店订单导出 2026-12-01 至 2026-12-02']);
  sheet.addRow(WX_HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('a 微信小店 export as .xlsx: the header under a title row, lines merged into orders, products found or made', async () => {
  await client.call('catalog.create', {
    input: {
      title: '五常大米',
      skus: [
        { spec: '5kg', priceFen: 3990, stock: 10, code: 'RICE-5' },
        { spec: '10kg', priceFen: 6990, stock: 5, code: 'RICE-10' },
      ],
    },
  });
  const bytes = await wxXlsx([
    [
      '3704612354559743232',
      '2026-12-01 20:01:02',
      '2026-12-01 20:01:30',
      '待发货',
      '五常大米',
      '5kg',
      'RICE-5',
      2,
      39.9,
      0,
      129.7,
      '陈*',
      '138****5941',
      '广东省广州市海珠区',
    ],
    [
      '3704612354559743232',
      '2026-12-01 20:01:02',
      '2026-12-01 20:01:30',
      '待发货',
      '五常大米',
      '10kg',
      'RICE-10',
      1,
      69.9,
      0,
      129.7,
      '陈*',
      '138****5941',
      '广东省广州市海珠区',
    ],
    ['3704612354559743299', '2026-12-01 21:00:00', '-', '待付款', '手工红糖', '-', '-', 1, 25, 5, 30, '李*', '-', '-'],
  ]);
  const job = await importFile(bytes, 'orders.xlsx');
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual(
    [job.summary?.orders, job.summary?.created, job.summary?.products, job.summary?.format, job.summary?.platform],
    [2, 2, 1, 'xlsx', 'wxshop'],
  );
  const rice = run.studio.orders.store.getByNo('3704612354559743232')!;
  assert.deepEqual(
    [rice.platform, rice.platformStatus, rice.status, rice.subtotalFen, rice.discountFen, rice.paidFen, rice.units],
    ['wxshop', '待发货', 'paid', 14970, 2000, 12970, 3],
  );
  assert.deepEqual(
    rice.lines.map((l) => [l.spec, l.sku, l.quantity]),
    [
      ['5kg', 'RICE-5', 2],
      ['10kg', 'RICE-10', 1],
    ],
  );
  const sugar = run.studio.orders.store.getByNo('3704612354559743299')!;
  assert.deepEqual([sugar.status, sugar.freightFen, sugar.paidFen, sugar.phone], ['pending', 500, 3000, '']);
  assert.deepEqual(
    run.studio.catalog.store.getBySku('RICE-5')!.skus.map((s) => s.stock),
    [10, 5],
    'the platform took the stock, not the studio',
  );

  const again = await importFile(bytes, 'orders.xlsx');
  assert.deepEqual([again.summary?.created, again.summary?.unchanged], [0, 2], 'the same file twice: the same orders');
});

test('抖店 CSV in every encoding sellers meet: UTF-8 (BOM or not), GB18030, UTF-16; ids with tabs and quotes', async () => {
  const text = (id: string) =>
    [
      '主订单编号,子订单编号,选购商品,商品规格,商品数量,商家编码,订单应付金额,运费,收件人,订单状态,订单提交时间',
      `"\t${id}","\t${id}1",蜂蜜,500g,1,HONEY-D,45.00,0,王*,已发货,2026-11-30 19:00:00`,
      `'${id},'${id}2,蜂蜜,1kg,1,,80.00,0,王*,已发货,2026-11-30 19:00:00`,
    ].join('\r\n');
  const encodings: Array<[string, (t: string) => Buffer]> = [
    ['utf-8', (t) => Buffer.from(t)],
    ['utf-8-bom', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])],
    ['gbk', (t) => gb18030(t)],
    ['utf-16le', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t.replaceAll(',', '\t'), 'utf16le')])],
  ];
  for (const [i, [encoding, encode]] of encodings.entries()) {
    const id = `69179267688236437${i}0`;
    const job = await importFile(encode(text(id)));
    assert.equal(job.state, 'done', `${encoding}: ${JSON.stringify(job.error)}`);
    assert.equal(job.summary?.format, encoding);
    const order = run.studio.orders.store.getByNo(id)!;
    assert.deepEqual(
      [order.platform, order.status, order.paidFen, order.lines.length, order.buyer],
      ['douyin', 'shipped', 12500, 2, '王*'],
      encoding,
    );
  }
});

test('every problem by the row a spreadsheet shows; an id Excel turned into 3.70461E+18 refused with why', async () => {
  const before = run.studio.db.prepare('SELECT count(*) AS n FROM orders').get();
  const csv = [
    '订单号,订单状态,商品名称,商品数量,订单实际收款金额,收件人地址',
    '3704612354559700001,待发货,"大米',
    '一袋",1,39.90,"广东省',
    '广州市"',
    '',
    '3.70461E+18,待发货,大米,1,39.90,-',
    '3704612354559700003,不知道,大米,x,abc,-',
  ].join('\r\n');
  const job = await importFile(Buffer.from(csv));
  assert.equal(job.state, 'failed');
  assert.deepEqual(issuesOf(job), [
    '4:订单号:order_file_id_mangled',
    '5:商品数量:order_file_quantity_invalid',
    '5:订单实际收款金额:price_invalid',
    '5:订单状态:order_file_status_unknown',
  ]);
  assert.deepEqual(run.studio.db.prepare('SELECT count(*) AS n FROM orders').get(), before, 'nothing imported');

  const missing = await importFile(Buffer.from('订单号,商品名称,商品数量,收件人\r\n1,大米,1,王\r\n'));
  assert.deepEqual(issuesOf(missing), ['1:订单实际收款金额:csv_missing_column']);
  const none = await importFile(Buffer.from('随便,什么\r\n1,2\r\n'));
  assert.deepEqual(issuesOf(none), ['undefined::order_file_no_header']);
});

test('`livecart orders import FILE` takes an .xlsx, says each problem by its row, and imports all or nothing', async () => {
  const dir = tempDir();
  const bad = path.join(dir, 'bad.xlsx');
  fs.writeFileSync(
    bad,
    await wxXlsx([
      ['3704612354559800001', '2026-12-01 20:01:02', '-', '待发货', '山茶油', '-', '-', 1, 59, 0, 59, '周*', '-', '-'],
      [3.7046123545598e18, '2026-12-01 20:01:02', '-', '待发货', '山茶油', '-', '-', 1, 59, 0, 59, '周*', '-', '-'],
    ]),
  );
  const dataDir = path.join(dir, 'data');
  const refused = livecart(['orders', 'import', bad, '--data-dir', dataDir]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /row 4 · 订单号 · The order number "3\.70461E\+18" was turned into scientific notation/);
  const good = path.join(dir, 'good.xlsx');
  fs.writeFileSync(
    good,
    await wxXlsx([
      ['3704612354559800001', '2026-12-01 20:01:02', '-', '待发货', '山茶油', '-', '-', 1, 59, 0, 59, '周*', '-', '-'],
    ]),
  );
  const ok = livecart(['orders', 'import', good, '--data-dir', dataDir], 'zh-CN');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /1 个订单：新增 1/);
});

test('a platform order the studio cannot send (no shop connected, or 抖店) ships from the log here', async () => {
  const pending = run.studio.orders.store.getByNo('3704612354559743232')!;
  assert.deepEqual([pending.platform, pending.status], ['wxshop', 'paid']);
  const done = await client.call('orders.setStatus', {
    id: pending.id,
    to: 'shipped',
    shipment: { carrier: '顺丰', trackingNo: 'SF7000002' },
  });
  assert.deepEqual(
    [done.status, done.trackingNo],
    ['shipped', 'SF7000002'],
    'recorded here; the seller ships it there',
  );
  const refund = client.call('orders.setStatus', { id: pending.id, to: 'completed' });
  await assert.rejects(refund, /platform/, 'its other steps are the platform’s');
});
