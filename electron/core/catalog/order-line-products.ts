// The library's product and 规格 for a line of a platform's order file, which names a product by its 商品编码 or
// only by its title and 规格: found by code, else by title (and 规格), else made from the line (stock 0: the
// platform keeps the stock of what it sold), so every order in the file has its lines. Call inside a transaction
// through the writer; the caller announces the new products.
import type { Db } from '../db/connection.ts';
import type { Product, SkuInput } from '../protocol/catalog-schemas.ts';
import type { CatalogService } from './catalog-service.ts';
import { productFields } from './product-rules.ts';

export interface OrderLineProduct {
  productId: number;
  skuId: number;
  /** A product or a 规格 was added to the library for this line. */
  created: boolean;
}

export class OrderLineProducts {
  private readonly catalog: CatalogService;
  private readonly byTitle;
  private readonly titles = new Map<string, number | null>();

  constructor(db: Db, catalog: CatalogService) {
    this.catalog = catalog;
    this.byTitle = db.prepare<[string], { id: number }>(
      'SELECT id FROM products WHERE title = ? AND archived_at IS NULL ORDER BY id LIMIT 1',
    );
  }

  resolve(line: { title: string; spec: string; code: string | null; priceFen: number }, now: number): OrderLineProduct {
    const { store } = this.catalog;
    const owner = line.code ? store.skus.withCode(line.code) : undefined;
    const coded = owner && store.get(owner.productId);
    const codedSku = coded?.skus.find((s) => s.id === owner!.sku.id);
    if (coded && codedSku) return { productId: coded.id, skuId: codedSku.id, created: false };

    const spec = line.spec.trim();
    const existing = this.productTitled(line.title);
    if (existing) {
      const first = existing.skus[0]!;
      const named = existing.skus.find((s) => s.spec === spec);
      // No 规格 on the line, or a product without 规格: its (first) SKU.
      const same = named ?? (!spec || (existing.skus.length === 1 && first.spec === '') ? first : undefined);
      if (same) return { productId: existing.id, skuId: same.id, created: false };
      // A 规格 the library does not have yet: added to the product, stock 0.
      const skus: SkuInput[] = existing.skus.map((s) => ({ ...s }));
      skus.push({ spec, priceFen: line.priceFen, stock: 0, code: line.code });
      const fields = productFields({ skus }, this.catalog.rules, existing);
      const updated = store.update(existing.id, existing.version, fields, now)!;
      return { productId: updated.id, skuId: updated.skus.find((s) => s.spec === spec)!.id, created: true };
    }
    const fields = productFields(
      { title: line.title, skus: [{ spec, priceFen: line.priceFen, stock: 0, code: line.code }] },
      this.catalog.rules,
    );
    const product = store.insert(fields, now);
    this.titles.set(line.title, product.id);
    return { productId: product.id, skuId: product.skus[0]!.id, created: true };
  }

  private productTitled(title: string): Product | undefined {
    let id = this.titles.get(title);
    if (id === undefined) {
      id = this.byTitle.get(title)?.id ?? null;
      this.titles.set(title, id);
    }
    return id === null ? undefined : this.catalog.store.get(id);
  }
}
