// The floor under orders.create: better-sqlite3 alone, on fresh files with the studio's own schema and pragmas
// (openDatabase: WAL, synchronous=FULL, foreign keys), no protocol, no checks, no reads:
//   - insert: the order row and its line, one transaction per order (the brief's "what a committed order costs");
//   - every write: the same plus everything the studio's transaction also writes (the stock, the coupon claim, the
//     day's order counter, the first history entry), one transaction per order;
//   - batched: the inserts of the first, all in one transaction, for reference.
import { openDatabase, type Db } from '../../electron/core/db/connection.ts';
import { now, summarize, type LatencySummary } from './measure.ts';

const STOCK = 10_000_000;
const BUYERS = 500;

export interface BaselineSide {
  orders: number;
  wallMs: number;
  ordersPerSecond: number;
  latency: LatencySummary;
}

export interface BaselineResult {
  insert: BaselineSide;
  everyWrite: BaselineSide;
  batched: { orders: number; wallMs: number; ordersPerSecond: number };
  pragmas: Record<string, unknown>;
}

type Variant = 'insert' | 'everyWrite';

/** A fresh file with a product, a live show and a coupon for the rows to name; `write(k)` writes the k-th order. */
function baselineDb(file: string, variant: Variant) {
  const db = openDatabase(file);
  const t = Date.now();
  const id = (sql: string, ...args: unknown[]) => Number(db.prepare(sql).run(...args).lastInsertRowid);
  const productId = id(
    `INSERT INTO products (title, price_fen, stock, sku, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    '压测商品 1号 东北大米 5kg',
    2990,
    STOCK,
    'ORD-1',
    t,
    t,
  );
  const sessionId = id(
    `INSERT INTO live_sessions (title, state, started_at, created_at, updated_at) VALUES (?, 'live', ?, ?, ?)`,
    '压测专场',
    t,
    t,
    t,
  );
  const couponId = id(
    `INSERT INTO coupons (name, kind, off_fen, scope, per_buyer_limit, valid_from, valid_until, created_at, updated_at)
     VALUES ('立减3元', 'direct', 300, 'shop', 100, ?, ?, ?, ?)`,
    t - 60_000,
    t + 3_600_000,
    t,
    t,
  );
  const order = db.prepare(
    `INSERT INTO orders (order_no, session_id, status, buyer, phone, address, note, coupon_id, coupon_name,
       subtotal_fen, discount_fen, paid_fen, units, idem_key, created_at, updated_at)
     VALUES (?, ?, 'pending', ?, '', ?, '', ?, '立减3元', 5980, 300, 5680, 2, ?, ?, ?)`,
  );
  const line = db.prepare(
    `INSERT INTO order_lines (order_id, line_no, product_id, title, sku, link_no, unit_price_fen, quantity, discount_fen)
     VALUES (?, 1, ?, '压测商品 1号 东北大米 5kg', 'ORD-1', 1, 2990, 2, 300)`,
  );
  const stock = db.prepare(
    `UPDATE products SET stock = stock - 2, version = version + 1, updated_at = ? WHERE id = ? AND stock >= 2`,
  );
  const claim = db.prepare(`UPDATE coupons SET claimed = claimed + 1, updated_at = ? WHERE id = ?`);
  const day = db.prepare(
    `INSERT INTO order_days (day, last_seq) VALUES ('250301', 1)
     ON CONFLICT (day) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
  );
  const history = db.prepare(
    `INSERT INTO order_history (order_id, at, from_status, to_status, role, client)
     VALUES (?, ?, NULL, 'pending', 'host', 'bench')`,
  );
  const write = (k: number) => {
    const at = Date.now();
    if (variant === 'everyWrite') {
      stock.run(at, productId);
      claim.run(at, couponId);
      day.get();
    }
    const buyer = `买家${String(k % BUYERS).padStart(3, '0')}号`;
    const address = '浙江省杭州市余杭区五常街道文一西路 969 号';
    const orderNo = `B-${String(k).padStart(7, '0')}`;
    const orderId = order.run(orderNo, sessionId, buyer, address, couponId, `bench-${k}`, at, at).lastInsertRowid;
    line.run(orderId, productId);
    if (variant === 'everyWrite') history.run(orderId, at);
  };
  return { db, write };
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

function pragmas(db: Db): Record<string, unknown> {
  const get = (name: string) => db.pragma(name, { simple: true });
  return {
    journal_mode: get('journal_mode'),
    synchronous: SYNCHRONOUS[get('synchronous') as number],
    foreign_keys: get('foreign_keys'),
  };
}

/** One transaction per order, one after another, after a warm-up; each commit timed. */
function perOrder(file: string, variant: Variant, n: number, warmup: number): BaselineSide {
  const { db, write } = baselineDb(file, variant);
  try {
    const each = db.transaction((k: number) => write(k));
    for (let k = 0; k < warmup; k++) each.immediate(k);
    const samples: number[] = [];
    const t0 = now();
    for (let k = warmup; k < warmup + n; k++) {
      const t = now();
      each.immediate(k);
      samples.push(now() - t);
    }
    const wallMs = now() - t0;
    return { orders: n, wallMs, ordersPerSecond: (n / wallMs) * 1000, latency: summarize(samples) };
  } finally {
    db.close();
  }
}

export function benchOrdersBaseline(opts: { baselineFile: string; n: number; warmup: number }): BaselineResult {
  const insert = perOrder(`${opts.baselineFile}-insert.db`, 'insert', opts.n, opts.warmup);
  const everyWrite = perOrder(`${opts.baselineFile}-every-write.db`, 'everyWrite', opts.n, opts.warmup);
  const { db, write } = baselineDb(`${opts.baselineFile}-batched.db`, 'insert');
  try {
    const used = pragmas(db);
    const t0 = now();
    db.transaction(() => {
      for (let k = 0; k < opts.n; k++) write(k);
    }).immediate();
    const wallMs = now() - t0;
    return {
      insert,
      everyWrite,
      batched: { orders: opts.n, wallMs, ordersPerSecond: (opts.n / wallMs) * 1000 },
      pragmas: used,
    };
  } finally {
    db.close();
  }
}
