// A product's price as every screen shows it: "¥39.90", or "¥39.90 起" when its 规格 cost different amounts.
import type { Product } from '../../../electron/core/protocol/catalog-schemas.ts';
import { displayFen } from '../../../electron/core/protocol/money.ts';
import { priceFrom } from '../../../electron/core/protocol/sku-view.ts';
import type { Translator } from '../i18n/index.ts';

export function productPrice(t: Translator['t'], product: Pick<Product, 'priceFen' | 'skus'>): string {
  const price = displayFen(product.priceFen);
  return priceFrom(product) ? t('product.priceFrom', { price }) : price;
}
