// The product editor's 规格 (specifications): typed rows to the core's input and back, what an edit sends, and the
// core's issues put back under the cells they are about.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Product } from '../../electron/core/protocol/catalog-schemas.ts';
import {
  EMPTY_FORM,
  formFromProduct,
  issuesByField,
  parseForm,
  patchFrom,
  rebase,
  specsFromFlat,
  type FormValues,
} from '../../renderer/src/features/catalog/editor/form.ts';

const sku = (id: number, spec: string, priceFen: number, stock: number, code: string | null = null) => ({
  id,
  spec,
  priceFen,
  originalPriceFen: null,
  stock,
  code,
});

function product(skus: Product['skus']): Product {
  return {
    id: 7,
    title: '福鼎白茶',
    priceFen: Math.min(...skus.map((s) => s.priceFen)),
    originalPriceFen: null,
    stock: skus.reduce((n, s) => n + s.stock, 0),
    sku: skus.length === 1 ? skus[0]!.code : null,
    skus,
    link: null,
    linkKind: null,
    sellingPoints: '',
    imageId: null,
    shopProductId: null,
    archived: false,
    version: 3,
    createdAt: 0,
    updatedAt: 0,
  };
}

test('a product without specifications edits its own fields; "add a specification" carries them over', () => {
  const one = product([sku(11, '', 3990, 12, 'TEA-100')]);
  const values = formFromProduct(one);
  assert.deepEqual(values.specs, [], 'no table: the four fields are the product’s');
  const specs = specsFromFlat(values, one);
  assert.deepEqual(specs, [
    { id: 11, spec: '', price: '39.90', originalPrice: '', stock: '12', code: 'TEA-100', stockAtLoad: '12' },
    { id: null, spec: '', price: '', originalPrice: '', stock: '', code: '', stockAtLoad: null },
  ]);
});

test('rows become the SKUs sent, checked cell by cell; the product’s own price is not sent beside them', () => {
  const one = product([sku(11, '', 3990, 12, 'TEA-100')]);
  const values: FormValues = {
    ...formFromProduct(one),
    specs: [
      { id: 11, spec: ' 100g ', price: '39.9', originalPrice: '', stock: '12', code: 'TEA-100', stockAtLoad: '12' },
      { id: null, spec: '', price: '8.8.8', originalPrice: '', stock: 'x', code: '', stockAtLoad: null },
    ],
  };
  const bad = parseForm(values);
  assert.equal(bad.input, null);
  assert.deepEqual(Object.keys(bad.issues!).sort(), ['specs.1.price', 'specs.1.spec', 'specs.1.stock']);
  assert.equal(bad.issues!['specs.1.spec']!.code, 'spec_required');

  values.specs[1] = {
    id: null,
    spec: '250g',
    price: '88',
    originalPrice: '99',
    stock: '5',
    code: ' TEA-250 ',
    stockAtLoad: null,
  };
  const good = parseForm(values);
  assert.ok(good.input);
  assert.deepEqual(good.input.skus, [
    { id: 11, spec: '100g', priceFen: 3990, originalPriceFen: null, stock: 12, code: 'TEA-100' },
    { spec: '250g', priceFen: 8800, originalPriceFen: 9900, stock: 5, code: 'TEA-250' },
  ]);
  const patch = patchFrom(good.input, one);
  assert.deepEqual(Object.keys(patch), ['skus'], 'only the SKUs changed; no priceFen/stock/sku beside them');
});

test('an edit that changes no SKU sends none; one that does sends the whole list', () => {
  const two = product([sku(11, '100g', 3990, 12, 'TEA-100'), sku(12, '250g', 8800, 5, 'TEA-250')]);
  const values = formFromProduct(two);
  assert.equal(values.specs.length, 2);
  const same = parseForm({ ...values, title: '福鼎白茶 寿眉' });
  assert.deepEqual(patchFrom(same.input!, two), { title: '福鼎白茶 寿眉' });
  const restocked = parseForm({ ...values, specs: values.specs.map((r) => ({ ...r, stock: '50' })) });
  assert.deepEqual(
    patchFrom(restocked.input!, two).skus!.map((s) => [s.id, s.stock]),
    [
      [11, 50],
      [12, 50],
    ],
  );
});

test('"keep my changes": a 规格 whose stock the seller left alone takes the latest (orders took some meanwhile)', () => {
  const before = product([sku(11, '红', 3990, 10), sku(12, '蓝', 3990, 10)]);
  const values = formFromProduct(before);
  values.specs[0] = { ...values.specs[0]!, price: '35' }; // the seller changes 红's price
  values.specs[1] = { ...values.specs[1]!, stock: '30' }; // and restocks 蓝 by hand
  const latest = { ...product([sku(11, '红', 3990, 8), sku(12, '蓝', 3990, 9)]), version: 4 };
  const rebased = rebase(values, new Set(['specs']), latest);
  assert.deepEqual(
    rebased.specs.map((r) => [r.price, r.stock]),
    [
      ['35', '8'],
      ['39.90', '30'],
    ],
    "红 keeps the new price and takes the stock orders left; 蓝 keeps the seller's own count",
  );
});

test("the core's issues about a SKU land under its cell; others stay where they were", () => {
  const { fields, other } = issuesByField([
    { path: 'patch.skus.1.code', code: 'sku_taken', params: { sku: 'X' } },
    { path: 'input.skus.0.originalPriceFen', code: 'original_below_price' },
    { path: 'patch.skus.2.id', code: 'sku_unknown' },
    { path: 'patch.title', code: 'required' },
    { path: '(root)', code: 'internal' },
  ]);
  assert.equal(fields['specs.1.code']?.code, 'sku_taken');
  assert.equal(fields['specs.0.originalPrice']?.code, 'original_below_price');
  assert.equal(fields.specs?.code, 'sku_unknown', 'no cell for an id: the table as a whole');
  assert.equal(fields.title?.code, 'required');
  assert.deepEqual(
    other.map((i) => i.code),
    ['internal'],
  );
  assert.deepEqual(EMPTY_FORM.specs, []);
});
