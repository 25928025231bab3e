// The rules a product must satisfy, whichever face it came from (form, CSV, CLI).
import type { Issue } from '../protocol/errors.ts';
import { StudioError } from '../protocol/errors.ts';
import type { Product, ProductInput } from '../protocol/catalog-schemas.ts';
import { classifyLink } from './link-kind.ts';
import type { ProductFields } from './product-store.ts';

export interface RuleContext {
  /** The id of the product that has this SKU, if any. */
  skuOwner(sku: string): number | undefined;
  imageExists(id: string): boolean;
}

const blankToNull = (text: string | null | undefined): string | null => {
  const t = text?.trim();
  return t ? t : null;
};

/** Merges a patch onto the current product (or defaults) and checks the result as a whole. */
export function productFields(input: Partial<ProductInput>, ctx: RuleContext, current?: Product): ProductFields {
  const issues: Issue[] = [];
  const title = (input.title ?? current?.title ?? '').trim();
  if (!title) issues.push({ path: 'title', code: 'required' });

  const priceFen = input.priceFen ?? current?.priceFen;
  if (priceFen === undefined) issues.push({ path: 'priceFen', code: 'required' });
  const originalPriceFen =
    input.originalPriceFen !== undefined ? input.originalPriceFen : (current?.originalPriceFen ?? null);
  if (originalPriceFen !== null && priceFen !== undefined && originalPriceFen <= priceFen) {
    issues.push({ path: 'originalPriceFen', code: 'original_below_price' });
  }

  const sku = input.sku !== undefined ? blankToNull(input.sku) : (current?.sku ?? null);
  if (sku !== null) {
    const owner = ctx.skuOwner(sku);
    if (owner !== undefined && owner !== current?.id) issues.push({ path: 'sku', code: 'sku_taken', params: { sku } });
  }

  const link = input.link !== undefined ? blankToNull(input.link) : (current?.link ?? null);
  const linkKind = link === null ? null : classifyLink(link);
  if (link !== null && linkKind === null) issues.push({ path: 'link', code: 'link_invalid' });

  const imageId = input.imageId !== undefined ? input.imageId : (current?.imageId ?? null);
  if (imageId !== null && !ctx.imageExists(imageId)) issues.push({ path: 'imageId', code: 'not_found' });

  if (issues.length > 0) throw new StudioError('invalid', 'product failed validation', { issues });
  return {
    title,
    priceFen: priceFen!,
    originalPriceFen,
    stock: input.stock ?? current?.stock ?? 0,
    sku,
    link,
    linkKind,
    sellingPoints: (input.sellingPoints ?? current?.sellingPoints ?? '').trim(),
    imageId,
  };
}
