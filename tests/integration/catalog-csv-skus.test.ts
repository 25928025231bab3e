// The product file with 规格: a row per 规格 out, rows gathered into products on the way in, and what sold since the
// export kept per 规格 — through the real protocol, on a real data directory.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Job, Product } from '../../electron/core/protocol/contract.ts';
import { TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';

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

async function importText(text: string): Promise<Job> {
  const uploadId = await client.upload('csv', 'products.csv', Buffer.from(text));
  return client.jobFinished((await client.call('catalog.importFile', { uploadId })).jobId);
}

async function exportRows(): Promise<{ header: string[]; rows: string[][] }> {
  const { jobId } = await client.call('catalog.exportFile', { locale: 'zh-CN' });
  assert.equal((await client.jobFinished(jobId)).state, 'done');
  const file = await client.call('jobs.result', { id: jobId });
  const [header, ...rows] = parse(Buffer.from(file.dataBase64, 'base64').toString('utf8'), { bom: true }) as string[][];
  return { header: header!, rows };
}

const toCsv = (header: string[], rows: string[][]) =>
  [header, ...rows]
    .map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
    .join('\r\n');

const product = (id: number): Product => run.studio.catalog.get(id);
const skuView = (p: Product) => p.skus.map((s) => [s.spec, s.priceFen, s.stock, s.code]);
const issuesOf = (job: Job) =>
  (job.error as { issues: { line: number; path: string; code: string }[] }).issues.map(
    (i) => `${i.line}:${i.path}:${i.code}`,
  );

const RICE = [
  { spec: '5kg', priceFen: 3990, stock: 10, code: 'RICE-5' },
  { spec: '10kg', priceFen: 6990, originalPriceFen: 7990, stock: 4, code: 'RICE-10' },
];

test('a product with 规格 exports a row per 规格, and importing the same file changes nothing', async () => {
  const rice = await client.call('catalog.create', {
    input: { title: '五常大米', skus: RICE, link: 'https://x.cn/r' },
  });
  const { header, rows } = await exportRows();
  const mine = rows.filter((r) => r[0] === '五常大米');
  assert.deepEqual(
    mine.map((r) => [r[header.indexOf('规格')], r[header.indexOf('价格')], r[header.indexOf('划线价')]]),
    [
      ['5kg', '39.90', ''],
      ['10kg', '69.90', '79.90'],
    ],
  );
  assert.deepEqual(
    mine.map((r) => [r[header.indexOf('库存')], r[header.indexOf('导出时库存')], r[header.indexOf('链接')]]),
    [
      ['10', '10', 'https://x.cn/r'],
      ['4', '4', 'https://x.cn/r'],
    ],
    'the product’s own cells on every row; each row its own stock at export',
  );
  const job = await importText(toCsv(header, rows));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.updated, 0);
  assert.equal(product(rice.id).version, rice.version, 'not even a version moved');
});

test('per 规格: a sale since the export keeps its stock, a price typed on another 规格 is applied', async () => {
  const oil = await client.call('catalog.create', {
    input: {
      title: '山茶油',
      skus: [
        { spec: '500ml', priceFen: 5900, stock: 6, code: 'OIL-500' },
        { spec: '1L', priceFen: 9900, stock: 3, code: 'OIL-1L' },
      ],
    },
  });
  const { header, rows } = await exportRows();
  await client.call('orders.create', {
    input: { sessionId: null, lines: [{ sku: 'OIL-500', quantity: 2 }], buyer: '小周' },
  });
  const [spec, price, stock] = ['规格', '价格', '库存'].map((h) => header.indexOf(h)) as [number, number, number];
  const edited = rows.map((r) => {
    if (r[0] !== '山茶油') return r;
    return r[spec] === '500ml' ? r.with(stock, '20') : r.with(price, '95.00').with(stock, '9');
  });
  const job = await importText(toCsv(header, edited));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual(skuView(product(oil.id)), [
    ['500ml', 5900, 4, 'OIL-500'],
    ['1L', 9500, 9, 'OIL-1L'],
  ]);
  const line = rows.findIndex((r) => r[0] === '山茶油' && r[spec] === '500ml') + 2;
  assert.deepEqual(
    job.warnings.map((w) => [w.line, w.code, w.params?.current]),
    [[line, 'import_kept_stock', 4]],
  );
  assert.deepEqual(
    product(oil.id).skus.map((s) => s.id),
    oil.skus.map((s) => s.id),
    'the same SKUs: orders keep pointing at them',
  );
});

test('a sheet of one’s own: rows with 规格 and the same title are one product, blank cells follow the first row', async () => {
  const job = await importText(
    [
      '商品名称,规格,价格,库存,商品编码,链接,卖点',
      '羊毛袜,红色 M,29.90,5,SOCK-RM,https://x.cn/s,加厚',
      '羊毛袜,红色 L,29.90,3,SOCK-RL,,',
      '羊毛袜,灰色 L,25.00,0,,https://x.cn/s,',
      '单品手套,,19.90,8,GLOVE,,',
    ].join('\r\n'),
  );
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.created, 2);
  const sock = run.studio.catalog.store.getBySku('SOCK-RL')!;
  assert.deepEqual(skuView(sock), [
    ['红色 M', 2990, 5, 'SOCK-RM'],
    ['红色 L', 2990, 3, 'SOCK-RL'],
    ['灰色 L', 2500, 0, null],
  ]);
  assert.deepEqual([sock.link, sock.sellingPoints, sock.priceFen, sock.stock], ['https://x.cn/s', '加厚', 2500, 8]);
  assert.deepEqual(skuView(run.studio.catalog.store.getBySku('GLOVE')!), [['', 1990, 8, 'GLOVE']]);
});

test('rows of one product that disagree or repeat a 规格: each said on its row and column, nothing imported', async () => {
  const before = run.studio.catalog.store.count('all');
  const job = await importText(
    [
      '商品名称,规格,价格,库存,链接',
      '围巾,米色,59.00,2,https://x.cn/a',
      '围巾,米色,59.00,2,',
      '围巾,灰色,59.00,2,https://x.cn/b',
      '帽子,黑色,39.00,1,',
    ].join('\r\n'),
  );
  assert.equal(job.state, 'failed');
  assert.deepEqual(issuesOf(job).sort(), ['3:规格:spec_repeated', '4:链接:csv_group_differs']);
  assert.equal(run.studio.catalog.store.count('all'), before, 'nothing imported');
});

test('规格 added to a product that had none: its one SKU becomes the first row’s, so its orders keep it', async () => {
  const honey = await client.call('catalog.create', { input: { title: '槐花蜜', priceFen: 4500, stock: 7 } });
  const { header, rows } = await exportRows();
  const [spec, price, code] = ['规格', '价格', '商品编码'].map((h) => header.indexOf(h)) as [number, number, number];
  const row = rows.find((r) => r[0] === '槐花蜜')!;
  const next = rows.flatMap((r) =>
    r === row ? [r.with(spec, '500g'), r.with(spec, '1kg').with(price, '80.00').with(code, 'HONEY-1K')] : [r],
  );
  const job = await importText(toCsv(header, next));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const now = product(honey.id);
  assert.deepEqual(skuView(now), [
    ['500g', 4500, 7, null],
    ['1kg', 8000, 7, 'HONEY-1K'],
  ]);
  assert.equal(now.skus[0]!.id, honey.skus[0]!.id);
});

test('规格 the file leaves out are kept; a file from before 规格 still imports, and cannot change several at once', async () => {
  const tea = await client.call('catalog.create', {
    input: {
      title: '岩茶',
      skus: [
        { spec: '礼盒', priceFen: 26800, stock: 2, code: 'YC-GIFT' },
        { spec: '简装', priceFen: 16800, stock: 9, code: 'YC-PLAIN' },
      ],
    },
  });
  const { header, rows } = await exportRows();
  const spec = header.indexOf('规格');
  const price = header.indexOf('价格');
  const onlyGift = rows
    .filter((r) => r[0] !== '岩茶' || r[spec] === '礼盒')
    .map((r) => (r[0] === '岩茶' ? r.with(price, '258.00') : r));
  const job = await importText(toCsv(header, onlyGift));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual(skuView(product(tea.id)), [
    ['礼盒', 25800, 2, 'YC-GIFT'],
    ['简装', 16800, 9, 'YC-PLAIN'],
  ]);

  // The export before 规格 had no such column and summed a product up in one row (lowest price, total stock).
  const old = '商品名称,价格,库存,商品编码,商品ID\r\n';
  const ref = rows.find((r) => r[0] === '岩茶')![header.indexOf('商品ID')]!;
  const same = await importText(`${old}岩茶,168.00,11,,${ref}\r\n`);
  assert.equal(same.state, 'done', JSON.stringify(same.error));
  assert.equal(same.summary?.unchanged, 1);
  const changed = await importText(`${old}岩茶,150.00,11,,${ref}\r\n`);
  assert.equal(changed.state, 'failed');
  assert.deepEqual(issuesOf(changed), ['2:价格:skus_edit_each']);
});

test('two groups of rows that are one product (another title, its codes) are refused on the second, not half-written', async () => {
  await client.call('catalog.create', {
    input: {
      title: '核桃',
      skus: [
        { spec: '1斤', priceFen: 2500, stock: 3, code: 'NUT-1' },
        { spec: '2斤', priceFen: 4800, stock: 3, code: 'NUT-2' },
      ],
    },
  });
  const job = await importText(
    ['商品名称,规格,价格,商品编码', '核桃,1斤,25.00,NUT-1', '山核桃,2斤,48.00,NUT-2'].join('\r\n'),
  );
  assert.equal(job.state, 'failed');
  assert.deepEqual(issuesOf(job), ['3:商品名称:csv_product_twice']);
});
