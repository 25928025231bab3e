// CSV import and export through the real protocol, on a real data directory, with real images and ffmpeg.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Job } from '../../electron/core/protocol/contract.ts';
import type { CallFailed } from '../support/ws-client.ts';
import { TestClient } from '../support/ws-client.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';
import { makePicture, requireTool } from '../support/tools.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');
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

const finished = (jobId: string): Promise<Job> => client.jobFinished(jobId);

async function importBytes(
  bytes: Buffer,
  pictures: Array<{ name: string; imageId: string }> = [],
  via: TestClient = client,
): Promise<Job> {
  const uploadId = await via.upload('csv', 'x.csv', bytes);
  const { jobId } = await via.call('catalog.importFile', { uploadId, pictures });
  return via.jobFinished(jobId);
}

async function uploadPicture(bytes: Buffer, name = 'p.png'): Promise<string> {
  const uploadId = await client.upload('image', name, bytes);
  return (await client.call('catalog.uploadImage', { uploadId })).imageId;
}

async function exportCsv(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Buffer> {
  const { jobId } = await client.call('catalog.exportFile', { locale });
  const job = await finished(jobId);
  assert.equal(job.state, 'done');
  const file = await client.call('jobs.result', { id: jobId });
  assert.match(file.fileName, /\.csv$/);
  return Buffer.from(file.dataBase64, 'base64');
}

const rows = () =>
  run.studio.db
    .prepare(
      'SELECT title, price_fen, original_price_fen, stock, sku, link, selling_points, image_id, version FROM products ORDER BY id',
    )
    .all();

test('a GBK file saved by Excel (CRLF, quotes, line breaks, ¥ and thousands) imports exactly', async () => {
  const job = await importBytes(stripImages('gbk-excel-crlf.csv'));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.created, 3);
  assert.equal(job.summary?.encoding, 'gbk');
  const anr = run.studio.catalog.store.getBySku('EL-ANR-50')!;
  assert.equal(anr.title, '雅诗兰黛小棕瓶精华 50ml');
  assert.equal(anr.priceFen, 129900);
  assert.equal(anr.originalPriceFen, 159900);
  assert.equal(anr.stock, 1000);
  assert.equal(anr.sellingPoints, '修护,抗老\n夜间使用');
  assert.equal(run.studio.catalog.store.getBySku('LSF-5')!.sellingPoints, '"臭"香臭香，嗦粉必备');
  assert.equal(run.studio.catalog.store.getBySku('CC-5')!.linkKind, 'article');
  assert.ok(client.events.some((e) => e.name === 'catalog.bulkChanged'));
});

/** The GBK fixture names an image path relative to the CSV; the protocol import has no folder, so drop that cell. */
function stripImages(name: string): Buffer {
  const bytes = fs.readFileSync(path.join(FIXTURES, name)).toString('latin1');
  assert.ok(bytes.includes(',images/anr.jpg'));
  return Buffer.from(bytes.replace(',images/anr.jpg', ','), 'latin1');
}

test('a file with bad rows imports nothing and lists every problem by line and column', async () => {
  const before = rows();
  const job = await importBytes(fs.readFileSync(path.join(FIXTURES, 'bad-rows.csv')));
  assert.equal(job.state, 'failed');
  const error = job.error as { code: string; issues: { line: number; path: string; code: string }[] };
  assert.equal(error.code, 'import_invalid');
  const where = error.issues.map((i) => `${i.line}:${i.path}:${i.code}`);
  assert.ok(where.includes('2:商品名称:required'), where.join(' '));
  assert.ok(where.includes('2:价格:price_invalid'));
  assert.ok(where.includes('2:库存:stock_invalid'));
  assert.ok(where.includes('2:链接:link_invalid'));
  assert.ok(where.includes('3:划线价:original_below_price'));
  assert.ok(where.includes('3:商品编码:sku_repeated'));
  assert.ok(where.includes('4:价格:required'));
  assert.deepEqual(rows(), before, 'nothing was imported');
});

test('export is UTF-8 with a BOM and CRLF, reads back field by field, and defuses formulas', async () => {
  await client.call('catalog.create', {
    input: {
      title: '=HYPERLINK("http://evil","点我")',
      priceFen: 100,
      stock: 1,
      sku: '+SKU',
      sellingPoints: '@SUM(A1)\n第二行',
    },
  });
  const bytes = await exportCsv('zh-CN');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  assert.ok(text.startsWith('商品名称,规格,价格,划线价,库存,商品编码,链接,卖点,图片,商品ID,导出时库存,导出版本\r\n'));
  assert.ok(text.includes('\r\n'));
  const records = parse(text, { columns: true, relax_column_count: false }) as Record<string, string>[];
  const byTitle = new Map(records.map((r) => [r['商品名称'], r]));
  const anr = byTitle.get('雅诗兰黛小棕瓶精华 50ml')!;
  assert.equal(anr['价格'], '1299.00');
  assert.equal(anr['划线价'], '1599.00');
  assert.equal(anr['库存'], '1000');
  assert.equal(anr['卖点'], '修护,抗老\n夜间使用');
  const evil = records.find((r) => r['商品名称']!.includes('HYPERLINK'))!;
  for (const cell of [evil['商品名称']!, evil['商品编码']!, evil['卖点']!]) assert.ok(cell.startsWith("'"), cell);
  assert.equal(text.split('\r\n')[0]!.split(',').length, 12);
  const en = (await exportCsv('en')).toString('utf8').slice(1);
  assert.ok(
    en.startsWith(
      'title,spec,price,original_price,stock,sku,link,selling_points,image,id,stock_at_export,edit_version\r\n',
    ),
  );
});

test('export then import of the same file changes nothing, products without a SKU included', async () => {
  await client.call('catalog.create', { input: { title: '没有编码的福袋', priceFen: 990, stock: 3 } });
  const before = rows();
  const exported = await exportCsv();
  const job = await importBytes(exported);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.created, 0);
  assert.equal(job.summary?.updated, 0);
  assert.deepEqual(rows(), before);

  // The same file in another studio's data directory creates its products instead of touching others.
  const other = await runStudio();
  try {
    const otherClient = await TestClient.connect(other.host.port, other.host.token);
    await otherClient.call('catalog.create', { input: { title: '别家的商品', priceFen: 1, stock: 1 } });
    await importBytes(exported, [], otherClient);
    assert.equal(other.studio.catalog.store.get(1)!.title, '别家的商品');
    assert.equal(other.studio.catalog.store.counts().active, before.length + 1);
    otherClient.close();
  } finally {
    await other.stop();
  }
});

test('a row whose SKU exists updates that product; an absent stock column keeps the stock', async () => {
  const csv = '\uFEFFsku,title,price\r\nLSF-5,柳州螺蛳粉 10袋装,69.90\r\nNEW-1,新品,1\r\n';
  const job = await importBytes(Buffer.from(csv));
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.equal(job.summary?.updated, 1);
  assert.equal(job.summary?.created, 1);
  const lsf = run.studio.catalog.store.getBySku('LSF-5')!;
  assert.equal(lsf.title, '柳州螺蛳粉 10袋装');
  assert.equal(lsf.priceFen, 6990);
  assert.equal(lsf.stock, 200);
  assert.equal(lsf.version, 2);
});

test('pictures picked with the CSV are matched by name; a path the client writes is never opened', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const dir = tempDir();
  // A picture that exists on the studio's machine but outside its data folder: the file names it, nobody picked it.
  const secret = path.join(dir, 'secret.png');
  makePicture('color=blue:size=32x32', secret);
  const missing = path.join(dir, 'missing.png');
  const csv = `商品名称,价格,图片\r\n带图商品,5,images\\lipstick.png\r\n偷看,5,${secret}\r\n不存在,5,${missing}\r\n`;
  const picture = makePicture('testsrc=size=800x600', 'png-bytes');
  const imageId = await uploadPicture(picture, 'lipstick.png');
  const imagesBefore = fs.readdirSync(path.join(run.dataDir, 'media', 'images')).length;
  const failed = await importBytes(Buffer.from(csv), [{ name: '货品/images/lipstick.png', imageId }]);
  assert.equal(failed.state, 'failed');
  // Existing and missing files get the same answer: the core never looked, so it cannot say which exists.
  assert.deepEqual((failed.error as { issues: unknown[] }).issues, [
    { path: '图片', code: 'image_not_picked', line: 3, params: { path: secret } },
    { path: '图片', code: 'image_not_picked', line: 4, params: { path: missing } },
  ]);
  assert.equal(fs.readdirSync(path.join(run.dataDir, 'media', 'images')).length, imagesBefore, 'nothing was copied');

  const ok = await importBytes(Buffer.from(csv.split('\r\n').slice(0, 2).join('\r\n')), [
    { name: '货品/images/lipstick.png', imageId },
  ]);
  assert.equal(ok.state, 'done', JSON.stringify(ok.error));
  const product = [...run.studio.catalog.store.iterate(false)].find((p) => p.title === '带图商品')!;
  assert.equal(product.imageId, imageId);
  const thumb = await client.call('catalog.thumbnail', { imageId });
  assert.equal(thumb.mime, 'image/jpeg');
  const probe = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', '-i', 'pipe:0'],
    { input: Buffer.from(thumb.dataBase64, 'base64') },
  )
    .toString()
    .trim();
  assert.equal(probe, '240,180');
  // The original, byte for byte, for print-size uses (a session poster).
  const original = await client.call('catalog.image', { imageId });
  assert.deepEqual(Buffer.from(original.dataBase64, 'base64'), picture);
  await assert.rejects(client.call('catalog.image', { imageId: '0'.repeat(64) }), /not_found/);

  // The export names the picture by its library name, never by where the data folder is; importing it finds it.
  const exported = (await exportCsv('zh-CN')).toString('utf8');
  assert.ok(exported.includes(`${imageId}.png`));
  assert.ok(!exported.includes(run.dataDir), 'no path of the host in the file');
});

test('an uploaded image can be attached to a product; a fake one is refused', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const png = makePicture('color=red:size=64x64', 'png-bytes');
  const imageId = await uploadPicture(png, 'red.png');
  const p = await client.call('catalog.create', { input: { title: '红色', priceFen: 1, stock: 1, imageId } });
  assert.equal(p.imageId, imageId);
  await assert.rejects(
    uploadPicture(Buffer.from('<svg onload=alert(1)>'), 'x.png'),
    (e: CallFailed) => e.error.code === 'invalid',
  );
});

test('a second import while one runs is refused as busy, not queued silently', async () => {
  const big = ['商品名称,价格', ...Array.from({ length: 30000 }, (_, i) => `批量商品${i},${i % 500}.5`)].join('\n');
  const first = await client.call('catalog.importFile', {
    uploadId: await client.upload('csv', 'big.csv', Buffer.from(big)),
  });
  const second = await client.upload('csv', 'b.csv', Buffer.from('商品名称,价格\nx,1'));
  await assert.rejects(
    client.call('catalog.importFile', { uploadId: second }),
    (e: CallFailed) => e.error.code === 'busy',
  );
  const job = await finished(first.jobId);
  assert.equal(job.state, 'done');
  assert.equal(job.summary?.created, 30000);
  const progressEvents = client.events.filter(
    (e) => e.name === 'job.updated' && (e.data as { job: Job }).job.id === first.jobId,
  );
  assert.ok(progressEvents.length >= 3, 'progress is reported while it runs');
});

test('during a big import other clients are answered; their writes wait and land after it', async () => {
  const reader = await TestClient.connect(run.host.port, run.host.token);
  try {
    const target = await client.call('catalog.create', { input: { title: '导入期间修改', priceFen: 100, stock: 1 } });
    const big = [
      '商品名称,价格,库存',
      ...Array.from({ length: 60000 }, (_, i) => `并发商品${i},${i % 900}.9,${i}`),
    ].join('\r\n');
    const { jobId } = await client.call('catalog.importFile', {
      uploadId: await client.upload('csv', 'big.csv', Buffer.from(big)),
    });
    const jobEvents = () =>
      client.events
        .filter((e) => e.name === 'job.updated' && (e.data as { job: Job }).job.id === jobId)
        .map((e) => (e.data as { job: Job }).job);
    await client.until(() => jobEvents().some((j) => j.phase === 'phase_writing'));
    const list = reader.call('catalog.list', { query: '导入期间' });
    const update = reader.call('catalog.update', {
      id: target.id,
      expectedVersion: target.version,
      patch: { stock: 9 },
    });
    const listed = await list;
    assert.equal(listed.total, 1);
    assert.ok(
      jobEvents().every((j) => j.state === 'running'),
      'the read was answered while the import was still writing',
    );
    const updated = await update;
    assert.equal(updated.stock, 9);
    const job = await finished(jobId);
    assert.equal(job.state, 'done');
    assert.equal(job.summary?.created, 60000);
    const bulkSeq = client.events.find(
      (e) => e.name === 'catalog.bulkChanged' && (e.data as { created: number }).created === 60000,
    )!.seq;
    const updateSeq = client.events.find(
      (e) =>
        e.name === 'catalog.productChanged' &&
        (e.data as { product: { id: number; stock: number } }).product.id === target.id &&
        (e.data as { product: { stock: number } }).product.stock === 9,
    )!.seq;
    assert.ok(updateSeq > bulkSeq, 'the edit waited for the import to commit');
  } finally {
    reader.close();
  }
});

test('rows checked against the catalogue: a SKU taken by another product is reported by line and column', async () => {
  const a = await client.call('catalog.create', { input: { title: '甲', priceFen: 100, stock: 1, sku: 'JIA' } });
  await client.call('catalog.create', { input: { title: '乙', priceFen: 100, stock: 1, sku: 'YI' } });
  const exported = (await exportCsv('en')).toString('utf8');
  const line = exported.split('\r\n').find((l) => l.startsWith('甲,'))!;
  const edited = `\uFEFFtitle,price,sku,id\r\n甲,1.00,YI,${line.split(',').at(-3)}\r\n`;
  const before = rows();
  const job = await importBytes(Buffer.from(edited));
  assert.equal(job.state, 'failed');
  assert.deepEqual((job.error as { issues: unknown[] }).issues, [
    { path: 'sku', code: 'sku_taken', line: 2, params: { sku: 'YI' } },
  ]);
  assert.deepEqual(rows(), before);
  assert.equal(run.studio.catalog.store.get(a.id)!.sku, 'JIA');
});

test('problem lists are capped and cells quoted short: 200,000 columns or a 2 MB cell cost nobody anything', async () => {
  // 200,000 unknown columns: a warning each, of which the job keeps the first hundred and the count.
  const header = ['商品名称', '价格', ...Array.from({ length: 200_000 }, (_, i) => `列${i}`)].join(',');
  const wide = await importBytes(Buffer.from(`${header}\r\n宽表商品,1\r\n`));
  assert.equal(wide.state, 'done', JSON.stringify(wide.error));
  assert.equal(wide.warnings.length, 100);
  assert.equal(wide.warningsTotal, 200_000);
  // A 2 MB cell, and 30,000 bad rows: the first hundred problems, each quoting at most 60 characters.
  const huge = 'x'.repeat(2 * 1024 * 1024);
  const rows = ['商品名称,价格', `大格子,${huge}`, ...Array.from({ length: 30_000 }, (_, i) => `坏行${i},abc`)];
  const bad = await importBytes(Buffer.from(rows.join('\r\n')));
  assert.equal(bad.state, 'failed');
  const error = bad.error as { issues: Array<{ params?: { value?: string } }>; issuesTotal: number };
  assert.equal(error.issues.length, 100);
  assert.equal(error.issuesTotal, 30_001);
  assert.equal(error.issues[0]!.params!.value!.length, 61, '60 characters and an ellipsis');
  // What every client is sent about these jobs stays small.
  const listed = JSON.stringify(await client.call('jobs.list', {}));
  assert.ok(listed.length < 200_000, `jobs.list answered ${listed.length} characters`);
  const biggestEvent = Math.max(
    ...client.events.filter((e) => e.name === 'job.updated').map((e) => JSON.stringify(e).length),
  );
  assert.ok(biggestEvent < 50_000, `a job.updated event of ${biggestEvent} characters`);
});
