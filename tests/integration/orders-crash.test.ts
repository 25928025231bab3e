// A studio process SIGKILLed in the middle of a burst of orders: every order a client was told about is on disk,
// whole (lines, history, stock, coupon claim), and nothing else is half there. The kill happens while requests are
// still unanswered, so some transactions are cut off mid-flight; SQLite's WAL must roll them back on reopen.
// Twenty clients keep the writer's groups full (group commit: many orders per commit, each reply after its fsync),
// so the kill also lands between a group's writes and its commit.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { MethodName, Order, OrderInput, Params, Product, Result } from '../../electron/core/protocol/contract.ts';
import { DB_FILE } from '../../electron/core/studio.ts';
import { runStudio, tempDir } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';

const CLI = path.resolve(import.meta.dirname, '../../electron/core/cli.ts');
const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;
const STOCK = 1_000_000;
const CLIENTS = 20;
/** Requests each client keeps unanswered at once: the kill always finds dozens in flight. */
const WINDOW = 16;
const PER_CLIENT = 400;
const KILL_AFTER_ACKS = 150;
const WAIT_MS = 20_000;

const dataDir = tempDir('livecart-crash-');
let child: ChildProcessWithoutNullStreams | null = null;
const clients: TestClient[] = [];
after(() => {
  for (const c of clients) c.close();
  if (child && child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function bounded<T>(work: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const call = <M extends MethodName>(c: TestClient, method: M, params: Params<M>): Promise<Result<M>> =>
  bounded(c.call(method, params), method);

/** `cli.ts serve` as a user starts it; resolves with its port and token once it prints its URL. */
async function serve(): Promise<{ port: number; token: string }> {
  const args = [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--lan-host', '127.0.0.1', '--lan-port', '0'];
  const proc = spawn(process.execPath, args, { env: { ...process.env, LIVECART_LANG: 'en' } });
  child = proc;
  proc.stdin.end();
  const log: string[] = [];
  proc.stderr.on('data', (d: Buffer) => log.push(d.toString()));
  const url = new Promise<{ port: number; token: string }>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      log.push(line);
      const m = URL_LINE.exec(line);
      if (m) resolve({ port: Number(m[1]), token: m[2]! });
    });
    proc.once('exit', (code, signal) => reject(new Error(`serve exited (${code ?? signal}): ${log.join('\n')}`)));
  });
  return bounded(url, 'the studio to print its URL', 30_000);
}

/** Four products with plenty of stock in the bag of a live show, and a pushed coupon every order takes. */
async function seed(c: TestClient): Promise<{ products: Product[]; couponId: number }> {
  await call(c, 'studio.hello', { client: 'crash-setup' });
  const show = await call(c, 'live.createSession', { input: { title: '崩溃演练专场' } });
  const products: Product[] = [];
  for (const [title, priceFen] of [
    ['东北大米 5kg', 5990],
    ['野生蜂蜜', 3900],
    ['手工挂面', 1290],
    ['红枣夹核桃', 2990],
  ] as const) {
    const product = await call(c, 'catalog.create', { input: { title, priceFen, stock: STOCK } });
    await call(c, 'live.bagAdd', { sessionId: show.id, productId: product.id });
    products.push(product);
  }
  await call(c, 'live.goLive', { id: show.id });
  const now = Date.now();
  const coupon = await call(c, 'coupons.create', {
    input: { name: '立减5元', kind: 'direct', offFen: 500, validFrom: now - 60_000, validUntil: now + 3_600_000 },
  });
  await call(c, 'live.pushCoupon', { sessionId: show.id, couponId: coupon.id });
  return { products, couponId: coupon.id };
}

/** The k-th order of a client: one or two lines, some already paid, a unique buyer so the coupon always applies. */
function orderInput(c: number, k: number): OrderInput {
  const lines =
    k % 3 === 0
      ? [
          { linkNo: 1, quantity: 1 },
          { linkNo: 4, quantity: 2 },
        ]
      : [{ linkNo: 1 + ((c + k) % 4), quantity: 1 + (k % 3) }];
  return { lines, buyer: `买家${c}-${k}`, address: '浙江省杭州市西湖区文三路 1 号', paid: k % 2 === 0 };
}

interface Burst {
  sent: Map<string, OrderInput>;
  acked: Map<string, Order>;
  refusals: string[];
  inFlightAtKill: number;
}

/** Each client keeps WINDOW orders unanswered; the KILL_AFTER_ACKS-th answer SIGKILLs the studio by its PID. */
async function burstUntilKilled(burst: TestClient[], proc: ChildProcessWithoutNullStreams): Promise<Burst> {
  const result: Burst = { sent: new Map(), acked: new Map(), refusals: [], inFlightAtKill: -1 };
  const { sent, acked, refusals } = result;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
  let killed = false;
  const next = (c: number, k: number): void => {
    if (killed || k >= PER_CLIENT) return;
    const key = `crash-${c}-${k}`;
    const input = orderInput(c, k);
    sent.set(key, input);
    burst[c]!.call('orders.create', { input, key }).then(
      (order) => {
        acked.set(key, order);
        if (acked.size >= KILL_AFTER_ACKS && !killed) {
          killed = true;
          result.inFlightAtKill = sent.size - acked.size - refusals.length;
          process.kill(proc.pid!, 'SIGKILL');
        }
        next(c, k + WINDOW);
      },
      (error: unknown) => refusals.push(`${key}: ${String(error)}`),
    );
  };
  for (let c = 0; c < burst.length; c++) for (let k = 0; k < WINDOW; k++) next(c, k);
  assert.equal(await bounded(exited, 'the studio to die of SIGKILL'), 'SIGKILL');
  // Replies already on their way when the process died still count: they were answered, so they must be on disk.
  await bounded(Promise.all(burst.map((c) => c.until(() => c.closeCode !== null, WAIT_MS))), 'sockets to close');
  return result;
}

type Row = Record<string, unknown>;
type LineRow = { order_id: number; product_id: number; quantity: number; discount_fen: number };

/** The key as the caller sent it: stored scoped to whoever sent it (`host:` here, the host's token). */
const callerKey = (row: Row) => (row.idem_key as string).replace(/^host:/, '');

/** Opens the file as SQLite itself would after a crash and checks it; returns each key's committed order id. */
function checkDatabase(burst: Burst, products: Product[], couponId: number): Map<string, number> {
  const { sent, acked } = burst;
  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    const rows = db.prepare('SELECT * FROM orders ORDER BY id').all() as Row[];
    const lines = db.prepare('SELECT * FROM order_lines ORDER BY order_id, line_no').all() as LineRow[];
    const history = db.prepare('SELECT * FROM order_history ORDER BY id').all() as Row[];
    assert.ok(rows.length >= acked.size && rows.length <= sent.size, `${rows.length} orders, ${acked.size} acked`);
    const linesOf = Map.groupBy(lines, (l) => l.order_id);
    const historyOf = Map.groupBy(history, (h) => h.order_id as number);
    const byKey = new Map(rows.map((r) => [callerKey(r), r]));

    for (const [key, order] of acked) {
      const row = byKey.get(key);
      assert.ok(row, `acknowledged order ${order.orderNo} (${key}) is missing`);
      assert.deepEqual(
        [row.id, row.order_no, row.paid_fen, row.status],
        [order.id, order.orderNo, order.paidFen, order.status],
      );
      const got = (linesOf.get(order.id) ?? []).map((l) => [l.product_id, l.quantity, l.discount_fen]);
      const want = order.lines.map((l) => [l.productId, l.quantity, l.discountFen]);
      assert.deepEqual(got, want, `lines of ${key}`);
      const first = historyOf.get(order.id)?.[0];
      assert.deepEqual([first?.from_status, first?.to_status, first?.client], [null, order.status, 'crash-test']);
    }
    // Every order on disk, acknowledged or not, is one that was sent, and is whole.
    for (const row of rows) {
      const key = callerKey(row);
      const own = linesOf.get(row.id as number) ?? [];
      assert.ok(sent.has(key), `order ${String(row.order_no)} has an unknown key`);
      assert.equal(own.length, sent.get(key)!.lines.length, `lines of ${key}`);
      assert.equal(
        own.reduce((n, l) => n + l.quantity, 0),
        row.units,
        `units of ${key}`,
      );
      assert.equal(historyOf.get(row.id as number)?.length, 1, `history of ${key}`);
      assert.equal(row.coupon_id, couponId);
    }
    // Stock moved by exactly the units of the orders that exist; the coupon was claimed once per order.
    for (const p of products) {
      const sold = lines.filter((l) => l.product_id === p.id).reduce((n, l) => n + l.quantity, 0);
      const { stock } = db.prepare('SELECT stock FROM products WHERE id = ?').get(p.id) as { stock: number };
      assert.equal(stock, STOCK - sold, `stock of ${p.title}`);
    }
    const { claimed } = db.prepare('SELECT claimed FROM coupons WHERE id = ?').get(couponId) as { claimed: number };
    assert.equal(claimed, rows.length);
    // Order numbers are gapless per day, and each day's counter stands exactly at its last order.
    const days = db.prepare('SELECT day, last_seq FROM order_days').all() as Array<{ day: string; last_seq: number }>;
    for (const { day, last_seq } of days) {
      const seqs = rows.flatMap((r) =>
        String(r.order_no).startsWith(`${day}-`) ? [Number(String(r.order_no).slice(7))] : [],
      );
      assert.deepEqual(
        seqs.sort((a, b) => a - b),
        Array.from({ length: last_seq }, (_, i) => i + 1),
        `order numbers of ${day}`,
      );
    }
    return new Map(rows.map((r) => [callerKey(r), r.id as number]));
  } finally {
    db.close();
  }
}

test(
  'SIGKILL mid-burst: every acknowledged order is on disk, whole, and the stock adds up',
  { timeout: 120_000 },
  async (t) => {
    const { port, token } = await serve();
    const setup = await bounded(TestClient.connect(port, token), 'connect');
    clients.push(setup);
    const { products, couponId } = await seed(setup);
    const burst: TestClient[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      burst.push(await bounded(TestClient.connect(port, token), 'connect'));
      clients.push(burst[c]!);
      await call(burst[c]!, 'studio.hello', { client: 'crash-test' });
    }

    const result = await burstUntilKilled(burst, child!);
    child = null;
    const { sent, acked } = result;
    const unanswered = [...sent.keys()].filter((key) => !acked.has(key));
    assert.deepEqual(result.refusals, [], 'no order is refused: stock and coupons are plentiful');
    assert.ok(acked.size >= KILL_AFTER_ACKS, `${acked.size} acknowledged`);
    assert.ok(result.inFlightAtKill >= CLIENTS, `only ${result.inFlightAtKill} requests in flight at the kill`);
    assert.ok(unanswered.length > 0, 'some requests never got an answer: the kill landed mid-burst');
    // A clean close checkpoints and deletes the WAL: still there, the database was left as the kill found it.
    assert.ok(fs.existsSync(path.join(dataDir, `${DB_FILE}-wal`)), 'the WAL is still there');

    const committed = checkDatabase(result, products, couponId);
    t.diagnostic(
      `sent ${sent.size}, acknowledged ${acked.size}, in flight at the kill ${result.inFlightAtKill}, ` +
        `never answered ${unanswered.length}, orders on disk ${committed.size}`,
    );

    // The studio opens the file again and lists every order; retrying each unanswered key is safe: a committed one
    // answers the same order, a lost one is made now, once.
    const running = await runStudio(dataDir);
    try {
      const client = await bounded(TestClient.connect(running.host.port, running.host.token), 'connect');
      clients.push(client);
      assert.equal((await call(client, 'orders.list', { limit: 1 })).total, committed.size);
      for (const key of unanswered) {
        const order = await call(client, 'orders.create', { input: sent.get(key)!, key });
        if (committed.has(key)) assert.equal(order.id, committed.get(key), `retry of committed ${key}`);
        assert.equal(order.lines.length, sent.get(key)!.lines.length);
      }
      assert.equal((await call(client, 'orders.list', { limit: 1 })).total, sent.size, 'one order per key sent');
    } finally {
      await running.stop();
    }
  },
);
