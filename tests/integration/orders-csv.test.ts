// The order export and 批量发货 through the real protocol and the real `livecart` process, on a real data
// directory: every field of every exported row against orders.list, filters, GBK and UTF-8 shipping files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Job, Order, OrderFilter, OrderInput, Product } from '../../electron/core/protocol/contract.ts';
import { exportOrders } from '../../electron/core/orders/order-export.ts';
import type { Progress } from '../../electron/core/jobs/job-runner.ts';
import { TestClient } from '../support/ws-client.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';

const CLI = path.resolve(import.meta.dirname, '../../electron/core/cli.ts');
const STATUS_ZH = {
  pending: '待付款',
  paid: '已付款',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};
const STATUS_EN = {
  pending: 'Pending payment',
  paid: 'Paid',
  shipped: 'Shipped',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};
const ZH =
  '订单号,下单时间,场次,链接号,商品,规格,商品编码,单价,数量,优惠券,优惠金额,实付,买家,手机,收货地址,备注,状态,快递公司,快递单号'.split(
    ',',
  );
const EN =
  'order_no,created_at,session,link_no,product,spec,sku,unit_price,quantity,coupon,discount,paid,buyer,phone,address,note,status,carrier,tracking_no'.split(
    ',',
  );
const ADDRESS = '上海市浦东新区"幸福"小区,3号楼\n2单元 501';

let run: Running;
let client: TestClient;
const products: Product[] = [];
let sessionId: number;
const made: Record<string, Order> = {};
const DAY = 86_400_000;
const today0 = new Date(new Date().getFullYear(), new Date().getMonth(), new Date().getDate()).getTime();

function livecart(args: string[], lang: 'zh-CN' | 'en' = 'en') {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data-dir', run.dataDir], {
    env: { ...process.env, LIVECART_LANG: lang },
    encoding: 'buffer',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const order = async (key: string, input: OrderInput) => {
  made[key] = await client.call('orders.create', { input });
  return made[key]!;
};

before(async () => {
  run = await runStudio();
  client = await TestClient.connect(run.host.port, run.host.token);
  await client.call('studio.hello', { client: 'desktop' });
  for (const [title, priceFen, sku] of [
    ['东北大米 5kg', 5990, 'RICE-5'],
    ['=HYPERLINK("http://x")', 1000, null],
    ['野生蜂蜜', 3900, 'HONEY'],
  ] as const) {
    products.push(
      await client.call('catalog.create', { input: { title, priceFen, stock: 1000, ...(sku && { sku }) } }),
    );
  }
  const show = await client.call('live.createSession', { input: { title: '助农专场' } });
  sessionId = show.id;
  for (const product of products) await client.call('live.bagAdd', { sessionId, productId: product.id });
  await client.call('live.goLive', { id: sessionId });
  const now = Date.now();
  const coupon = await client.call('coupons.create', {
    input: {
      name: '满100减10',
      kind: 'threshold',
      thresholdFen: 10000,
      offFen: 1000,
      perBuyerLimit: 50,
      validFrom: now - 60_000,
      validUntil: now + 3_600_000,
    },
  });
  await client.call('live.pushCoupon', { sessionId, couponId: coupon.id });
  const lines = (...l: Array<[number, number]>) => l.map(([linkNo, quantity]) => ({ linkNo, quantity }));
  await order('wang', {
    lines: lines([1, 2], [2, 1]),
    buyer: '+1 小王',
    phone: '13800000000',
    address: ADDRESS,
    note: '=1+1 周末送',
    paid: true,
  });
  await order('li', { lines: lines([3, 1]), buyer: '小李', phone: '13900000001' });
  await order('zhang', {
    lines: lines([1, 1], [3, 2]),
    buyer: '老张',
    phone: '+8613700000002',
    address: '杭州',
    paid: true,
  });
  await order('gone', { lines: lines([1, 2]), buyer: '取消的', paid: false });
  await client.call('orders.setStatus', { id: made.gone!.id, to: 'cancelled' });
  await order('late', { lines: lines([2, 11]), buyer: '夜猫子', paid: true });
  await order('old', { lines: lines([3, 3]), buyer: '老顾客', paid: true });
  await order('off', { sessionId: null, lines: [{ sku: 'HONEY', quantity: 1 }], buyer: '场外', paid: true });
  for (let i = 0; i < 3; i++) await order(`extra${i}`, { lines: lines([1, 1]), buyer: `买家${i}`, paid: true });
  // Dates the seller filters by: one late yesterday evening, one two days ago.
  const at = (key: string, ms: number) =>
    run.studio.db.prepare('UPDATE orders SET created_at = ? WHERE id = ?').run(ms, made[key]!.id);
  at('late', today0 - 500);
  at('old', today0 - 2 * DAY + 12 * 3_600_000);
});
after(async () => {
  client.close();
  await run.stop();
});

const finished = (jobId: string): Promise<Job> => client.jobFinished(jobId);

/** The export through the protocol, fetched in small slices (multi-byte characters cut in two included). */
async function exportViaProtocol(locale: 'zh-CN' | 'en', filter: OrderFilter = {}): Promise<Buffer> {
  const { jobId } = await client.call('orders.exportFile', { filter, locale });
  const job = await finished(jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const parts: Buffer[] = [];
  for (let offset = 0, size = 1; offset < size;) {
    const chunk = await client.call('jobs.resultChunk', { id: jobId, offset, length: 777 });
    assert.match(chunk.fileName, /^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(chunk.mime, 'text/csv;charset=utf-8');
    parts.push(Buffer.from(chunk.dataBase64, 'base64'));
    size = chunk.size;
    offset += parts.at(-1)!.byteLength;
  }
  const bytes = Buffer.concat(parts);
  assert.equal(job.summary?.rows, records(bytes).length);
  return bytes;
}

const records = (bytes: Buffer) => parse(bytes, { bom: true, columns: true }) as Record<string, string>[];

async function listed(filter: OrderFilter = {}): Promise<Order[]> {
  const { items } = await client.call('orders.list', { filter, sort: 'created', dir: 'asc', limit: 500 });
  return items.toSorted((x, y) => x.id - y.id);
}

const pad = (n: number) => String(n).padStart(2, '0');
const localTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${pad(fen % 100)}`;
const defused = (s: string | null) => (s === null ? '' : /^'*[=+\-@\t\r＝＋－＠]/.test(s) ? `'${s}` : s);

/** What each row must hold, built from the orders as the protocol lists them. */
function expected(orders: Order[], locale: 'zh-CN' | 'en'): Record<string, string>[] {
  const names = locale === 'zh-CN' ? ZH : EN;
  return orders.flatMap((o) => {
    assert.equal(
      o.lines.reduce((sum, l) => sum + l.paidFen, 0),
      o.paidFen,
      'the lines add up to the order',
    );
    return o.lines.map((l) => {
      const cells = [
        o.orderNo,
        localTime(o.createdAt),
        defused(o.sessionTitle),
        l.linkNo === null ? '' : String(l.linkNo),
        defused(l.title),
        defused(l.spec),
        defused(l.sku),
        yuan(l.unitPriceFen),
        String(l.quantity),
        defused(o.couponName),
        yuan(l.discountFen),
        yuan(l.unitPriceFen * l.quantity - l.discountFen),
        defused(o.buyer),
        defused(o.phone),
        defused(o.address),
        defused(o.note),
        (locale === 'zh-CN' ? STATUS_ZH : STATUS_EN)[o.status],
        defused(o.carrier),
        defused(o.trackingNo),
      ];
      return Object.fromEntries(names.map((n, k) => [n, cells[k]!]));
    });
  });
}

function assertFileShape(bytes: Buffer, header: string[]) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.toString('utf8').slice(1);
  assert.ok(text.startsWith(`${header.join(',')}\r\n`), text.slice(0, 200));
  assert.ok(text.endsWith('\r\n'));
  // Every record ends in CRLF; a bare LF only inside the quoted address.
  assert.equal(text.split('\r\n').length - 1, records(bytes).length + 1);
}

test('the protocol export holds every line of every order, field by field, in Chinese', async () => {
  const bytes = await exportViaProtocol('zh-CN');
  assertFileShape(bytes, ZH);
  const rows = records(bytes);
  assert.deepEqual(rows, expected(await listed(), 'zh-CN'));
  const wang = rows.filter((r) => r['订单号'] === made.wang!.orderNo);
  assert.equal(wang.length, 2);
  assert.equal(wang[0]!['收货地址'], ADDRESS);
  assert.equal(wang[0]!['买家'], "'+1 小王");
  assert.equal(wang[0]!['备注'], "'=1+1 周末送");
  assert.equal(wang[1]!['商品'], `'=HYPERLINK("http://x")`);
  assert.equal(wang[0]!['场次'], '助农专场');
  assert.equal(wang[0]!['手机'], '13800000000');
  assert.ok(Number(wang[0]!['优惠金额']) + Number(wang[1]!['优惠金额']) === 10, 'the coupon split over the lines');
  assert.ok(Number(wang[1]!['优惠金额']) > 0);
  assert.equal(rows.find((r) => r['订单号'] === made.gone!.orderNo)!['状态'], '已取消');
  assert.equal(rows.find((r) => r['订单号'] === made.off!.orderNo)!['场次'], '');
});

test('English headers and status names with locale en, through the protocol and `--header en`', async () => {
  const bytes = await exportViaProtocol('en');
  assertFileShape(bytes, EN);
  assert.deepEqual(records(bytes), expected(await listed(), 'en'));
  const cli = livecart(['orders', 'export', '--header', 'en'], 'zh-CN');
  assert.equal(cli.code, 0, cli.stderr);
  assert.deepEqual(cli.stdout, bytes, 'stdout carries the same bytes');
});

test('the CLI export to a file is the same file; the header follows the user language', async () => {
  const out = path.join(tempDir(), 'orders.csv');
  const zh = livecart(['orders', 'export', '--out', out], 'zh-CN');
  assert.equal(zh.code, 0, zh.stderr);
  assert.match(zh.stderr, /已导出 \d+ 行订单/);
  const bytes = fs.readFileSync(out);
  assertFileShape(bytes, ZH);
  assert.deepEqual(records(bytes), expected(await listed(), 'zh-CN'));
  assertFileShape(livecart(['orders', 'export']).stdout, EN);
});

test('filters select exactly the right orders: session, status, dates (the --to day included)', async () => {
  const numbers = (bytes: Buffer) => [...new Set(records(bytes).map((r) => r['order_no'] ?? r['订单号']))];
  const expectNumbers = async (filter: OrderFilter) => (await listed(filter)).map((o) => o.orderNo);
  const cases: Array<[OrderFilter, string[]]> = [
    [{ sessionId }, ['--session', String(sessionId)]],
    [{ status: 'cancelled' }, ['--status', 'cancelled']],
    [{ status: 'paid' }, ['--status', '已付款']],
    [{ from: today0 - DAY, to: today0 }, ['--from', day(-1), '--to', day(-1)]],
    [{ from: today0 - 2 * DAY, to: today0 }, ['--from', day(-2), '--to', day(-1)]],
    [{ from: today0, sessionId }, ['--from', day(0), '--session', String(sessionId)]],
    [{ to: today0 - DAY }, ['--to', day(-2)]],
  ];
  for (const [filter, flags] of cases) {
    const want = await expectNumbers(filter);
    assert.deepEqual(numbers(await exportViaProtocol('en', filter)), want, JSON.stringify(filter));
    const cli = livecart(['orders', 'export', ...flags]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(numbers(cli.stdout), want, flags.join(' '));
  }
  assert.deepEqual(await expectNumbers({ from: today0 - DAY, to: today0 }), [made.late!.orderNo]);
  assert.deepEqual(await expectNumbers({ status: 'cancelled' }), [made.gone!.orderNo]);
  assert.ok(!(await expectNumbers({ sessionId })).includes(made.off!.orderNo));
});

function day(offset: number): string {
  const d = new Date(today0 + offset * DAY + 12 * 3_600_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('bad export flags exit 2 with a clear message in the user language', () => {
  for (const [flags, zh, en] of [
    [['--status', 'sent'], /--status 应为/, /--status must be one of pending, paid/],
    [['--from', '2026-02-30'], /--from 应为 YYYY-MM-DD/, /--from must be a date YYYY-MM-DD, got 2026-02-30/],
    [['--to', 'yesterday'], /--to 应为/, /--to must be a date/],
    [['--header', 'fr'], /--header 应为 zh 或 en/, /--header must be zh or en/],
    [['--session', 'abc'], /--session 应为场次编号/, /--session must be a session id/],
    [['--from', '2026-03-02', '--to', '2026-03-01'], /--from 不能晚于 --to/, /--from must not be after --to/],
    [['--session', '9999'], /找不到场次 9999/, /No session 9999/],
  ] as const) {
    const a = livecart(['orders', 'export', ...flags], 'zh-CN');
    assert.equal(a.code, 2, flags.join(' '));
    assert.match(a.stderr, zh);
    const b = livecart(['orders', 'export', ...flags]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, en);
  }
});

test('a failed export leaves no partial file behind', async () => {
  const out = path.join(tempDir(), 'never.csv');
  const progress = Object.assign(() => {}, { yield: () => Promise.resolve() }) as Progress;
  await assert.rejects(exportOrders(path.join(tempDir(), 'missing.db'), { filter: {}, locale: 'en', out }, progress));
  assert.equal(fs.existsSync(out), false);
});
