// The rules a product must satisfy, whichever face it came from (form, CSV, CLI).
import type { Issue } from '../protocol/errors.ts';
import { StudioError } from '../protocol/errors.ts';
import type { Product, ProductInput, SkuInput } from '../protocol/catalog-schemas.ts';
import { classifyLink } from './link-kind.ts';
import type { ProductFields } from './product-store.ts';
import type { SkuFields } from './sku-store.ts';

export interface RuleContext {
  /** The id of the product one of whose SKUs has this 商品编码, if any. */
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

  const skus = skuFields(input, ctx, current, issues);
  const link = input.link !== undefined ? blankToNull(input.link) : (current?.link ?? null);
  const linkKind = link === null ? null : classifyLink(link);
  if (link !== null && linkKind === null) issues.push({ path: 'link', code: 'link_invalid' });

  const imageId = input.imageId !== undefined ? input.imageId : (current?.imageId ?? null);
  if (imageId !== null && !ctx.imageExists(imageId)) issues.push({ path: 'imageId', code: 'not_found' });

  if (issues.length > 0) throw new StudioError('invalid', 'product failed validation', { issues });
  return {
    title,
    skus,
    ...summaryOf(skus),
    link,
    linkKind,
    sellingPoints: (input.sellingPoints ?? current?.sellingPoints ?? '').trim(),
    imageId,
  };
}

/** What the product row shows of its SKUs: the cheapest's prices, the stock summed, the one SKU's code. */
export function summaryOf(skus: readonly SkuFields[]) {
  if (skus.length === 1) {
    const [only] = skus as [SkuFields];
    return { priceFen: only.priceFen, originalPriceFen: only.originalPriceFen, stock: only.stock, sku: only.code };
  }
  const cheapest = skus.reduce((a, b) => (b.priceFen < a.priceFen ? b : a));
  return {
    priceFen: cheapest.priceFen,
    originalPriceFen: cheapest.originalPriceFen,
    stock: skus.reduce((sum, s) => sum + s.stock, 0),
    sku: null,
  };
}

const FLAT = ['priceFen', 'originalPriceFen', 'stock', 'sku'] as const;
/** Control characters: never part of a name a person types (and sku-store.ts uses one as a placeholder). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The product's SKUs after this input: the list sent, or (the way a product without specifications is edited,
 * and every older caller) its one SKU changed by the flat price, crossed-out price, stock and code.
 */
function skuFields(input: Partial<ProductInput>, ctx: RuleContext, current: Product | undefined, issues: Issue[]) {
  const flat = FLAT.filter((key) => input[key] !== undefined);
  let skus: SkuFields[];
  if (input.skus) {
    if (flat.length > 0) issues.push({ path: flat[0]!, code: 'skus_and_fields' });
    skus = input.skus.map(sku);
  } else if (!current || current.skus.length <= 1) {
    const one = current?.skus[0];
    const priceFen = input.priceFen ?? one?.priceFen;
    if (priceFen === undefined) issues.push({ path: 'priceFen', code: 'required' });
    skus = [
      {
        id: one?.id ?? null,
        spec: one?.spec ?? '',
        priceFen: priceFen ?? 0,
        originalPriceFen:
          input.originalPriceFen !== undefined ? input.originalPriceFen : (one?.originalPriceFen ?? null),
        stock: input.stock ?? one?.stock ?? 0,
        code: input.sku !== undefined ? blankToNull(input.sku) : (one?.code ?? null),
      },
    ];
  } else {
    // Several SKUs and the product's own fields: an export read back unchanged says what the summary says; a
    // change cannot be spread over the SKUs.
    skus = current.skus.map((s) => ({ ...s }));
    const summary = summaryOf(skus);
    const changed = flat.find((key) => (key === 'sku' ? blankToNull(input.sku) : input[key]) !== summary[key]);
    if (changed) issues.push({ path: changed, code: 'skus_edit_each' });
  }
  checkSkus(skus, ctx, current, issues, input.skus ? 'skus' : null);
  return skus;
}

function sku(input: SkuInput): SkuFields {
  return {
    id: input.id ?? null,
    spec: input.spec.trim(),
    priceFen: input.priceFen,
    originalPriceFen: input.originalPriceFen ?? null,
    stock: input.stock,
    code: blankToNull(input.code),
  };
}

/** `list`: the issues' paths name each SKU (`skus.2.spec`); null: the product's own fields (one SKU). */
function checkSkus(
  skus: SkuFields[],
  ctx: RuleContext,
  current: Product | undefined,
  issues: Issue[],
  list: string | null,
) {
  const at = (i: number, field: string, flatField: string) => (list ? `${list}.${i}.${field}` : flatField);
  const specs = new Set<string>();
  const codes = new Set<string>();
  const ids = new Set<number>();
  skus.forEach((s, i) => {
    // Each of the product's own live SKUs, once: a repeat would edit one SKU twice and lose the other row.
    if (s.id !== null && (ids.has(s.id) || !current?.skus.some((live) => live.id === s.id))) {
      issues.push({ path: at(i, 'id', 'skus'), code: 'sku_unknown' });
    }
    if (s.id !== null) ids.add(s.id);
    if (CONTROL.test(s.spec)) issues.push({ path: at(i, 'spec', 'skus'), code: 'spec_invalid' });
    else if (skus.length > 1 && !s.spec) issues.push({ path: at(i, 'spec', 'skus'), code: 'spec_required' });
    else if (specs.has(s.spec))
      issues.push({ path: at(i, 'spec', 'skus'), code: 'spec_repeated', params: { spec: s.spec } });
    specs.add(s.spec);
    if (s.originalPriceFen !== null && s.originalPriceFen <= s.priceFen) {
      issues.push({ path: at(i, 'originalPriceFen', 'originalPriceFen'), code: 'original_below_price' });
    }
    if (s.code !== null) {
      const owner = ctx.skuOwner(s.code);
      const taken = (owner !== undefined && owner !== current?.id) || codes.has(s.code);
      if (taken) issues.push({ path: at(i, 'code', 'sku'), code: 'sku_taken', params: { sku: s.code } });
      codes.add(s.code);
    }
  });
}
