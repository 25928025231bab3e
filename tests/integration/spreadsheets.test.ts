// Excel everywhere a seller meets a spreadsheet, through the real protocol and the real `livecart` process:
// workbooks written by a real spreadsheet writer (exceljs) import as products and as shipments, every export can
// be an .xlsx with typed cells, and the order export round-trips through batch shipping.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { formatLocalTime } from '../../electron/core/csv/table.ts';
import { exportOrders } from '../../electron/core/orders/order-export.ts';
import type { Job, Order } from '../../electron/core/protocol/contract.ts';
import { livecart as runCli } from '../support/cli.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';

let run: Running;
let client: TestClient;
let sessionId: number;
let buyers = 0;

before(async () => {
  run = await runStudio();
  client = await TestClient.connect(run.host.port, run.host.token);
  await client.call('studio.hello', { client: 'desktop' });
  const show = await client.call('live.createSession', { input: { title: '表格专场' } });
  sessionId = show.id;
  for (const [title, priceFen, sku] of [
    ['东北大米 5kg', 5990, '00123'],
    ['野生蜂蜜', 3900, 'HONEY-1'],
  ] as const) {
    const product = await client.call('catalog.create', { input: { title, priceFen, stock: 1000, sku } });
    await client.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  }
  await client.call('live.goLive', { id: show.id });
});
after(async () => {
  client.close();
  await run.stop();
});

function livecart(args: string[], lang: 'zh-CN' | 'en' = 'en') {
  return runCli([...args, '--data-dir', run.dataDir], lang);
}

async function newOrder(over: { phone?: string; address?: string; lines?: number } = {}): Promise<Order> {
  const input = {
    lines: Array.from({ length: over.lines ?? 1 }, (_, i) => ({ linkNo: i + 1, quantity: 2 })),
    buyer: `买家${++buyers}`,
    phone: over.phone ?? '',
    address: over.address ?? '杭州市西湖区',
    paid: true,
  };
  return client.call('orders.create', { input });
}

async function upload(method: 'orders.shipFile' | 'catalog.importFile', bytes: Buffer): Promise<Job> {
  const uploadId = await client.upload('csv', 'file.xlsx', bytes);
  const params = method === 'catalog.importFile' ? { uploadId, pictures: [] } : { uploadId };
  const { jobId } = await client.call(method, params as never);
  return client.jobFinished(jobId);
}

async function exported(
  method: 'orders.exportFile' | 'catalog.exportFile',
  format: 'csv' | 'xlsx',
): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const { jobId } = await client.call(method, { locale: 'zh-CN', format });
  const job = await client.jobFinished(jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const file = await client.call('jobs.result', { id: jobId });
  return { fileName: file.fileName, mime: file.mime, bytes: Buffer.from(file.dataBase64, 'base64') };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

async function bytesOf(sheet: ExcelJS.Worksheet): Promise<Buffer> {
  return Buffer.from(await sheet.workbook.xlsx.writeBuffer());
}

/** A sheet's column by its header cell. */
function column(sheet: ExcelJS.Worksheet, header: string): number {
  const cells = sheet.getRow(1).values as unknown[];
  const at = cells.indexOf(header);
  assert.ok(at > 0, `no column ${header}`);
  return at;
}

const count = (sql: string, ...params: unknown[]) => (run.studio.db.prepare(sql).get(...params) as { n: number }).n;
const lineCount = () => count('SELECT count(*) AS n FROM order_lines');

const statusOf = async (o: Order) => (await client.call('orders.get', { id: o.id })).order;

test('the order export as .xlsx: text order numbers, codes and phones, amounts as numbers with two decimals, real times', async () => {
  const landline = await newOrder({ phone: '01012345678', address: '上海市"幸福"小区,3号楼\n2单元', lines: 2 });
  const file = await exported('orders.exportFile', 'xlsx');
  assert.match(file.fileName, /^orders-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(file.mime, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.deepEqual([...file.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip: an Excel workbook');

  const sheet = await workbookOf(file.bytes);
  assert.equal(sheet.name, '订单');
  assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
  assert.deepEqual(sheet.views[0], { ...sheet.views[0], state: 'frozen', ySplit: 1 });
  assert.equal(sheet.actualRowCount - 1, lineCount(), 'a row per order line');

  const rows = sheet.getRows(2, sheet.rowCount - 1)!.filter((r) => r.getCell(1).value === landline.orderNo);
  assert.equal(rows.length, 2, 'one row per order line');
  const [first] = rows;
  const cell = (header: string) => first!.getCell(column(sheet, header));
  assert.equal(cell('订单号').value, landline.orderNo);
  assert.equal(cell('订单号').type, ExcelJS.ValueType.String);
  assert.equal(cell('手机').value, '01012345678', 'a landline keeps its leading 0: a text cell');
  assert.equal(cell('商品编码').value, '00123');
  assert.equal(cell('单价').value, 59.9);
  assert.equal(cell('单价').numFmt, '0.00');
  assert.equal(cell('实付').value, 119.8);
  assert.equal(cell('数量').value, 2);
  assert.equal(cell('收货地址').value, '上海市"幸福"小区,3号楼\n2单元');
  assert.equal(cell('状态').value, '已付款');
  assert.equal(cell('快递单号').numFmt, '@', 'what the seller types there stays text');
  const created = cell('下单时间').value;
  assert.ok(created instanceof Date);
  assert.equal(cell('下单时间').numFmt, 'yyyy-mm-dd hh:mm:ss');
  // Excel's times have no zone: the cell holds the wall-clock time the seller saw.
  const wall = created.toISOString().slice(0, 19).replace('T', ' ');
  assert.equal(wall, formatLocalTime(landline.createdAt));
});

test('the .xlsx export with tracking numbers filled in for some orders ships those and leaves the rest alone', async () => {
  const [ship, stay] = [await newOrder({ lines: 2 }), await newOrder()];
  const sheet = await workbookOf((await exported('orders.exportFile', 'xlsx')).bytes);
  const [carrierAt, trackingAt] = [column(sheet, '快递公司'), column(sheet, '快递单号')];
  let filled = 0;
  sheet.eachRow((row) => {
    if (row.getCell(1).value !== ship.orderNo) return;
    // Typed the way a seller types it: a long tracking number as a number would be mangled, so Excel keeps text.
    row.getCell(carrierAt).value = '中通快递';
    row.getCell(trackingAt).value = '75312345678901';
    filled++;
  });
  assert.equal(filled, 2);
  const job = await upload('orders.shipFile', await bytesOf(sheet));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.shipped, 1);
  assert.equal(job.summary?.encoding, 'xlsx');
  assert.equal(job.summary?.failed, 0);
  const [shipped, left] = [await statusOf(ship), await statusOf(stay)];
  assert.deepEqual([shipped.status, shipped.carrier, shipped.trackingNo], ['shipped', '中通快递', '75312345678901']);
  assert.deepEqual([left.status, left.trackingNo], ['paid', null]);
});

test('a shipping workbook with a problem changes nothing and names the row Excel shows', async () => {
  const order = await newOrder();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('发货');
  sheet.getRow(1).values = ['订单号', '快递公司', '快递单号'];
  sheet.getRow(2).values = [order.orderNo, '顺丰', 'SF9001'];
  // Row 3 left empty, as sellers leave gaps; row 4 names an order that does not exist.
  sheet.getRow(4).values = ['999999-999', '顺丰', 'SF9002'];
  const job = await upload('orders.shipFile', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.equal(job.state, 'failed');
  const issues = (job.error as { issues: Array<{ line: number; code: string }> }).issues;
  assert.deepEqual(
    issues.map((i) => `${i.line}:${i.code}`),
    ['4:ship_unknown_order'],
  );
  assert.equal((await statusOf(order)).status, 'paid');
});

test('products from a workbook: typed numbers, a code with leading zeros, a multi-line cell; errors by sheet row', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('商品');
  sheet.getRow(1).values = ['商品名称', '价格', '划线价', '库存', '商品编码', '卖点'];
  sheet.getRow(2).values = ['高山云雾茶 250g', 128, 168.5, 1200, '000789', '明前采摘\n手工炒制'];
  sheet.getRow(3).values = ['桂花乌龙', { formula: '19.9*2', result: 39.8 }, null, 30, 'TEA-2', null];
  sheet.getRow(5).values = ['坏价格', 'abc', null, 1, 'TEA-3', null];
  const bad = await upload('catalog.importFile', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.equal(bad.state, 'failed');
  assert.deepEqual(
    (bad.error as { issues: Array<{ line: number; path: string; code: string }> }).issues.map(
      (i) => `${i.line}:${i.path}:${i.code}`,
    ),
    ['5:价格:price_invalid'],
  );
  assert.equal(count("SELECT count(*) AS n FROM products WHERE title = '桂花乌龙'"), 0);

  sheet.spliceRows(5, 1);
  const job = await upload('catalog.importFile', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual([job.summary?.created, job.summary?.encoding], [2, 'xlsx']);
  const got = run.studio.db
    .prepare(
      "SELECT title, price_fen, original_price_fen, stock, sku, selling_points FROM products WHERE sku IN ('000789', 'TEA-2') ORDER BY id",
    )
    .all();
  assert.deepEqual(got, [
    {
      title: '高山云雾茶 250g',
      price_fen: 12800,
      original_price_fen: 16850,
      stock: 1200,
      sku: '000789',
      selling_points: '明前采摘\n手工炒制',
    },
    { title: '桂花乌龙', price_fen: 3980, original_price_fen: null, stock: 30, sku: 'TEA-2', selling_points: '' },
  ]);
});

test('the product export as .xlsx imports back unchanged, formula-looking titles included', async () => {
  await client.call('catalog.create', { input: { title: "'=看起来像公式", priceFen: 1, stock: 1 } });
  await client.call('catalog.create', { input: { title: '=SUM(1)', priceFen: 2, stock: 2, sku: '-5' } });
  const file = await exported('catalog.exportFile', 'xlsx');
  assert.match(file.fileName, /^products-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const sheet = await workbookOf(file.bytes);
  const priceAt = column(sheet, '价格');
  const titled = (title: string) =>
    sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((r) => r.getCell(1).value === title || r.getCell(1).value === `'${title}`);
  assert.equal(titled('=SUM(1)')!.getCell(1).value, '=SUM(1)', 'a text cell: Excel never runs it, nothing added');
  assert.equal(titled('=SUM(1)')!.getCell(priceAt).value, 0.02);
  assert.equal(titled('=SUM(1)')!.getCell(priceAt).numFmt, '0.00');
  const versions = run.studio.db.prepare('SELECT id, version FROM products ORDER BY id').all();
  const job = await upload('catalog.importFile', file.bytes);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.created, 0);
  assert.equal(job.summary?.updated, 0);
  assert.deepEqual(run.studio.db.prepare('SELECT id, version FROM products ORDER BY id').all(), versions);
  const titles = run.studio.db.prepare('SELECT title FROM products WHERE price_fen IN (1, 2) ORDER BY id').all();
  assert.deepEqual(titles, [{ title: "'=看起来像公式" }, { title: '=SUM(1)' }]);
});

test('an .xlsx export whose destination fails says so and leaves no file', async () => {
  const out = path.join(tempDir(), 'gone', 'orders.xlsx');
  const progress = Object.assign(() => {}, { yield: () => new Promise<void>((resolve) => setImmediate(resolve)) });
  await assert.rejects(
    exportOrders(run.studio.db.name, { filter: {}, locale: 'zh-CN', format: 'xlsx', out }, progress),
    { code: 'ENOENT' },
  );
  assert.equal(fs.existsSync(out), false);
});

test('an old .xls workbook is refused with what to do', async () => {
  // The OLE compound-file signature Excel 97–2003 writes.
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  for (const method of ['catalog.importFile', 'orders.shipFile'] as const) {
    const job = await upload(method, xls);
    assert.equal(job.state, 'failed');
    assert.deepEqual((job.error as { issues: unknown[] }).issues, [{ path: '', code: 'xls_old_format' }]);
  }
});

test('`livecart orders export --out FILE.xlsx` and `products export --format xlsx` write workbooks; a bad format is refused', async () => {
  const dir = tempDir();
  const orders = path.join(dir, 'orders.xlsx');
  const byName = livecart(['orders', 'export', '--out', orders, '--session', String(sessionId)]);
  assert.equal(byName.code, 0, byName.stderr);
  const sheet = await workbookOf(fs.readFileSync(orders));
  assert.equal(sheet.getRow(1).getCell(1).value, 'order_no');
  const lines = count(
    'SELECT count(*) AS n FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.session_id = ?',
    sessionId,
  );
  assert.equal(sheet.actualRowCount - 1, lines);
  assert.match(byName.stderr, new RegExp(`Exported ${lines} order lines`));

  const products = path.join(dir, 'products.data');
  const flagged = livecart(['products', 'export', '--format', 'xlsx', '--out', products], 'zh-CN');
  assert.equal(flagged.code, 0, flagged.stderr);
  assert.equal((await workbookOf(fs.readFileSync(products))).getRow(1).getCell(1).value, '商品名称');

  const bad = livecart(['orders', 'export', '--format', 'pdf']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be csv or xlsx, got pdf/);
});
