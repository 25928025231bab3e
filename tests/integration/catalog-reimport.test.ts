// Export → sell → import the same file: what changed in the studio since the export is kept, never undone, and the
// job says per line what it kept. Through the real protocol, on a real data directory.
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
/** Where the 商品编码 is in an export (rows are found by it). */
const CODE = 5;

test('export, sell one, import the same file: the stock stays sold, and the job says so on that line', async () => {
  const cup = await client.call('catalog.create', {
    input: { title: '保温杯', priceFen: 5900, stock: 10, sku: 'CUP' },
  });
  const { header, rows } = await exportRows();
  assert.equal(header[CODE], '商品编码');
  await client.call('orders.create', {
    input: { sessionId: null, lines: [{ sku: 'CUP', quantity: 1 }], buyer: '小王' },
  });
  assert.equal(product(cup.id).stock, 9);

  const job = await importText(toCsv(header, rows));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(product(cup.id).stock, 9, 'the sale was not undone');
  assert.equal(job.summary?.kept, 1);
  assert.deepEqual(job.warnings, [
    { path: '库存', code: 'import_stock_moved', line: 2, params: { file: 10, current: 9, base: 10 } },
  ]);
});

test('a stock typed in the file is applied when nothing sold since; kept (and said) when something did', async () => {
  const tea = await client.call('catalog.create', { input: { title: '普洱', priceFen: 19900, stock: 5, sku: 'TEA' } });
  const rice = await client.call('catalog.create', { input: { title: '大米', priceFen: 6990, stock: 5, sku: 'RICE' } });
  const { header, rows } = await exportRows();
  const stock = header.indexOf('库存');
  const restocked = rows.map((r) => (r[CODE] === 'TEA' || r[CODE] === 'RICE' ? r.with(stock, '50') : r));
  await client.call('orders.create', {
    input: { sessionId: null, lines: [{ sku: 'RICE', quantity: 2 }], buyer: '小李' },
  });

  const job = await importText(toCsv(header, restocked));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(product(tea.id).stock, 50, 'nothing sold: the restock is applied');
  assert.equal(product(rice.id).stock, 3, 'two sold meanwhile: the typed 50 would have hidden that, so it is kept');
  const riceLine = rows.findIndex((r) => r[CODE] === 'RICE') + 2;
  assert.ok(
    job.warnings.some(
      (w) => w.line === riceLine && w.code === 'import_kept_stock' && w.params?.file === 50 && w.params?.current === 3,
    ),
    JSON.stringify(job.warnings),
  );
});

test('an edit made in the studio after the export is kept where the file still has the old text', async () => {
  const bag = await client.call('catalog.create', { input: { title: '帆布包', priceFen: 3900, stock: 3, sku: 'BAG' } });
  const { header, rows } = await exportRows();
  await client.call('catalog.update', { id: bag.id, expectedVersion: bag.version, patch: { title: '帆布包（加厚）' } });
  const price = header.indexOf('价格');
  const edited = rows.map((r) => (r[CODE] === 'BAG' ? r.with(price, '35.00') : r));

  const job = await importText(toCsv(header, edited));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const now = product(bag.id);
  assert.equal(now.title, '帆布包（加厚）', 'the studio edit survives');
  assert.equal(now.priceFen, 3900, 'and the row as a whole is from before it: its price change is not applied');
  const line = rows.findIndex((r) => r[CODE] === 'BAG') + 2;
  const kept = job.warnings.filter((w) => w.line === line).map((w) => `${w.path}:${w.code}`);
  assert.deepEqual(kept.sort(), ['价格:import_kept_edited', '商品名称:import_kept_edited']);
});

test('a sale does not make an export stale: other edits in the file still apply', async () => {
  const pen = await client.call('catalog.create', { input: { title: '钢笔', priceFen: 2900, stock: 8, sku: 'PEN' } });
  const { header, rows } = await exportRows();
  await client.call('orders.create', {
    input: { sessionId: null, lines: [{ sku: 'PEN', quantity: 1 }], buyer: '小赵' },
  });
  const title = header.indexOf('商品名称');
  const job = await importText(
    toCsv(
      header,
      rows.map((r) => (r[CODE] === 'PEN' ? r.with(title, '钢笔 F 尖') : r)),
    ),
  );
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual([product(pen.id).title, product(pen.id).stock], ['钢笔 F 尖', 7]);
});

test('an export from before the file said its stock keeps the studio stock; a sheet of your own sets it', async () => {
  const mug = await client.call('catalog.create', { input: { title: '马克杯', priceFen: 2500, stock: 4, sku: 'MUG' } });
  const { header, rows } = await exportRows();
  const old = header.slice(0, header.indexOf('导出时库存'));
  const oldRows = rows.map((r) => r.slice(0, old.length));
  const stock = old.indexOf('库存');
  const job = await importText(
    toCsv(
      old,
      oldRows.map((r) => (r[CODE] === 'MUG' ? r.with(stock, '40') : r)),
    ),
  );
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(product(mug.id).stock, 4);
  assert.ok(job.warnings.some((w) => w.code === 'import_kept_stock_unknown'));

  const own = await importText('商品编码,商品名称,价格,库存\r\nMUG,马克杯,25.00,40\r\n');
  assert.equal(own.state, 'done', JSON.stringify(own.error));
  assert.equal(product(mug.id).stock, 40, 'a file that is no export states the stock the seller wants');
});
