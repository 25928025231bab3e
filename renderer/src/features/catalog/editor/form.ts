// The product form as text the seller types, and its translation to and from the protocol's ProductInput.
// Money is typed in yuan and parsed with the protocol's own parser, so the form and the CSV importer agree.
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import type { SkuInput } from '../../../../../electron/core/protocol/catalog-schemas.ts';
import type { Product, ProductInput } from '../../../../../electron/core/protocol/contract.ts';
import { formatFen, parseYuanToFen } from '../../../../../electron/core/protocol/money.ts';
import { hasSpecs } from '../../../../../electron/core/protocol/sku-view.ts';
import type { FormRules } from '../../../ui/form/form-rules.ts';

export const FIELDS = [
  'title',
  'price',
  'originalPrice',
  'stock',
  'sku',
  'specs',
  'link',
  'sellingPoints',
  'imageId',
] as const;
export type FieldName = (typeof FIELDS)[number];

/** The four fields a product without specifications has, and each 规格 has instead. */
const FLAT_FIELDS: readonly FieldName[] = ['price', 'originalPrice', 'stock', 'sku'];

export const SPEC_FIELDS = ['spec', 'price', 'originalPrice', 'stock', 'code'] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

/** One 规格 as typed; `id` names the stored SKU it edits (null: a new one). */
export interface SpecRow {
  id: number | null;
  spec: string;
  price: string;
  originalPrice: string;
  stock: string;
  code: string;
  /** The stock as loaded: a row whose stock the seller left alone takes the latest on "keep my changes". */
  stockAtLoad: string | null;
}

export interface FormValues {
  title: string;
  price: string;
  originalPrice: string;
  stock: string;
  sku: string;
  /** Empty: a product without specifications (the four fields above are its own); else its 规格, in order. */
  specs: SpecRow[];
  link: string;
  sellingPoints: string;
  imageId: string | null;
}

/** Where a problem of one 规格's cell is kept: `specs.2.price`. */
export type SpecIssueKey = `specs.${number}.${SpecField}`;
export const specIssueKey = (row: number, field: SpecField): SpecIssueKey => `specs.${row}.${field}`;

/** A field's problem as a protocol issue, so local checks and the core's checks read the same. */
export type FieldIssues = Partial<Record<FieldName | SpecIssueKey, Issue>>;

export const EMPTY_FORM: FormValues = {
  title: '',
  price: '',
  originalPrice: '',
  stock: '',
  sku: '',
  specs: [],
  link: '',
  sellingPoints: '',
  imageId: null,
};

export const EMPTY_SPEC: SpecRow = {
  id: null,
  spec: '',
  price: '',
  originalPrice: '',
  stock: '',
  code: '',
  stockAtLoad: null,
};

/** The SKU fields of the core, by the form's names. */
const SKU_KEY: Record<SpecField, string> = {
  spec: 'spec',
  price: 'priceFen',
  originalPrice: 'originalPriceFen',
  stock: 'stock',
  code: 'code',
};

/** "Add a specification" on a product without any: its own price, stock and code become the first 规格's. */
export function specsFromFlat(values: FormValues, product: Product | null): SpecRow[] {
  const first: SpecRow = {
    id: product?.skus[0]?.id ?? null,
    spec: '',
    price: values.price,
    originalPrice: values.originalPrice,
    stock: values.stock,
    code: values.sku,
    stockAtLoad: product?.skus[0] ? String(product.skus[0].stock) : null,
  };
  return [first, { ...EMPTY_SPEC }];
}

const INPUT_KEY: Record<FieldName, keyof ProductInput> = {
  title: 'title',
  price: 'priceFen',
  originalPrice: 'originalPriceFen',
  stock: 'stock',
  sku: 'sku',
  specs: 'skus',
  link: 'link',
  sellingPoints: 'sellingPoints',
  imageId: 'imageId',
};

export function formFromProduct(product: Product): FormValues {
  return {
    title: product.title,
    price: formatFen(product.priceFen),
    originalPrice: product.originalPriceFen === null ? '' : formatFen(product.originalPriceFen),
    stock: String(product.stock),
    sku: product.sku ?? '',
    specs: hasSpecs(product)
      ? product.skus.map((s) => ({
          id: s.id,
          spec: s.spec,
          price: formatFen(s.priceFen),
          originalPrice: s.originalPriceFen === null ? '' : formatFen(s.originalPriceFen),
          stock: String(s.stock),
          code: s.code ?? '',
          stockAtLoad: String(s.stock),
        }))
      : [],
    link: product.link ?? '',
    sellingPoints: product.sellingPoints,
    imageId: product.imageId,
  };
}

const blankToNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** Parses the form; returns the input, or the issues to show next to the fields. */
export function parseForm(
  values: FormValues,
): { input: ProductInput; issues: null } | { input: null; issues: FieldIssues } {
  const issues: FieldIssues = {};
  const title = values.title.trim();
  if (title === '') issues.title = { path: 'title', code: 'required' };

  const rest = {
    link: blankToNull(values.link),
    sellingPoints: values.sellingPoints.trim(),
    imageId: values.imageId,
  };
  if (values.specs.length > 0) {
    const skus = values.specs.map((row, i) => parseSpec(row, i, values.specs.length, issues));
    if (Object.keys(issues).length > 0) return { input: null, issues };
    return { input: { title, skus: skus as SkuInput[], ...rest }, issues: null };
  }
  const money = parseMoney(values, issues, (field) => field);
  if (Object.keys(issues).length > 0) return { input: null, issues };
  return {
    input: { title, ...money, sku: blankToNull(values.sku), ...rest },
    issues: null,
  };
}

/** Price, crossed-out price and stock as typed, checked; problems kept under `key(field)`. */
function parseMoney(
  values: Pick<SpecRow, 'price' | 'originalPrice' | 'stock'>,
  issues: FieldIssues,
  key: (field: 'price' | 'originalPrice' | 'stock') => keyof FieldIssues,
) {
  const priceFen = parseYuanToFen(values.price);
  if (values.price.trim() === '') issues[key('price')] = { path: 'price', code: 'required' };
  else if (priceFen === null)
    issues[key('price')] = { path: 'price', code: 'price_invalid', params: { value: values.price } };

  let originalPriceFen: number | null = null;
  if (values.originalPrice.trim() !== '') {
    originalPriceFen = parseYuanToFen(values.originalPrice);
    if (originalPriceFen === null)
      issues[key('originalPrice')] = {
        path: 'originalPrice',
        code: 'price_invalid',
        params: { value: values.originalPrice },
      };
  }

  const stockText = values.stock.trim();
  if (stockText === '') issues[key('stock')] = { path: 'stock', code: 'required' };
  else if (!/^\d{1,10}$/.test(stockText))
    issues[key('stock')] = { path: 'stock', code: 'stock_invalid', params: { value: values.stock } };
  return { priceFen: priceFen ?? 0, originalPriceFen, stock: Number(stockText) };
}

function parseSpec(row: SpecRow, i: number, count: number, issues: FieldIssues): SkuInput {
  const spec = row.spec.trim();
  if (count > 1 && spec === '') issues[specIssueKey(i, 'spec')] = { path: 'spec', code: 'spec_required' };
  const money = parseMoney(row, issues, (field) => specIssueKey(i, field));
  return { ...(row.id === null ? {} : { id: row.id }), spec, ...money, code: blankToNull(row.code) };
}

/** The SKUs as the core would be sent them, for comparing. */
function skusAsInput(product: Product): SkuInput[] {
  return product.skus.map((s) => ({
    id: s.id,
    spec: s.spec,
    priceFen: s.priceFen,
    originalPriceFen: s.originalPriceFen,
    stock: s.stock,
    code: s.code,
  }));
}

/** Only what the seller changed relative to the version they started from: an update never rewrites the rest. */
export function patchFrom(input: ProductInput, base: Product): Partial<ProductInput> {
  const patch: Partial<ProductInput> = {};
  for (const field of FIELDS) {
    if (field === 'specs') {
      if (input.skus && JSON.stringify(input.skus) !== JSON.stringify(skusAsInput(base))) patch.skus = input.skus;
      continue;
    }
    // With 规格, the product's own price, stock and code are theirs: never sent beside them.
    if (input.skus && FLAT_FIELDS.includes(field)) continue;
    const key = INPUT_KEY[field];
    const next = input[key] ?? null;
    const before = (base as unknown as Record<string, unknown>)[key] ?? null;
    if (next !== before) (patch as Record<string, unknown>)[key] = next;
  }
  return patch;
}

/**
 * The latest product with the seller's own edits laid on top ("keep my changes"). Stock moves under the seller's
 * feet (orders take it): a 规格 whose stock they did not touch takes the latest, or saving would sell units twice.
 */
export function rebase(values: FormValues, dirty: ReadonlySet<FieldName>, latest: Product): FormValues {
  const next = formFromProduct(latest);
  for (const field of dirty) (next as unknown as Record<string, unknown>)[field] = values[field];
  if (dirty.has('specs')) {
    next.specs = values.specs.map((row) => {
      const now = latest.skus.find((s) => s.id === row.id);
      if (!now || row.stock !== row.stockAtLoad) return row;
      return { ...row, stock: String(now.stock), stockAtLoad: String(now.stock) };
    });
  }
  return next;
}

/** Which fields someone else changed between the version we had and the latest. */
export function changedFields(before: Product, latest: Product): FieldName[] {
  const a = formFromProduct(before);
  const b = formFromProduct(latest);
  return FIELDS.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/** Maps the core's issue paths (`input.priceFen`, `patch.title`, `input.skus.2.code`) onto form fields. */
export function issuesByField(issues: readonly Issue[]): { fields: FieldIssues; other: Issue[] } {
  const fields: FieldIssues = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const parts = issue.path.split('.');
    const at = parts.indexOf('skus');
    if (at >= 0 && parts.length > at + 2) {
      const cell = SPEC_FIELDS.find((f) => SKU_KEY[f] === parts[at + 2]);
      const key = cell ? specIssueKey(Number(parts[at + 1]), cell) : 'specs';
      if (!fields[key]) fields[key] = issue;
      continue;
    }
    const key = parts.at(-1) ?? '';
    const field = FIELDS.find((f) => INPUT_KEY[f] === key);
    if (field && !fields[field]) fields[field] = issue;
    else if (!field) other.push(issue);
  }
  return { fields, other };
}

/** The product form's rules, as the shared versioned-form machine takes them. */
export const PRODUCT_RULES: FormRules<Product, FormValues, FieldName, ProductInput, FieldIssues> = {
  emptyForm: () => EMPTY_FORM,
  formFrom: formFromProduct,
  parseForm,
  patchFrom: (input, _values, base) => patchFrom(input, base),
  rebase,
  issuesByField,
};
