// The product form as text the seller types, and its translation to and from the protocol's ProductInput.
// Money is typed in yuan and parsed with the protocol's own parser, so the form and the CSV importer agree.
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import type { Product, ProductInput } from '../../../../../electron/core/protocol/contract.ts';
import { formatFen, parseYuanToFen } from '../../../../../electron/core/protocol/money.ts';

export const FIELDS = ['title', 'price', 'originalPrice', 'stock', 'sku', 'link', 'sellingPoints', 'imageId'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface FormValues {
  title: string;
  price: string;
  originalPrice: string;
  stock: string;
  sku: string;
  link: string;
  sellingPoints: string;
  imageId: string | null;
}

/** A field's problem as a protocol issue, so local checks and the core's checks read the same. */
export type FieldIssues = Partial<Record<FieldName, Issue>>;

export const EMPTY_FORM: FormValues = {
  title: '',
  price: '',
  originalPrice: '',
  stock: '',
  sku: '',
  link: '',
  sellingPoints: '',
  imageId: null,
};

const INPUT_KEY: Record<FieldName, keyof ProductInput> = {
  title: 'title',
  price: 'priceFen',
  originalPrice: 'originalPriceFen',
  stock: 'stock',
  sku: 'sku',
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

  const priceFen = parseYuanToFen(values.price);
  if (values.price.trim() === '') issues.price = { path: 'price', code: 'required' };
  else if (priceFen === null) issues.price = { path: 'price', code: 'price_invalid', params: { value: values.price } };

  let originalPriceFen: number | null = null;
  if (values.originalPrice.trim() !== '') {
    originalPriceFen = parseYuanToFen(values.originalPrice);
    if (originalPriceFen === null)
      issues.originalPrice = { path: 'originalPrice', code: 'price_invalid', params: { value: values.originalPrice } };
  }

  const stockText = values.stock.trim();
  if (stockText === '') issues.stock = { path: 'stock', code: 'required' };
  else if (!/^\d{1,10}$/.test(stockText))
    issues.stock = { path: 'stock', code: 'stock_invalid', params: { value: values.stock } };

  if (Object.keys(issues).length > 0) return { input: null, issues };
  return {
    input: {
      title,
      priceFen: priceFen ?? 0,
      originalPriceFen,
      stock: Number(stockText),
      sku: blankToNull(values.sku),
      link: blankToNull(values.link),
      sellingPoints: values.sellingPoints.trim(),
      imageId: values.imageId,
    },
    issues: null,
  };
}

/** Only what the seller changed relative to the version they started from: an update never rewrites the rest. */
export function patchFrom(input: ProductInput, base: Product): Partial<ProductInput> {
  const patch: Partial<ProductInput> = {};
  for (const field of FIELDS) {
    const key = INPUT_KEY[field];
    const next = input[key] ?? null;
    const before = (base as unknown as Record<string, unknown>)[key] ?? null;
    if (next !== before) (patch as Record<string, unknown>)[key] = next;
  }
  return patch;
}

/** The latest product with the seller's own edits laid on top ("keep my changes"). */
export function rebase(values: FormValues, dirty: ReadonlySet<FieldName>, latest: Product): FormValues {
  const next = formFromProduct(latest);
  for (const field of dirty) (next as unknown as Record<string, unknown>)[field] = values[field];
  return next;
}

/** Which fields someone else changed between the version we had and the latest. */
export function changedFields(before: Product, latest: Product): FieldName[] {
  const a = formFromProduct(before);
  const b = formFromProduct(latest);
  return FIELDS.filter((field) => a[field] !== b[field]);
}

/** Maps the core's issue paths (`input.priceFen`, `patch.title`) onto form fields. */
export function issuesByField(issues: readonly Issue[]): { fields: FieldIssues; other: Issue[] } {
  const fields: FieldIssues = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const key = issue.path.split('.').at(-1) ?? '';
    const field = FIELDS.find((f) => INPUT_KEY[f] === key);
    if (field && !fields[field]) fields[field] = issue;
    else if (!field) other.push(issue);
  }
  return { fields, other };
}
