// A big, realistic order log written straight into a data directory the studio has migrated: a show a day for two
// months, orders of one to three lines with Chinese buyers, addresses and notes, coupons shared over the lines,
// statuses from pending to shipped (with couriers), one history entry each. Plain SQL in big transactions, so a
// million lines take seconds; every CHECK of the schema still holds (the database checks each row).
import path from 'node:path';
import Database from 'better-sqlite3';
import { localDay } from '../../electron/core/orders/order-number.ts';
import { DB_FILE, openStudio } from '../../electron/core/studio.ts';
import { generateProducts } from './product-data.ts';
import { seededRandom } from '../support/seeded-random.ts';

export interface SeededOrders {
  dbFile: string;
  orders: number;
  lines: number;
  seconds: number;
}

const DAYS = 60;
const PRODUCTS = 300;
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明'];
const NICKNAMES = ['爱吃水果的猫', '小王同学', '🍓草莓酱', '-小鱼-', '追光的向日葵', '宝妈 Lily', '老张家的"闺女"'];
const PLACES = [
  ['浙江省', '杭州市', '西湖区'],
  ['广东省', '深圳市', '南山区'],
  ['四川省', '成都市', '武侯区'],
  ['北京市', '北京市', '朝阳区'],
  ['湖北省', '武汉市', '洪山区'],
  ['黑龙江省', '哈尔滨市', '南岗区'],
  ['云南省', '昆明市', '五华区'],
];
const STREETS = ['文三路', '科技园南路', '人民南路四段', '建国路', '珞喻路', '西大直街', '青年路'];
const NOTES = [
  '',
  '',
  '',
  '',
  '不要辣',
  '周末送货',
  '请尽快发货，谢谢！',
  '送人的, 不要放发票',
  '"加急"',
  '多送点赠品\n谢谢主播',
];
const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '京东物流', '邮政EMS'];
const COUPONS = [
  { name: '满100减10', kind: 'threshold', threshold: 10000, off: 1000 },
  { name: '满300减40', kind: 'threshold', threshold: 30000, off: 4000 },
  { name: '立减5元', kind: 'direct', threshold: null, off: 500 },
] as const;

/** Opens a fresh data dir through the studio (schema, pragmas), then fills it until it holds `lineCount` lines. */
export async function seedOrderLines(dataDir: string, lineCount: number, seed = 20240615): Promise<SeededOrders> {
  const started = performance.now();
  const studio = await openStudio({ dataDir });
  await studio.close();
  const dbFile = path.join(dataDir, DB_FILE);
  const db = new Database(dbFile);
  // Seeding only: a crash here loses nothing worth keeping, so no fsync per transaction.
  db.pragma('synchronous = OFF');
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const t0 = Date.UTC(2025, 2, 1, 11); // 19:00 in China on the first show's day
  try {
    const insertProduct = db.prepare(
      `INSERT INTO products (title, price_fen, stock, sku, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const products = generateProducts(PRODUCTS, seed).map((p) => ({
      ...p,
      id: Number(insertProduct.run(p.title, p.priceFen, 100_000, p.sku, t0, t0).lastInsertRowid),
    }));
    const insertSession = db.prepare(
      `INSERT INTO live_sessions (title, state, started_at, ended_at, created_at, updated_at)
       VALUES (?, 'ended', ?, ?, ?, ?)`,
    );
    const insertCoupon = db.prepare(
      `INSERT INTO coupons (name, kind, threshold_fen, off_fen, scope, per_buyer_limit, valid_from, valid_until,
         created_at, updated_at) VALUES (?, ?, ?, ?, 'shop', 5, ?, ?, ?, ?)`,
    );
    const end = t0 + DAYS * 86_400_000;
    const coupons = COUPONS.map((c) => ({
      ...c,
      id: Number(insertCoupon.run(c.name, c.kind, c.threshold, c.off, t0, end, t0, t0).lastInsertRowid),
    }));
    const insertOrder = db.prepare(
      `INSERT INTO orders (order_no, session_id, status, buyer, phone, address, note, coupon_id, coupon_name,
         subtotal_fen, discount_fen, paid_fen, units, carrier, tracking_no, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLine = db.prepare(
      `INSERT INTO order_lines (order_id, line_no, product_id, title, sku, link_no, unit_price_fen, quantity,
         discount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertHistory = db.prepare(
      `INSERT INTO order_history (order_id, at, from_status, to_status, role, client) VALUES (?, ?, NULL, ?, ?, ?)`,
    );
    const setDay = db.prepare(`INSERT OR REPLACE INTO order_days (day, last_seq) VALUES (?, ?)`);

    const perDay = Math.ceil(lineCount / DAYS);
    let lines = 0;
    let orders = 0;
    const fill = db.transaction((day: number, sessionId: number, budget: number) => {
      const start = t0 + day * 86_400_000;
      const dayNo = localDay(start);
      let seq = 0;
      while (budget > 0) {
        const count = Math.min(budget, 1 + Math.floor(rand() * 3));
        const basket = Array.from({ length: count }, () => {
          const p = pick(products);
          return { p, quantity: 1 + Math.floor(rand() * 3), linkNo: 1 + (p.id % 40) };
        });
        const subtotal = basket.reduce((n, l) => n + l.p.priceFen * l.quantity, 0);
        const coupon = rand() < 0.4 ? pick(coupons) : null;
        const off = coupon && (coupon.threshold === null || subtotal >= coupon.threshold) ? coupon.off : 0;
        const status = pick(['pending', 'paid', 'paid', 'shipped', 'shipped', 'completed', 'cancelled'] as const);
        const shipped = status === 'shipped' || status === 'completed';
        const at = start + Math.floor((++seq * 3 * 3_600_000) / perDay); // a three-hour show
        const [province, city, district] = pick(PLACES);
        const buyer = rand() < 0.2 ? pick(NICKNAMES) : `${pick(SURNAMES)}${pick(GIVEN)}`;
        const orderId = Number(
          insertOrder.run(
            `${dayNo}-${String(seq).padStart(3, '0')}`,
            sessionId,
            status,
            buyer,
            `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
            `${province}${city}${district}${pick(STREETS)}${1 + Math.floor(rand() * 999)}号${rand() < 0.1 ? ', 放门口' : ''}`,
            pick(NOTES),
            off > 0 ? coupon!.id : null,
            off > 0 ? coupon!.name : null,
            subtotal,
            off,
            subtotal - off,
            basket.reduce((n, l) => n + l.quantity, 0),
            shipped ? pick(CARRIERS) : null,
            shipped ? `SF${String(Math.floor(rand() * 1e12)).padStart(12, '0')}` : null,
            at,
            at,
          ).lastInsertRowid,
        );
        // The discount shared in proportion to each line's amount, the last line taking the rounding (fen exact).
        let left = off;
        basket.forEach((l, k) => {
          const lineFen = l.p.priceFen * l.quantity;
          const share = k === count - 1 ? left : Math.min(left, Math.floor((off * lineFen) / subtotal));
          left -= share;
          insertLine.run(orderId, k + 1, l.p.id, l.p.title, l.p.sku, l.linkNo, l.p.priceFen, l.quantity, share);
        });
        insertHistory.run(orderId, at, status, rand() < 0.7 ? 'host' : 'assistant', 'browser');
        budget -= count;
        lines += count;
        orders++;
      }
      setDay.run(dayNo, seq);
    });
    for (let day = 0; day < DAYS && lines < lineCount; day++) {
      const start = t0 + day * 86_400_000;
      const title = `${localDay(start)} 助农专场 第${day + 1}场`;
      const sessionId = Number(insertSession.run(title, start, start + 4 * 3_600_000, start, start).lastInsertRowid);
      fill(day, sessionId, Math.min(perDay, lineCount - lines));
    }
    db.exec(`UPDATE coupons SET claimed = (SELECT count(*) FROM orders o WHERE o.coupon_id = coupons.id)`);
    // What the studio's file looks like after a restart: everything in the main file, the WAL empty.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { dbFile, orders, lines, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}
