// How a product's 规格 read wherever its price is shown (the bag, the cue card, quick entry, the overlay card):
// runtime-neutral and zod-free, so the renderer and the core word it alike.
import type { Product } from './catalog-schemas.ts';

/** The SKUs' prices differ: the product's price is the cheapest, shown as "¥39.90 起". */
export function priceFrom(product: Pick<Product, 'skus'>): boolean {
  return product.skus.some((s) => s.priceFen !== product.skus[0]!.priceFen);
}

/** A product whose 规格 are shown one by one (several, or one with a name). */
export function hasSpecs(product: Pick<Product, 'skus'>): boolean {
  return product.skus.length > 1 || (product.skus[0]?.spec ?? '') !== '';
}
