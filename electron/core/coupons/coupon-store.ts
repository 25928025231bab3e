// The coupons and coupon_products tables: SQL in, Coupon objects out. No validation here (see coupon-rules.ts).
// Statements are prepared once; a coupon and its product list are written in one transaction.
import type { Db } from '../db/connection.ts';
import { recordMeta } from '../db/record-meta.ts';
import type { Coupon, CouponKind, CouponScope } from '../protocol/coupon-schemas.ts';
import type { CouponFields } from './coupon-rules.ts';

interface CouponRow {
  id: number;
  name: string;
  kind: CouponKind;
  threshold_fen: number | null;
  off_fen: number | null;
  rate: number | null;
  cap_fen: number | null;
  scope: CouponScope;
  quantity: number | null;
  claimed: number;
  per_buyer_limit: number;
  valid_from: number;
  valid_until: number;
  archived_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
  /** JSON array of product ids, ascending (built by the SELECT below). */
  product_ids: string;
}

// The product list rides along as JSON: one statement per read instead of one more query per coupon.
const SELECT = `SELECT c.*, (
    SELECT json_group_array(product_id) FROM (SELECT product_id FROM coupon_products WHERE coupon_id = c.id ORDER BY product_id)
  ) AS product_ids FROM coupons c`;

function toCoupon(row: CouponRow): Coupon {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    thresholdFen: row.threshold_fen,
    offFen: row.off_fen,
    rate: row.rate,
    capFen: row.cap_fen,
    scope: row.scope,
    productIds: JSON.parse(row.product_ids) as number[],
    quantity: row.quantity,
    claimed: row.claimed,
    perBuyerLimit: row.per_buyer_limit,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    ...recordMeta(row),
  };
}

export class CouponStore {
  private readonly db: Db;
  private readonly byId;
  private readonly listActive;
  private readonly listArchived;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly archiveStmt;
  private readonly claimStmt;
  private readonly releaseStmt;
  private readonly clearProducts;
  private readonly addProduct;
  private readonly insertTx;
  private readonly updateTx;

  constructor(db: Db) {
    this.db = db;
    this.byId = db.prepare<[number], CouponRow>(`${SELECT} WHERE c.id = ?`);
    // Newest first: the coupon just made is the one the seller looks for.
    this.listActive = db.prepare<[], CouponRow>(`${SELECT} WHERE c.archived_at IS NULL ORDER BY c.id DESC`);
    this.listArchived = db.prepare<[], CouponRow>(`${SELECT} WHERE c.archived_at IS NOT NULL ORDER BY c.id DESC`);
    this.insertStmt = db.prepare<[CouponFields & { now: number }], { id: number }>(
      // Parameters are named as CouponFields names them (its productIds are coupon_products rows, not a column).
      `INSERT INTO coupons (name, kind, threshold_fen, off_fen, rate, cap_fen, scope, quantity, per_buyer_limit,
         valid_from, valid_until, created_at, updated_at)
       VALUES (@name, @kind, @thresholdFen, @offFen, @rate, @capFen, @scope, @quantity, @perBuyerLimit,
         @validFrom, @validUntil, @now, @now) RETURNING id`,
    );
    // The version check lives in the WHERE clause: a stale edit updates nothing instead of overwriting.
    this.updateStmt = db.prepare<[CouponFields & { id: number; expected: number; now: number }], { id: number }>(
      `UPDATE coupons SET name = @name, kind = @kind, threshold_fen = @thresholdFen, off_fen = @offFen, rate = @rate,
         cap_fen = @capFen, scope = @scope, quantity = @quantity, per_buyer_limit = @perBuyerLimit,
         valid_from = @validFrom, valid_until = @validUntil, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @expected RETURNING id`,
    );
    this.archiveStmt = db.prepare<
      [{ id: number; expected: number; archived: number | null; now: number }],
      { id: number }
    >(
      `UPDATE coupons SET archived_at = @archived, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @expected RETURNING id`,
    );
    this.claimStmt = db.prepare(
      `UPDATE coupons SET claimed = claimed + 1, updated_at = @now WHERE id = @id AND (quantity IS NULL OR claimed < quantity)`,
    );
    this.releaseStmt = db.prepare(
      `UPDATE coupons SET claimed = claimed - 1, updated_at = @now WHERE id = @id AND claimed > 0`,
    );
    this.clearProducts = db.prepare<[number]>('DELETE FROM coupon_products WHERE coupon_id = ?');
    this.addProduct = db.prepare<[number, number]>('INSERT INTO coupon_products (coupon_id, product_id) VALUES (?, ?)');
    // Transactions nest inside a caller's (better-sqlite3 uses a savepoint then).
    this.insertTx = db.transaction((fields: CouponFields, now: number): Coupon => {
      const { id } = this.insertStmt.get({ ...fields, now })!;
      for (const productId of fields.productIds) this.addProduct.run(id, productId);
      return this.get(id)!;
    });
    this.updateTx = db.transaction(
      (id: number, expected: number, fields: CouponFields, now: number): Coupon | undefined => {
        if (!this.updateStmt.get({ ...fields, id, expected, now })) return undefined;
        this.clearProducts.run(id);
        for (const productId of fields.productIds) this.addProduct.run(id, productId);
        return this.get(id)!;
      },
    );
  }

  get(id: number): Coupon | undefined {
    const row = this.byId.get(id);
    return row && toCoupon(row);
  }

  /** One more claimed by an order; false when none are left. */
  claim(id: number, now: number): boolean {
    return this.claimStmt.run({ id, now }).changes === 1;
  }

  /** An order that had it was cancelled: one fewer claimed. */
  release(id: number, now: number): void {
    this.releaseStmt.run({ id, now });
  }

  list(archived: boolean): Coupon[] {
    return (archived ? this.listArchived : this.listActive).all().map(toCoupon);
  }

  insert(fields: CouponFields, now: number): Coupon {
    return this.insertTx(fields, now);
  }

  /** Returns undefined when `expected` is no longer the current version (and then changes nothing). */
  update(id: number, expected: number, fields: CouponFields, now: number): Coupon | undefined {
    return this.updateTx(id, expected, fields, now);
  }

  setArchived(id: number, expected: number, archived: boolean, now: number): Coupon | undefined {
    const row = this.archiveStmt.get({ id, expected, archived: archived ? now : null, now });
    return row && this.get(id);
  }
}
