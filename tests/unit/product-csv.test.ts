import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { decodeCsvBytes } from '../../electron/core/csv/decode.ts';
import { parseCsv } from '../../electron/core/csv/parse.ts';
import { CSV_BOM, csvRow } from '../../electron/core/csv/write.ts';
import {
  ProductCsvMapper,
  mapProductRows,
  parseStock,
  productCsvHeader,
  productCsvLines,
  productExportRows,
} from '../../electron/core/catalog/product-csv.ts';
import type { ProductRow } from '../../electron/core/catalog/product-csv.ts';
import type { Product } from '../../electron/core/protocol/catalog-schemas.ts';
import { hasMessage, messageFor } from '../../electron/core/protocol/messages.ts';

const fixtureText = (name: string) =>
  decodeCsvBytes(readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url))).text;
const mapFixture = (name: string) => mapProductRows(parseCsv(fixtureText(name)));
const mapText = (text: string) => mapProductRows(parseCsv(text));
const row = (r: Partial<ProductRow> & Pick<ProductRow, 'line' | 'title' | 'priceFen'>): ProductRow => ({
  spec: '',
  originalPriceFen: null,
  stock: null,
  sku: null,
  link: null,
  sellingPoints: null,
  imagePath: null,
  ref: null,
  stockAtExport: null,
  editVersion: null,
  ...r,
});

test('GBK file from Excel: amounts with ￥ and grouping, stock 1,000, multi-line cell, empty-cell row skipped', () => {
  const result = mapFixture('gbk-excel-crlf.csv');
  assert.deepEqual(result.issues, []);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.rows, [
    row({
      line: 2,
      title: '雅诗兰黛小棕瓶精华 50ml',
      priceFen: 129900,
      originalPriceFen: 159900,
      stock: 1000,
      sku: 'EL-ANR-50',
      link: 'https://shop.example.com/item/1',
      sellingPoints: '修护,抗老\n夜间使用',
      imagePath: 'images/anr.jpg',
    }),
    row({
      line: 3, // the row Excel shows: the cell above holds a line break, and the record starting on line 4 is row 3
      title: '柳州螺蛳粉 5袋装',
      priceFen: 3990,
      stock: 200,
      sku: 'LSF-5',
      link: 'pages/goods/detail?id=1',
      sellingPoints: '"臭"香臭香，嗦粉必备',
    }),
    row({
      line: 4,
      title: '褚橙 5斤礼盒',
      priceFen: 8800,
      originalPriceFen: 10800,
      sku: 'CC-5',
      link: 'https://mp.weixin.qq.com/s/AbCdEf',
    }),
  ]);
});

test('UTF-8 BOM file: emoji kept, CRLF inside a cell becomes LF, empty stock is null', () => {
  const { rows, issues } = mapFixture('utf8-bom-emoji.csv');
  assert.deepEqual(issues, []);
  assert.deepEqual(rows, [
    row({ line: 2, title: '💄 口红 #999 正红', priceFen: 19900, stock: 50, sellingPoints: '🔥显白\n不拔干🔥' }),
    row({ line: 3, title: '🍊 橙子 🍊', priceFen: 990, sellingPoints: '「现摘」 🔥🔥🔥' }),
  ]);
});

test('English headers in another order, any case, padded; unknown column is a warning', () => {
  const { rows, issues, warnings } = mapFixture('utf8-lf-english.csv');
  assert.deepEqual(issues, []);
  assert.deepEqual(warnings, [{ path: 'Notes', code: 'csv_unknown_column', line: 1, params: { column: 'Notes' } }]);
  assert.deepEqual(rows, [
    row({
      line: 2,
      title: 'Phone case',
      priceFen: 1250,
      originalPriceFen: 1990,
      stock: 10,
      sku: 'A-1',
      link: 'https://shop.example.com/a1',
      sellingPoints: 'Slim fit',
    }),
    row({
      line: 3,
      title: 'Cable',
      priceFen: 500,
      sku: 'A-2',
      link: '#小程序://好物小店/aBcD12',
      sellingPoints: 'USB-C, 1m',
      imagePath: 'img/cable.png',
    }),
  ]);
});

test('formula-looking cells are imported as text; only our own apostrophe is removed', () => {
  const { rows, issues } = mapFixture('formulas.csv');
  assert.deepEqual(issues, []);
  assert.deepEqual(
    rows.map((r) => [r.title, r.sellingPoints]),
    [
      ['=HYPERLINK("http://evil.example/","点我领券")', '普通'],
      ['+1 新品', '+1'],
      ['-2 折扣款', '-2元'],
      ['@SUM(A1:A2)', '@SUM(1+1)'],
      ['＝1+1', '＝１＋１'],
      ['=1+1', '-5 （已转义）'],
      ["'普通撇号", "'=双撇号"],
    ],
  );
});

test('several bad rows: every bad cell is reported with its line and column header', () => {
  const { rows, issues } = mapFixture('bad-rows.csv');
  assert.deepEqual(issues, [
    { path: '商品名称', code: 'required', line: 2 },
    { path: '价格', code: 'price_invalid', line: 2, params: { value: 'abc' } },
    { path: '库存', code: 'stock_invalid', line: 2, params: { value: '1.5' } },
    { path: '链接', code: 'link_invalid', line: 2 },
    { path: '划线价', code: 'original_below_price', line: 3 },
    { path: '库存', code: 'stock_invalid', line: 3, params: { value: '-1' } },
    { path: '商品编码', code: 'sku_repeated', line: 3, params: { sku: 'S-1', firstLine: 2 } },
    { path: '链接', code: 'link_invalid', line: 3 },
    { path: '价格', code: 'required', line: 4 },
    { path: '库存', code: 'stock_invalid', line: 4, params: { value: 'abc' } },
    { path: '商品名称', code: 'too_long', line: 5, params: { max: 200 } },
    { path: '划线价', code: 'original_below_price', line: 5 },
    { path: '商品编码', code: 'too_long', line: 5, params: { max: 64 } },
    { path: '价格', code: 'price_invalid', line: 6, params: { value: '-5' } },
    { path: '划线价', code: 'price_invalid', line: 6, params: { value: '¥1.999' } },
  ]);
  // Only the clean row comes out; the caller imports nothing anyway while issues exist.
  assert.deepEqual(rows, [
    row({
      line: 7,
      title: '好物D',
      priceFen: 990,
      originalPriceFen: 1990,
      stock: 7,
      sku: 'S-3',
      link: '/pages/a/b?x=1',
    }),
  ]);
  for (const issue of issues) assert.ok(hasMessage(issue.code), issue.code);
});

test('header-only, empty and blank files are file-level issues', () => {
  assert.deepEqual(mapFixture('header-only.csv'), {
    rows: [],
    issues: [{ path: '', code: 'csv_no_rows' }],
    warnings: [],
    issuesTotal: 1,
    warningsTotal: 0,
  });
  assert.deepEqual(mapFixture('empty.csv'), {
    rows: [],
    issues: [{ path: '', code: 'csv_empty' }],
    warnings: [],
    issuesTotal: 1,
    warningsTotal: 0,
  });
  assert.deepEqual(mapText('\r\n,,\r\n\r\n').issues, [{ path: '', code: 'csv_empty' }]);
  assert.equal(messageFor('csv_no_rows', 'zh-CN'), '文件只有表头，没有数据行');
  assert.equal(messageFor('csv_no_rows', 'en'), 'The file has a header but no rows');
});

test('missing required columns are named in the language of the file', () => {
  const gbk = mapFixture('missing-price-gbk.csv');
  assert.deepEqual(gbk.issues, [{ path: '价格', code: 'csv_missing_column', line: 1, params: { column: '价格' } }]);
  assert.deepEqual(gbk.warnings, [{ path: '售价', code: 'csv_unknown_column', line: 1, params: { column: '售价' } }]);
  assert.deepEqual(gbk.rows, []);
  assert.deepEqual(mapText('Title,Stock\r\nA,1\r\n').issues, [
    { path: 'price', code: 'csv_missing_column', line: 1, params: { column: 'price' } },
  ]);
  assert.deepEqual(
    mapText('名字,钱\r\nA,1\r\n').issues.map((i) => i.params?.column),
    ['商品名称 / title', '价格 / price'],
  );
});

test('a repeated column (even across languages) is csv_duplicate_column; cells are still checked', () => {
  const { issues, rows } = mapText('商品名称,价格,Title\r\n,1,B\r\n');
  assert.deepEqual(issues, [
    { path: 'Title', code: 'csv_duplicate_column', line: 1, params: { column: 'Title' } },
    { path: '商品名称', code: 'required', line: 2 },
  ]);
  assert.deepEqual(rows, []);
});

test('a CSV syntax error becomes an issue with its line', () => {
  const { issues } = mapFixture('unclosed-quote.csv');
  assert.deepEqual(issues, [{ path: '', code: 'csv_unclosed_quote', line: 3 }]);
});

test('stock: digits and 1,000 grouping only', () => {
  assert.equal(parseStock('0'), 0);
  assert.equal(parseStock('1,000'), 1000);
  assert.equal(parseStock('1000000000'), 1_000_000_000);
  for (const bad of ['1.5', '1.0', '-1', 'abc', '1,00', '1e3', '+5', '', '1000000001']) {
    assert.equal(parseStock(bad), null, bad);
  }
});

test('short rows, missing optional columns and header whitespace', () => {
  const { rows, issues } = mapText(' 商品名称 ,价格\r\n 好物 , ￥5 \r\n只有标题\r\n');
  assert.deepEqual(rows, [row({ line: 2, title: '好物', priceFen: 500 })]);
  assert.deepEqual(issues, [{ path: '价格', code: 'required', line: 3 }]);
});

test('the mapper consumes one record at a time, so the caller can yield between rows', async () => {
  const text = fixtureText('gbk-excel-crlf.csv');
  const mapper = new ProductCsvMapper();
  let n = 0;
  for (const record of parseCsv(text)) {
    mapper.push(record);
    if (++n % 2 === 0) await tick();
  }
  assert.deepEqual(mapper.finish(), mapText(text));
  assert.equal(mapper.columnName('image'), '图片');
  const english = new ProductCsvMapper();
  english.push({ line: 1, row: 1, fields: ['Title', ' PRICE '] });
  assert.deepEqual([english.columnName('price'), english.columnName('image')], [' PRICE ', undefined]);
});

const product = (p: Partial<Product> & Pick<Product, 'id' | 'title' | 'priceFen'>): Product => ({
  originalPriceFen: null,
  stock: 0,
  sku: null,
  skus: [],
  link: null,
  linkKind: null,
  sellingPoints: '',
  imageId: null,
  shopProductId: null,
  archived: false,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  ...p,
});

test('export header and cells: column order, amounts in fen (two decimals in the CSV), image path', () => {
  assert.deepEqual(productCsvHeader('zh-CN'), [
    '商品名称',
    '规格',
    '价格',
    '划线价',
    '库存',
    '商品编码',
    '链接',
    '卖点',
    '图片',
    '商品ID',
    '导出时库存',
    '导出版本',
  ]);
  assert.equal(
    productCsvHeader('en').join(),
    'title,spec,price,original_price,stock,sku,link,selling_points,image,id,stock_at_export,edit_version',
  );
  const p = product({ id: 1, title: '=1+1', priceFen: 9990, originalPriceFen: 12900, stock: 3, imageId: 'ab' });
  assert.deepEqual(
    productExportRows(p, (id) => `${id}.jpg`),
    [['=1+1', '', 9990, 12900, 3, null, null, '', 'ab.jpg', null, null, null]],
  );
  assert.equal(
    productCsvLines(p, () => null, { ref: 'f00d-1', editVersion: 4 }),
    `'=1+1,,99.90,129.00,3,,,,,f00d-1,3,4\r\n`,
  );
});

test('a product with 规格 exports a row per 规格, its own cells repeated, each row its own stock at export', () => {
  const sku = (id: number, spec: string, priceFen: number, stock: number, code: string | null) => ({
    id,
    spec,
    priceFen,
    originalPriceFen: null,
    stock,
    code,
  });
  const p = product({
    id: 7,
    title: '五常大米',
    priceFen: 3990,
    stock: 13,
    link: 'https://shop.example.com/rice',
    skus: [sku(1, '5kg', 3990, 10, 'RICE-5'), sku(2, '@10kg', 6990, 3, null)],
  });
  assert.equal(
    productCsvLines(p, () => null, { ref: 's1-7', editVersion: 2 }),
    '五常大米,5kg,39.90,,10,RICE-5,https://shop.example.com/rice,,,s1-7,10,2\r\n' +
      "五常大米,'@10kg,69.90,,3,,https://shop.example.com/rice,,,s1-7,3,2\r\n",
  );
});

test('round trip: products → export → CSV text → parseCsv → mapProductRows → the same values', () => {
  const images: Record<string, string> = { img1: 'C:\\Users\\主播\\AppData\\images\\img1.png' };
  const products = [
    product({
      id: 1,
      title: '💄 口红 #999 "正红"',
      priceFen: 19900,
      originalPriceFen: 29900,
      stock: 50,
      sku: 'LIP-999',
      link: 'https://mp.weixin.qq.com/s/AbC',
      sellingPoints: '🔥显白,\n不拔干\n\n"持久"',
      imageId: 'img1',
    }),
    product({ id: 2, title: '=HYPERLINK("http://evil.example","点我")', priceFen: 1, sku: '-SKU', link: '/pages/a/b' }),
    product({ id: 3, title: '+86 138 0000 0000', priceFen: 0, stock: 1_000_000, sellingPoints: '@SUM(1)' }),
    product({ id: 4, title: "'=already defused looking", priceFen: 5, sku: '＝1+1', link: '#小程序://店/x1' }),
    product({ id: 5, title: '-5折 🍊', priceFen: 10_000_000_000, sellingPoints: '\t缩进' }),
  ];
  for (const locale of ['zh-CN', 'en'] as const) {
    const text =
      CSV_BOM +
      csvRow(productCsvHeader(locale)) +
      products
        .map((p) => productCsvLines(p, (id) => images[id] ?? null, { ref: `s1-${p.id}`, editVersion: 2 }))
        .join('');
    // A spreadsheet sees only inert text: every formula-looking cell starts with an apostrophe.
    const cells = parse(text, { bom: true }) as string[][];
    assert.equal(cells[2]![0], `'=HYPERLINK("http://evil.example","点我")`);
    assert.equal(cells[2]![5], "'-SKU");
    assert.equal(cells[3]![7], "'@SUM(1)");
    const { rows, issues, warnings } = mapProductRows(parseCsv(decodeCsvBytes(new TextEncoder().encode(text)).text));
    assert.deepEqual([issues, warnings], [[], []]);
    assert.deepEqual(
      rows.map(({ line: _line, ...r }) => r),
      products.map((p) => ({
        title: p.title,
        spec: '',
        priceFen: p.priceFen,
        originalPriceFen: p.originalPriceFen,
        stock: p.stock,
        sku: p.sku,
        link: p.link,
        sellingPoints: p.sellingPoints === '' ? null : p.sellingPoints,
        imagePath: p.imageId === null ? null : images[p.imageId],
        ref: `s1-${p.id}`,
        stockAtExport: p.stock,
        editVersion: 2,
      })),
    );
    // Rows as a spreadsheet shows them: the first product's selling points span 4 physical lines in one row.
    assert.deepEqual(
      rows.map((r) => r.line),
      [2, 3, 4, 5, 6],
    );
  }
});
