// Orders per second through the protocol: N clients on a real web host on loopback each take single-line orders
// by link number in a live show as fast as their replies come back (one call at a time per client, as a person at
// the quick entry), with two pushed coupons, so every order runs the stock check, coupon selection and claim, the
// day's order number, its history and its events. Beside it, the floor (orders-baseline.ts): the same order rows
// inserted by better-sqlite3 alone, one transaction per order.
import WebSocket from 'ws';
import { wsProtocols } from '../../electron/core/protocol/bridge.ts';
import { runStudio } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';
import { now, summarize, type LatencySummary } from './measure.ts';
import { benchOrdersBaseline, type BaselineResult } from './orders-baseline.ts';
import type { Row } from './report.ts';

export interface OrdersRateOptions {
  dataDir: string;
  /** Baseline files (one per variant) are made under this prefix. */
  baselineFile: string;
  /** Measured orders in all, split between the clients. */
  n: number;
  warmup: number;
  clients: number;
}

export interface RateSide {
  orders: number;
  wallMs: number;
  ordersPerSecond: number;
  latency: LatencySummary;
}

export interface OrdersRateResult extends BaselineResult {
  n: number;
  warmup: number;
  clients: number;
  bagSize: number;
  pushedCoupons: number;
  studio: RateSide & { couponed: number };
  /** The same orders from one client alone (n / clients of them): latency with nobody else's commit ahead. */
  oneClient: RateSide;
  /** After the run: orders on disk, and whether the bag's stock went down by exactly the units ordered. */
  check: { ordersOnDisk: number; stockAddsUp: boolean };
}

const BAG_SIZE = 10;
const STOCK = 10_000_000;
const CALL_TIMEOUT_MS = 10_000;
const BUYERS = 500;

/** One connection taking orders one at a time; every message is parsed, as a real client does. */
class OrderSocket {
  private readonly ws: WebSocket;
  private nextId = 1;
  private waiting: { id: number; resolve(ok: boolean): void; reject(e: Error): void } | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { type?: string; id?: number; ok?: boolean; error?: unknown };
      const w = this.waiting;
      if (msg.type !== 'reply' || !w || msg.id !== w.id) return;
      this.waiting = null;
      if (msg.ok) w.resolve(true);
      else w.reject(new Error(`orders.create failed: ${JSON.stringify(msg.error)}`));
    });
    ws.on('close', (code) => this.waiting?.reject(new Error(`socket closed (${code}) while waiting`)));
  }

  static async open(port: number, token: string): Promise<OrderSocket> {
    // The token goes in the upgrade (a subprotocol); a refused one is closed with 4401 at once.
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, wsProtocols(token), { handshakeTimeout: CALL_TIMEOUT_MS });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`closed ${code} instead of accepting the token`)));
    });
    const socket = new OrderSocket(ws);
    await socket.send('studio.hello', { client: 'bench' });
    return socket;
  }

  send(method: string, params: unknown): Promise<boolean> {
    const id = this.nextId++;
    return new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} took over ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
      this.waiting = {
        id,
        resolve: (ok) => {
          clearTimeout(timer);
          resolve(ok);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.ws.send(JSON.stringify({ type: 'request', id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

let keySeq = 0;
/** The k-th order: one line by link number, quantity 1–3, from one of BUYERS regulars, with an idempotency key. */
function orderParams(k: number) {
  return {
    input: {
      lines: [{ linkNo: 1 + (k % BAG_SIZE), quantity: 1 + (k % 3) }],
      buyer: `买家${String(k % BUYERS).padStart(3, '0')}号`,
      address: '浙江省杭州市余杭区五常街道文一西路 969 号',
    },
    key: `bench-${++keySeq}`,
  };
}

/** Every socket takes orders one at a time until `count` are made in all; latencies in ms. */
async function takeOrders(sockets: OrderSocket[], count: number, into: number[]): Promise<number> {
  let next = 0;
  const t0 = now();
  await Promise.all(
    sockets.map(async (socket) => {
      while (next < count) {
        const params = orderParams(next++);
        const t = now();
        await socket.send('orders.create', params);
        into.push(now() - t);
      }
    }),
  );
  return now() - t0;
}

async function benchStudio(opts: OrdersRateOptions) {
  const running = await runStudio(opts.dataDir);
  const sockets: OrderSocket[] = [];
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
    setup.close();

    for (let c = 0; c < opts.clients; c++) sockets.push(await OrderSocket.open(host.port, host.token));
    await takeOrders(sockets, opts.warmup, []);
    const samples: number[] = [];
    const wallMs = await takeOrders(sockets, opts.n, samples);
    const oneN = Math.max(1, Math.floor(opts.n / opts.clients));
    const oneSamples: number[] = [];
    const oneMs = await takeOrders(sockets.slice(0, 1), oneN, oneSamples);

    const db = studio.db;
    const ordersOnDisk = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    const couponed = (db.prepare('SELECT count(*) AS n FROM orders WHERE coupon_id IS NOT NULL').get() as { n: number })
      .n;
    const sold = db.prepare('SELECT coalesce(sum(quantity), 0) AS n FROM order_lines').get() as { n: number };
    const left = db.prepare(`SELECT sum(stock) AS n FROM products WHERE id IN (${productIds.join(',')})`).get() as {
      n: number;
    };
    return {
      side: {
        orders: opts.n,
        wallMs,
        ordersPerSecond: (opts.n / wallMs) * 1000,
        latency: summarize(samples),
        couponed,
      },
      oneClient: {
        orders: oneN,
        wallMs: oneMs,
        ordersPerSecond: (oneN / oneMs) * 1000,
        latency: summarize(oneSamples),
      },
      check: { ordersOnDisk, stockAddsUp: left.n === STOCK * BAG_SIZE - sold.n },
    };
  } finally {
    for (const s of sockets) s.close();
    await running.stop();
  }
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
      note: `studio = ${n} orders (after ${r.warmup} warm-up) over a real WebSocket on loopback, ${r.clients} clients in this process each one call at a time: one line by link number in a live show (${r.bagSize} products in the bag), ${r.pushedCoupons} coupons pushed (${r.studio.couponed} orders got one), stock check, coupon choice and claim, order number, history, events to every client, commit; ${r.check.ordersOnDisk} orders on disk afterwards, stock ${r.check.stockAddsUp ? 'adds up' : 'DOES NOT ADD UP'}. Baseline = better-sqlite3 alone inserting the same order row and line into the studio's schema on a fresh file (${p.journal_mode}, synchronous=${p.synchronous}, foreign_keys=${p.foreign_keys}), one transaction per order, one after another`,
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
      note: `studio: send to reply (a call may wait behind the other clients' commits: orders are written one at a time); baseline: one insert transaction, commit included`,
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
  ];
}
