// The shop's products in the library: matched by the shop's product and SKU ids once linked, by 商品编码 before;
// what the shop owns (title, SKUs with their prices, stock and codes) refreshed from it; what only the studio has
// (link, selling points, a picture chosen here) kept. The shop domain calls this; it never writes the tables.
import type { Db } from '../db/connection.ts';
import type { Product, SkuInput } from '../protocol/catalog-schemas.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import type { CatalogService } from './catalog-service.ts';
import { productFields } from './product-rules.ts';
import { sameFields } from './product-store.ts';

export interface ShopSku {
  shopSkuId: string;
  spec: string;
  priceFen: number;
  stock: number;
  code: string | null;
}

export interface ShopProduct {
  shopProductId: string;
  title: string;
  /** Downloaded into the library; used only when the product has no picture yet. */
  imageId: string | null;
  skus: ShopSku[];
}

export type ShopProductResult =
  { outcome: 'created' | 'updated' | 'unchanged'; product: Product } | { outcome: 'refused'; issues: Issue[] };

export class ShopProducts {
  private readonly catalog: CatalogService;
  private readonly byShopId;
  private readonly skuByShopId;
  private readonly linkProduct;
  private readonly unlinkSku;
  private readonly linkSku;
  private readonly liveSkuBySpec;
  private readonly db: Db;

  constructor(db: Db, catalog: CatalogService) {
    this.db = db;
    this.catalog = catalog;
    this.byShopId = db.prepare<[string], { id: number }>('SELECT id FROM products WHERE shop_product_id = ?');
    this.skuByShopId = db.prepare<[string], { id: number; product_id: number }>(
      'SELECT id, product_id FROM product_skus WHERE shop_sku_id = ?',
    );
    this.linkProduct = db.prepare('UPDATE products SET shop_product_id = @shopId WHERE id = @id');
    // A shop SKU id names one SKU here: whichever held it before (one since retired) gives it back first.
    this.unlinkSku = db.prepare('UPDATE product_skus SET shop_sku_id = NULL WHERE shop_sku_id = @shopId AND id <> @id');
    this.linkSku = db.prepare('UPDATE product_skus SET shop_sku_id = @shopId WHERE id = @id');
    this.liveSkuBySpec = db.prepare<[number, string], { id: number }>(
      'SELECT id FROM product_skus WHERE product_id = ? AND spec = ? AND archived_at IS NULL',
    );
  }

  /** The library's product linked to this shop product, if any. */
  linked(shopProductId: string): Product | undefined {
    const row = this.byShopId.get(shopProductId);
    return row && this.catalog.store.get(row.id);
  }

  /** The library's SKU linked to this shop SKU: its id and product. */
  linkedSku(shopSkuId: string): { skuId: number; productId: number } | undefined {
    const row = this.skuByShopId.get(shopSkuId);
    return row && { skuId: row.id, productId: row.product_id };
  }

  /**
   * Creates or refreshes the product, in one transaction; a product the rules refuse (a code another product has
   * here) is said, not half-written. The caller writes through the writer and publishes.
   */
  apply(shop: ShopProduct, now: number): ShopProductResult {
    return this.db.transaction(() => this.applyNow(shop, now))();
  }

  private applyNow(shop: ShopProduct, now: number): ShopProductResult {
    const { store } = this.catalog;
    const existing = this.linked(shop.shopProductId) ?? this.byCode(shop);
    const live = existing?.skus ?? [];
    const taken = new Set<number>();
    const match = (s: ShopSku) => {
      const linked = this.skuByShopId.get(s.shopSkuId);
      const candidates = [
        linked?.product_id === existing?.id ? linked?.id : undefined,
        s.code === null ? undefined : live.find((l) => l.code === s.code)?.id,
        live.find((l) => l.spec === s.spec)?.id,
        live.length === 1 && shop.skus.length === 1 ? live[0]!.id : undefined,
      ];
      const id = candidates.find((c) => c !== undefined && !taken.has(c));
      if (id !== undefined) taken.add(id);
      return id;
    };
    const skus: SkuInput[] = shop.skus.map((s) => {
      const id = match(s);
      const was = live.find((l) => l.id === id);
      return {
        ...(id !== undefined && { id }),
        spec: s.spec,
        priceFen: s.priceFen,
        // The shop has no crossed-out price on a SKU (api_getproduct): keep the one set here while it still fits.
        originalPriceFen:
          was?.originalPriceFen != null && was.originalPriceFen > s.priceFen ? was.originalPriceFen : null,
        stock: s.stock,
        code: s.code,
      };
    });
    const imageId = existing?.imageId ?? shop.imageId;
    let fields;
    try {
      fields = productFields({ title: shop.title.slice(0, 200), skus, imageId }, this.catalog.rules, existing);
    } catch (error) {
      if (!(error instanceof StudioError)) throw error;
      return { outcome: 'refused', issues: error.issues ?? [] };
    }
    let product: Product;
    let outcome: 'created' | 'updated' | 'unchanged';
    if (!existing) {
      product = store.insert(fields, now);
      outcome = 'created';
    } else if (sameFields(existing, fields)) {
      product = existing;
      outcome = 'unchanged';
    } else {
      product = store.update(existing.id, existing.version, fields, now)!;
      outcome = 'updated';
    }
    this.linkProduct.run({ id: product.id, shopId: shop.shopProductId });
    for (const s of shop.skus) {
      const row = this.liveSkuBySpec.get(product.id, s.spec.trim());
      if (!row) continue;
      this.unlinkSku.run({ id: row.id, shopId: s.shopSkuId });
      this.linkSku.run({ id: row.id, shopId: s.shopSkuId });
    }
    return { outcome, product: outcome === 'unchanged' ? product : store.get(product.id)! };
  }

  /** Stock only, as the shop counts it after its orders (a shop order takes stock there, not here). */
  setStock(skuId: number, stock: number, now: number): void {
    this.catalog.store.skus.setStock(skuId, stock, now);
  }

  private byCode(shop: ShopProduct): Product | undefined {
    for (const s of shop.skus) {
      if (s.code === null) continue;
      const owner = this.catalog.store.skus.withCode(s.code);
      const product = owner && this.catalog.store.get(owner.productId);
      // A product already linked to another shop product is not this one.
      if (product && product.shopProductId === null) return product;
    }
    return undefined;
  }
}
