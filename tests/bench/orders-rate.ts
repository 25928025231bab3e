// Orders per second through the protocol: N clients on a real web host on loopback each take single-line orders
// by link number in a live show as fast as their replies come back (one call at a time per client, as a person at
// the quick entry), with two pushed coupons, so every order runs the stock check, coupon selection and claim, the
// day's order number, its history and its events. The clients live in a child process (orders-child.ts), as
// assistants are on devices of their own. Beside it, the floor (orders-baseline.ts): the same order rows inserted
// by better-sqlite3 alone, one transaction per order. Then a flash sale (秒杀): one product with 500 units raced by
// the clients and the order API at once, which must sell exactly 500.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runStudio } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';
import { summarize, type LatencySummary } from './measure.ts';
import { benchOrdersBaseline, type BaselineResult } from './orders-baseline.ts';
import type { FlashResult, OrdersChildMark, OrdersChildReply, OrdersChildRequest } from './orders-child.ts';
import type { Row } from './report.ts';

export interface OrdersRateOptions {
  dataDir: string;
  /** Baseline files (one per variant) are made under this prefix. */
  baselineFile: string;
  /** Measured orders in all, split between the clients. */
  n: number;
  warmup: number;
  clients: number;
  /** Units of the flash sale's product (0: no flash sale). */
  flashUnits?: number;
}

export interface RateSide {
  orders: number;
  wallMs: number;
  ordersPerSecond: number;
  latency: LatencySummary;
}

export interface FlashSide {
  units: number;
  clients: number;
  sold: number;
  soldByApi: number;
  orders: number;
  refusals: number;
  wallMs: number;
  latency: LatencySummary;
  /** On disk afterwards: the product's stock, and the units its order lines hold. */
  stockLeft: number;
  unitsOnDisk: number;
}

export interface OrdersRateResult extends BaselineResult {
  n: number;
  warmup: number;
  clients: number;
  bagSize: number;
  pushedCoupons: number;
  /** CPU time over the measured part: the studio's process, and the clients' (every client parses every event). */
  studio: RateSide & { couponed: number; studioCpuMs: number; clientsCpuMs: number };
  /** The same orders from one client alone (n / clients of them): latency with nobody else's commit ahead. */
  oneClient: RateSide;
  /** After the run: orders on disk, and whether the bag's stock went down by exactly the units ordered. */
  check: { ordersOnDisk: number; stockAddsUp: boolean };
  flash: FlashSide | null;
}

const BAG_SIZE = 10;
const STOCK = 10_000_000;
const CHILD_TIMEOUT_MS = 30 * 60_000;
const CHILD = fileURLToPath(new URL('./orders-child.ts', import.meta.url));

/** Runs one request in a fresh child process and returns its answer. */
function inChild<R extends OrdersChildReply>(
  request: OrdersChildRequest,
  onMark: (mark: OrdersChildMark['mark']) => void = () => {},
): Promise<R> {
  const child = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<R>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the order takers' child took over ${CHILD_TIMEOUT_MS} ms`));
    }, CHILD_TIMEOUT_MS);
    child.on('message', (message) => {
      if ((message as Partial<OrdersChildMark>).mark) return onMark((message as OrdersChildMark).mark);
      clearTimeout(timer);
      child.disconnect();
      const reply = message as OrdersChildReply;
      if (reply.ok) resolve(reply as R);
      else reject(new Error(`the order takers' child failed: ${reply.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the order takers' child exited (${signal ?? code}) before answering`));
    });
    child.send(request);
  });
}

async function benchStudio(opts: OrdersRateOptions) {
  const running = await runStudio(opts.dataDir);
  try {
    const { host, studio } = running;
    const setup = await TestClient.connect(host.port, host.token);
    const show = await setup.call('live.createSession', { input: { title: '压测专场' } });
    const productIds: number[] = [];
    for (let k = 1; k <= BAG_SIZE; k++) {
      const priceFen = 1990 + 1000 * k; // some baskets reach 满100, some do not
      const input = { title: `压测商品 ${k}号 东北大米 5kg`, priceFen, stock: STOCK, sku: `ORD-${k}` };
      const product = await setup.call('catalog.create', { input });
      await setup.call('live.bagAdd', { sessionId: show.id, productId: product.id });
      productIds.push(product.id);
    }
    await setup.call('live.goLive', { id: show.id });
    const t = Date.now();
    const window = { validFrom: t - 60_000, validUntil: t + 24 * 3_600_000, perBuyerLimit: 100 };
    for (const input of [
      { name: '满100减10', kind: 'threshold' as const, thresholdFen: 10000, offFen: 1000, ...window },
      { name: '立减3元', kind: 'direct' as const, offFen: 300, ...window },
    ]) {
      const coupon = await setup.call('coupons.create', { input });
      await setup.call('live.pushCoupon', { sessionId: show.id, couponId: coupon.id });
    }

    const oneN = Math.max(1, Math.floor(opts.n / opts.clients));
    let cpu0 = process.cpuUsage();
    let studioCpuMs = NaN;
    const taken = await inChild<Extract<OrdersChildReply, { op: 'rate' }>>(
      { op: 'rate', port: host.port, token: host.token, clients: opts.clients, warmup: opts.warmup, n: opts.n, oneN },
      (mark) => {
        if (mark === 'start') cpu0 = process.cpuUsage();
        const used = process.cpuUsage(cpu0);
        if (mark === 'end') studioCpuMs = (used.user + used.system) / 1000;
      },
    );

    const db = studio.db;
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const ordersOnDisk = count('SELECT count(*) AS n FROM orders');
    const couponed = count('SELECT count(*) AS n FROM orders WHERE coupon_id IS NOT NULL');
    const sold = count('SELECT coalesce(sum(quantity), 0) AS n FROM order_lines');
    const left = count(`SELECT sum(stock) AS n FROM products WHERE id IN (${productIds.join(',')})`);

    let flash: FlashSide | null = null;
    const units = opts.flashUnits ?? 0;
    if (units > 0) {
      const input = { title: '秒杀 五常大米 10kg', priceFen: 3990, stock: units, sku: 'FLASH-1' };
      const product = await setup.call('catalog.create', { input });
      const slot = await setup.call('live.bagAdd', { sessionId: show.id, productId: product.id });
      const linkNo = slot.find((s) => s.productId === product.id)!.linkNo;
      const raced = await inChild<Extract<OrdersChildReply, { op: 'flash' }>>({
        op: 'flash',
        port: host.port,
        token: host.token,
        clients: opts.clients,
        linkNo,
      });
      flash = flashSide(raced.flash, units, opts.clients, {
        stockLeft: count(`SELECT stock AS n FROM products WHERE id = ${product.id}`),
        unitsOnDisk: count(`SELECT coalesce(sum(quantity), 0) AS n FROM order_lines WHERE product_id = ${product.id}`),
      });
    }
    setup.close();
    return {
      side: {
        orders: opts.n,
        wallMs: taken.wallMs,
        ordersPerSecond: (opts.n / taken.wallMs) * 1000,
        latency: summarize(taken.samples),
        couponed,
        studioCpuMs,
        clientsCpuMs: taken.cpuMs,
      },
      oneClient: {
        orders: oneN,
        wallMs: taken.oneMs,
        ordersPerSecond: (oneN / taken.oneMs) * 1000,
        latency: summarize(taken.oneSamples),
      },
      check: { ordersOnDisk, stockAddsUp: left === STOCK * BAG_SIZE - sold },
      flash,
    };
  } finally {
    await running.stop();
  }
}

function flashSide(
  f: FlashResult,
  units: number,
  clients: number,
  disk: { stockLeft: number; unitsOnDisk: number },
): FlashSide {
  return {
    units,
    clients,
    sold: f.soldByClients + f.soldByApi,
    soldByApi: f.soldByApi,
    orders: f.orders,
    refusals: f.refusals,
    wallMs: f.wallMs,
    latency: summarize(f.samples),
    ...disk,
  };
}

export async function benchOrdersRate(opts: OrdersRateOptions): Promise<OrdersRateResult> {
  const studio = await benchStudio(opts);
  const base = benchOrdersBaseline(opts);
  return {
    n: opts.n,
    warmup: opts.warmup,
    clients: opts.clients,
    bagSize: BAG_SIZE,
    pushedCoupons: 2,
    studio: studio.side,
    oneClient: studio.oneClient,
    ...base,
    check: studio.check,
    flash: studio.flash,
  };
}

export function ordersRateRows(r: OrdersRateResult): Row[] {
  const c = `${r.clients} clients`;
  const n = r.n.toLocaleString('en-US');
  const p = r.pragmas;
  return [
    {
      name: `orders.create throughput, ${c}`,
      unit: 'orders/s',
      studio: r.studio.ordersPerSecond,
      baseline: r.insert.ordersPerSecond,
      higherIsBetter: true,
      note: `studio = ${n} orders (after ${r.warmup} warm-up) over a real WebSocket on loopback, ${r.clients} clients in a child process each one call at a time: one line by link number in a live show (${r.bagSize} products in the bag), ${r.pushedCoupons} coupons pushed (${r.studio.couponed} orders got one), stock check, coupon choice and claim, order number, history, events to every client (CPU over the run: the studio ${(r.studio.studioCpuMs / r.n).toFixed(3)} ms per order, the clients' process ${(r.studio.clientsCpuMs / r.n).toFixed(3)} ms), group commit (the orders that arrive while a commit is in flight share the next one, each in its own savepoint; every reply after its fsync); ${r.check.ordersOnDisk} orders on disk afterwards, stock ${r.check.stockAddsUp ? 'adds up' : 'DOES NOT ADD UP'}. Baseline = better-sqlite3 alone inserting the same order row and line into the studio's schema on a fresh file (${p.journal_mode}, synchronous=${p.synchronous}, foreign_keys=${p.foreign_keys}), one transaction per order, one after another`,
    },
    {
      name: `orders.create latency p50, ${c}`,
      unit: 'ms',
      studio: r.studio.latency.p50Ms,
      baseline: r.insert.latency.p50Ms,
    },
    {
      name: `orders.create latency p99, ${c}`,
      unit: 'ms',
      studio: r.studio.latency.p99Ms,
      baseline: r.insert.latency.p99Ms,
      note: `studio: send to reply, commit included (a call waits for the commit of its group); baseline: one insert transaction, commit included`,
    },
    {
      name: 'orders.create throughput, 1 client',
      unit: 'orders/s',
      studio: r.oneClient.ordersPerSecond,
      baseline: r.insert.ordersPerSecond,
      higherIsBetter: true,
      note: `${r.oneClient.orders} orders from one client alone, one call at a time: every order waits for its own fsync and a round trip, against the same insert baseline`,
    },
    {
      name: 'orders.create latency p50, 1 client',
      unit: 'ms',
      studio: r.oneClient.latency.p50Ms,
      baseline: r.insert.latency.p50Ms,
    },
    {
      name: 'orders.create latency p99, 1 client',
      unit: 'ms',
      studio: r.oneClient.latency.p99Ms,
      baseline: r.insert.latency.p99Ms,
      note: `${r.oneClient.orders} more orders from one client alone (${r.oneClient.ordersPerSecond.toFixed(0)} orders/s), against the same insert baseline`,
    },
    {
      name: 'orders.create throughput vs every write of an order',
      unit: 'orders/s',
      studio: r.studio.ordersPerSecond,
      baseline: r.everyWrite.ordersPerSecond,
      higherIsBetter: true,
      note: `the studio's ${r.clients}-client figure again; baseline = the insert baseline plus the other writes of the studio's transaction (stock, coupon claim, day counter, history entry), one transaction per order (p50 ${r.everyWrite.latency.p50Ms.toFixed(3)} ms): what is left is the protocol, the checks and reads, and the events`,
    },
    {
      name: 'reference: the inserts batched in one transaction',
      unit: 'orders/s',
      studio: null,
      baseline: r.batched.ordersPerSecond,
      higherIsBetter: true,
      note: `the insert baseline's ${n} orders in one commit: SQLite without an fsync per order (not how orders can be taken: each must be on disk before its reply)`,
    },
    ...flashRows(r.flash),
  ];
}

function flashRows(f: FlashSide | null): Row[] {
  if (!f) return [];
  const exact = f.sold === f.units && f.unitsOnDisk === f.units && f.stockLeft === 0;
  return [
    {
      name: `flash sale: ${f.units} units, ${f.clients} clients + the order API`,
      unit: 'units sold',
      studio: f.sold,
      baseline: f.units,
      note: `${exact ? 'exactly the stock sold' : 'SOLD ≠ STOCK'}: ${f.sold} units acknowledged (${f.soldByApi} through POST /api/orders) in ${f.orders} orders, ${f.unitsOnDisk} units in the order lines on disk, stock left ${f.stockLeft}; ${f.refusals} "only n left" answers (a taker then asks for 1, and stops when 1 is refused). Baseline = the units in stock`,
    },
    {
      name: 'flash sale: order latency p99',
      unit: 'ms',
      studio: f.latency.p99Ms,
      baseline: null,
      note: `sold out in ${(f.wallMs / 1000).toFixed(2)} s, p50 ${f.latency.p50Ms.toFixed(2)} ms; goal p99 under 20 ms`,
    },
  ];
}
