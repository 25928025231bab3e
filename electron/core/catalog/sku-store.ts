// The product_skus table (规格): SQL in, Sku objects out. The product row's price, stock and code follow its live
// SKUs through a trigger on their update (migrations/0006-skus.ts); this store sets it off after adding SKUs. No
// validation here (see product-rules.ts).
import type { Db } from '../db/connection.ts';
import type { Sku } from '../protocol/catalog-schemas.ts';

export interface SkuRow {
  id: number;
  product_id: number;
  position: number;
  spec: string;
  price_fen: number;
  original_price_fen: number | null;
  stock: number;
  code: string | null;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A SKU as stored, validated; `id` null for one not stored yet. */
export interface SkuFields {
  id: number | null;
  spec: string;
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
  code: string | null;
}

export function toSku(row: SkuRow): Sku {
  return {
    id: row.id,
    spec: row.spec,
    priceFen: row.price_fen,
    originalPriceFen: row.original_price_fen,
    stock: row.stock,
    code: row.code,
  };
}

/** True when `after` edits what a person edits of `before` (anything but stock): see products.edit_version. */
export function skusEdited(before: readonly Sku[], after: readonly SkuFields[]): boolean {
  if (before.length !== after.length) return true;
  return after.some((s, i) => {
    const b = before[i]!;
    return (
      s.id !== b.id ||
      s.spec !== b.spec ||
      s.priceFen !== b.priceFen ||
      s.originalPriceFen !== b.originalPriceFen ||
      s.code !== b.code
    );
  });
}

export function sameSkus(before: readonly Sku[], after: readonly SkuFields[]): boolean {
  return !skusEdited(before, after) && after.every((s, i) => s.stock === before[i]!.stock);
}

export class SkuStore {
  private readonly ofProduct;
  private readonly ofProducts;
  private readonly byCode;
  private readonly byId;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly renameStmt;
  private readonly retireStmt;
  private readonly summaryStmt;
  private readonly setStockStmt;
  private readonly setStockOnly;

  constructor(db: Db) {
    this.ofProduct = db.prepare<[number], SkuRow>(
      'SELECT * FROM product_skus WHERE product_id = ? AND archived_at IS NULL ORDER BY position, id',
    );
    this.ofProducts = db.prepare<[string], SkuRow>(
      `SELECT * FROM product_skus WHERE product_id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL
       ORDER BY product_id, position, id`,
    );
    this.byCode = db.prepare<[string], SkuRow>('SELECT * FROM product_skus WHERE code = ?');
    this.byId = db.prepare<[number], SkuRow>('SELECT * FROM product_skus WHERE id = ?');
    this.setStockOnly = db.prepare('UPDATE product_skus SET stock = @stock, updated_at = @now WHERE id = @id');
    this.insertStmt = db.prepare(
      `INSERT INTO product_skus (product_id, position, spec, price_fen, original_price_fen, stock, code, created_at, updated_at)
       VALUES (@productId, @position, @spec, @priceFen, @originalPriceFen, @stock, @code, @now, @now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE product_skus SET position = @position, spec = @spec, price_fen = @priceFen,
         original_price_fen = @originalPriceFen, stock = @stock, code = @code, updated_at = @now
       WHERE id = @id AND product_id = @productId AND archived_at IS NULL`,
    );
    // A placeholder no one can send (the rules refuse control characters in a spec): lets two SKUs trade specs in
    // one edit without meeting the one-live-spec-per-product index halfway.
    this.renameStmt = db.prepare(
      `UPDATE product_skus SET spec = char(1) || id, code = NULL WHERE id = @id AND product_id = @productId`,
    );
    // The summary trigger (migrations/0006-skus.ts) runs on a SKU's update, not on an insert: touching one live SKU
    // has it recompute the product's summary over all of them, new ones included.
    this.summaryStmt = db.prepare(
      `UPDATE product_skus SET stock = stock
       WHERE id = (SELECT id FROM product_skus WHERE product_id = @productId AND archived_at IS NULL LIMIT 1)`,
    );
    // The product's version moves with its stock (as an order's does), so every screen redraws it.
    this.setStockStmt = db.prepare(
      `UPDATE products SET version = version + 1, updated_at = @now
       WHERE id = (SELECT product_id FROM product_skus WHERE id = @id)
         AND EXISTS (SELECT 1 FROM product_skus WHERE id = @id AND stock <> @stock)`,
    );
    // A retired SKU gives its code back: orders keep the code they were placed with (order_lines.sku).
    this.retireStmt = db.prepare(
      `UPDATE product_skus SET archived_at = @now, code = NULL, updated_at = @now WHERE id = @id AND product_id = @productId`,
    );
  }

  /** A product's live SKUs, in their order. */
  of(productId: number): Sku[] {
    return this.ofProduct.all(productId).map(toSku);
  }

  /** The live SKUs of many products at once (a page of the list, of an export). */
  ofMany(productIds: readonly number[]): Map<number, Sku[]> {
    const map = new Map<number, Sku[]>(productIds.map((id) => [id, []]));
    for (const row of this.ofProducts.all(JSON.stringify(productIds))) map.get(row.product_id)?.push(toSku(row));
    return map;
  }

  /** The SKU with this 商品编码, live or not, and its product. */
  withCode(code: string): { sku: Sku; productId: number } | undefined {
    const row = this.byCode.get(code);
    return row && { sku: toSku(row), productId: row.product_id };
  }

  /** Any SKU by id, retired ones included (orders name them), with its product. */
  get(id: number): { sku: Sku; productId: number } | undefined {
    const row = this.byId.get(id);
    return row && { sku: toSku(row), productId: row.product_id };
  }

  /** Sets one SKU's stock (the shop's count); false when it already had it. */
  setStock(id: number, stock: number, now: number): boolean {
    if (this.setStockStmt.run({ id, stock, now }).changes === 0) return false;
    this.setStockOnly.run({ id, stock, now });
    return true;
  }

  /** A new product's SKUs: its row already holds their summary (product-rules.ts summaryOf). */
  insertAll(productId: number, skus: readonly SkuFields[], now: number): void {
    skus.forEach((s, i) => this.insertStmt.run({ ...params(s), productId, position: i + 1, now }));
  }

  /**
   * Makes the product's live SKUs exactly `skus`, in that order: those with an id are updated, live ones not named
   * are retired, the rest added. The caller checked that every id is one of the product's live SKUs.
   */
  replace(productId: number, skus: readonly SkuFields[], now: number): void {
    const live = new Map(this.ofProduct.all(productId).map((row) => [row.id, row]));
    const wanted = new Map(skus.flatMap((s, i) => (s.id === null ? [] : [[s.id, { s, position: i + 1 }] as const])));
    const changed = (row: SkuRow, s: SkuFields, position: number) =>
      row.position !== position ||
      row.spec !== s.spec ||
      row.price_fen !== s.priceFen ||
      row.original_price_fen !== s.originalPriceFen ||
      row.stock !== s.stock ||
      row.code !== s.code;
    for (const row of live.values()) {
      const want = wanted.get(row.id);
      if (!want) this.retireStmt.run({ id: row.id, productId, now });
      else if (row.spec !== want.s.spec || row.code !== want.s.code) this.renameStmt.run({ id: row.id, productId });
    }
    skus.forEach((s, i) => {
      const values = { ...params(s), productId, position: i + 1, now };
      if (s.id === null) this.insertStmt.run(values);
      else if (changed(live.get(s.id)!, s, i + 1)) this.updateStmt.run({ ...values, id: s.id });
    });
    this.summaryStmt.run({ productId });
  }
}

function params(s: SkuFields) {
  return { spec: s.spec, priceFen: s.priceFen, originalPriceFen: s.originalPriceFen, stock: s.stock, code: s.code };
}
