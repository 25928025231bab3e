// Stock taken and put back by orders. The catalogue owns products and their 规格 (SKUs): the order log changes
// stock only through here (see orders/order-deps.ts), inside its own write.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.ts';

type Move = { productId: number; skuId: number; quantity: number; now: number };

export class ProductStock {
  private readonly takeStmt: Statement<[Move]>;
  private readonly returnStmt: Statement<[Move]>;
  private readonly touchStmt: Statement<[{ productId: number; now: number }]>;

  constructor(db: Db) {
    // Stock is the SKU's; the product's total follows it (migrations/0006-skus.ts), its version moves with it.
    this.takeStmt = db.prepare(
      `UPDATE product_skus SET stock = stock - @quantity, updated_at = @now
       WHERE id = @skuId AND product_id = @productId AND stock >= @quantity`,
    );
    // Units go back to the SKU they came from; if the seller has since replaced it, to the live one with the same
    // spec (counted in the product's stock again); only failing both, to the retired SKU itself.
    this.returnStmt = db.prepare(
      `UPDATE product_skus SET stock = stock + @quantity, updated_at = @now
       WHERE id = coalesce(
         (SELECT id FROM product_skus WHERE id = @skuId AND archived_at IS NULL),
         (SELECT s.id FROM product_skus s WHERE s.product_id = @productId AND s.archived_at IS NULL
            AND s.spec = (SELECT spec FROM product_skus WHERE id = @skuId)),
         @skuId)
         AND product_id = @productId`,
    );
    this.touchStmt = db.prepare(`UPDATE products SET version = version + 1, updated_at = @now WHERE id = @productId`);
  }

  /** Takes units off the shelf; false (and nothing changed) when fewer are left. */
  take(productId: number, skuId: number, quantity: number, now: number): boolean {
    if (this.takeStmt.run({ productId, skuId, quantity, now }).changes !== 1) return false;
    this.touchStmt.run({ productId, now });
    return true;
  }

  putBack(productId: number, skuId: number | null, quantity: number, now: number): void {
    // Lines from before SKUs all got theirs (migrations/0006-skus.ts): null is not expected, and returns nothing.
    if (skuId === null) return;
    this.returnStmt.run({ productId, skuId, quantity, now });
    this.touchStmt.run({ productId, now });
  }
}
