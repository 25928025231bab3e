// A show's sales report: orders, units and GMV before and after discounts, per product and per coupon, and
// sales per minute on the session clock (the UI marks the explanation segments over it). Cancelled orders
// are left out: they were never sales. Refunded ones stay in, as the platform's GMV counts them.
import type { Db } from '../db/connection.ts';
import { StudioError } from '../protocol/errors.ts';
import type { SessionReport } from '../protocol/order-schemas.ts';

export const REPORT_BUCKET_MS = 60_000;
/** A day of show: orders typed in long after the show still count in the totals, not in the chart. */
const MAX_BUCKETS = 24 * 60;

export function sessionReport(db: Db, sessionId: number): SessionReport {
  const session = db.prepare(`SELECT started_at, ended_at FROM live_sessions WHERE id = ?`).get(sessionId) as
    { started_at: number | null; ended_at: number | null } | undefined;
  if (!session) throw new StudioError('not_found', `session ${sessionId} not found`);
  const sale = `o.session_id = @sessionId AND o.status <> 'cancelled'`;
  const totals = db
    .prepare(
      `SELECT count(*) AS orders, coalesce(sum(units), 0) AS units, coalesce(sum(subtotal_fen), 0) AS subtotalFen,
         coalesce(sum(discount_fen), 0) AS discountFen, coalesce(sum(paid_fen), 0) AS paidFen
       FROM orders o WHERE ${sale}`,
    )
    .get({ sessionId }) as SessionReport['totals'];
  const productRows = db
    .prepare(
      `SELECT l.product_id AS productId, max(l.title) AS title, max(l.link_no) AS linkNo,
         count(DISTINCT o.id) AS orders, sum(l.quantity) AS units,
         sum(l.unit_price_fen * l.quantity) AS subtotalFen, sum(l.unit_price_fen * l.quantity - l.discount_fen) AS paidFen
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE ${sale}
       GROUP BY l.product_id ORDER BY paidFen DESC, l.product_id`,
    )
    .all({ sessionId }) as Array<Omit<SessionReport['products'][number], 'specs'>>;
  // Each product's sales by 规格 as sold (the spec is a snapshot on the line, like the title), '' included.
  const specRows = db
    .prepare(
      `SELECT l.product_id AS productId, l.spec AS spec, count(DISTINCT o.id) AS orders, sum(l.quantity) AS units,
         sum(l.unit_price_fen * l.quantity) AS subtotalFen, sum(l.unit_price_fen * l.quantity - l.discount_fen) AS paidFen
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE ${sale}
       GROUP BY l.product_id, l.spec ORDER BY l.product_id, paidFen DESC, l.spec`,
    )
    .all({ sessionId }) as Array<{ productId: number } & SessionReport['products'][number]['specs'][number]>;
  // Split only where a spec was sold; lines from before it had specs ('') then show as a row of their own.
  const products: SessionReport['products'] = productRows.map((p) => {
    const specs = specRows.filter((r) => r.productId === p.productId).map(({ productId: _, ...spec }) => spec);
    return { ...p, specs: specs.some((s) => s.spec !== '') ? specs : [] };
  });
  const coupons = db
    .prepare(
      `SELECT o.coupon_id AS couponId, max(o.coupon_name) AS name, count(*) AS orders, sum(o.discount_fen) AS discountFen
       FROM orders o WHERE ${sale} AND o.coupon_id IS NOT NULL GROUP BY o.coupon_id ORDER BY discountFen DESC`,
    )
    .all({ sessionId }) as SessionReport['coupons'];
  // An order belongs to the explanation running when it was placed. A platform stamps whole seconds: its order
  // stamped 20:00:00 may have been placed at 20:00:00.8, after an explanation began at 20:00:00.5.
  const placed = `(o.created_at + CASE WHEN o.platform IS NULL THEN 0 ELSE 999 END)`;
  const during = `${placed} >= g.started_at AND (g.ended_at IS NULL OR ${placed} < g.ended_at)`;
  const explanations = db
    .prepare(
      `SELECT g.id AS segmentId,
         (SELECT count(*) FROM orders o WHERE ${sale} AND ${during}) AS orders,
         (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE ${sale} AND ${during} AND l.product_id = g.product_id) AS units,
         (SELECT coalesce(sum(l.unit_price_fen * l.quantity - l.discount_fen), 0) FROM order_lines l
            JOIN orders o ON o.id = l.order_id WHERE ${sale} AND ${during} AND l.product_id = g.product_id) AS paidFen
       FROM explain_segments g WHERE g.session_id = @sessionId ORDER BY g.started_at, g.id`,
    )
    .all({ sessionId }) as SessionReport['explanations'];
  const start = session.started_at ?? 0;
  const rows = db
    .prepare(
      // CAST: a JS number is bound as REAL, which would make the division fractional.
      `SELECT CAST((o.created_at - @start) / ${REPORT_BUCKET_MS} AS INTEGER) AS bucket, count(*) AS orders, sum(o.paid_fen) AS paidFen
       FROM orders o WHERE ${sale} GROUP BY bucket ORDER BY bucket`,
    )
    .all({ sessionId, start }) as Array<{ bucket: number; orders: number; paidFen: number }>;
  // Every minute of the show, zeros included, so the chart's x axis is the session clock itself.
  const lastOrder = rows.length > 0 ? Math.max(0, rows.at(-1)!.bucket) : -1;
  const showMinutes = session.ended_at === null ? -1 : Math.floor((session.ended_at - start) / REPORT_BUCKET_MS);
  const byBucket = new Map(rows.map((r) => [Math.max(0, r.bucket), r]));
  const buckets: SessionReport['buckets'] = [];
  for (let b = 0; b <= Math.min(Math.max(lastOrder, showMinutes), MAX_BUCKETS - 1); b++) {
    const r = byBucket.get(b);
    buckets.push({ startClockMs: b * REPORT_BUCKET_MS, orders: r?.orders ?? 0, paidFen: r?.paidFen ?? 0 });
  }
  return { sessionId, totals, products, coupons, explanations, bucketMs: REPORT_BUCKET_MS, buckets };
}
