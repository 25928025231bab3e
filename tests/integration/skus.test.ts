// 规格 (SKUs) on real SQLite files: the migration from the single-price schema, the catalogue's SKU edits and their
// rules, and orders that sell, refuse and return stock per SKU — through the real protocol.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate.ts';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.ts';
import type { SkuInput } from '../../electron/core/protocol/catalog-schemas.ts';
import type { Product, Session } from '../../electron/core/protocol/contract.ts';
import { openStudio, DB_FILE } from '../../electron/core/studio.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';

let run: Running;
let a: TestClient;
let show: Session;

before(async () => {
  run = await runStudio();
  a = await TestClient.connect(run.host.port, run.host.token);
  await a.call('studio.hello', { client: 'desktop' });
  show = await a.call('live.createSession', { input: { title: '秋茶专场' } });
});
after(async () => {
  a.close();
  await run.stop();
});

async function issueOf(work: Promise<unknown>): Promise<{ code: string; path: string }> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    const issue = error.error.issues![0]!;
    return { code: issue.code, path: issue.path };
  }
  assert.fail('expected a refusal');
}

const TEA = [
  { spec: '100g 罐装', priceFen: 3990, originalPriceFen: 5990, stock: 12, code: 'TEA-100' },
  { spec: '250g 礼盒', priceFen: 8800, stock: 5, code: 'TEA-250' },
  { spec: '500g 饼', priceFen: 15800, originalPriceFen: 19800, stock: 0, code: 'TEA-500' },
];

test('a product with several SKUs reads as its cheapest price, its summed stock, and each SKU in order', async () => {
  const tea = await a.call('catalog.create', { input: { title: '福鼎白茶', skus: TEA } });
  assert.deepEqual(
    tea.skus.map((s) => [s.spec, s.priceFen, s.originalPriceFen, s.stock, s.code]),
    TEA.map((s) => [s.spec, s.priceFen, s.originalPriceFen ?? null, s.stock, s.code]),
  );
  assert.equal(tea.priceFen, 3990, 'the cheapest SKU: "¥39.9 起"');
  assert.equal(tea.originalPriceFen, 5990, "the cheapest SKU's crossed-out price");
  assert.equal(tea.stock, 17);
  assert.equal(tea.sku, null, 'several codes: none is the product’s');
  const listed = await a.call('catalog.list', { query: '福鼎' });
  assert.deepEqual(listed.items[0]!.skus, tea.skus, 'the list carries the SKUs too');
});

test('a product without specifications is one SKU, edited as before', async () => {
  const rice = await a.call('catalog.create', {
    input: { title: '东北大米 5kg', priceFen: 5990, stock: 100, sku: 'RICE-5' },
  });
  assert.equal(rice.skus.length, 1);
  assert.deepEqual(
    { ...rice.skus[0], id: 0 },
    { id: 0, spec: '', priceFen: 5990, originalPriceFen: null, stock: 100, code: 'RICE-5' },
  );
  const cheaper = await a.call('catalog.update', {
    id: rice.id,
    expectedVersion: rice.version,
    patch: { priceFen: 4990, stock: 80 },
  });
  assert.equal(cheaper.skus[0]!.id, rice.skus[0]!.id, 'the same SKU: orders that named it still do');
  assert.deepEqual([cheaper.priceFen, cheaper.stock, cheaper.sku], [4990, 80, 'RICE-5']);
  assert.deepEqual([cheaper.skus[0]!.priceFen, cheaper.skus[0]!.stock], [4990, 80]);
});

test('editing SKUs: reorder, trade specs, add and retire; what people edit counts, stock alone does not', async () => {
  const cup = await a.call('catalog.create', {
    input: {
      title: '汝窑茶杯',
      skus: [
        { spec: '天青', priceFen: 12800, stock: 3, code: 'CUP-Q' },
        { spec: '月白', priceFen: 13800, stock: 4, code: 'CUP-Y' },
      ],
    },
  });
  const [qing, yue] = cup.skus as [Product['skus'][0], Product['skus'][0]];
  // The two SKUs trade names and codes and change places, and a third comes: one edit, no clash halfway.
  const traded = await a.call('catalog.update', {
    id: cup.id,
    expectedVersion: cup.version,
    patch: {
      skus: [
        { id: yue.id, spec: '天青', priceFen: 13800, stock: 4, code: 'CUP-Q' },
        { id: qing.id, spec: '月白', priceFen: 12800, stock: 3, code: 'CUP-Y' },
        { spec: '粉青', priceFen: 16800, stock: 1, code: 'CUP-F' },
      ],
    },
  });
  assert.deepEqual(
    traded.skus.map((s) => [s.id, s.spec, s.code]),
    [
      [yue.id, '天青', 'CUP-Q'],
      [qing.id, '月白', 'CUP-Y'],
      [traded.skus[2]!.id, '粉青', 'CUP-F'],
    ],
  );
  assert.equal(traded.stock, 8);
  // One retired: its code is free again, the product's sums leave it out.
  const fewer = await a.call('catalog.update', {
    id: cup.id,
    expectedVersion: traded.version,
    patch: {
      skus: traded.skus.slice(0, 2).map(({ id, spec, priceFen, stock, code }) => ({ id, spec, priceFen, stock, code })),
    },
  });
  assert.equal(fewer.skus.length, 2);
  assert.equal(fewer.stock, 7);
  const other = await a.call('catalog.create', {
    input: { title: '粉青茶杯', priceFen: 16800, stock: 1, sku: 'CUP-F' },
  });
  assert.equal(other.sku, 'CUP-F', 'a retired SKU gave its code back');

  const edits = (id: number) => {
    const db = new Database(path.join(run.dataDir, DB_FILE), { readonly: true });
    try {
      return (db.prepare('SELECT edit_version FROM products WHERE id = ?').get(id) as { edit_version: number })
        .edit_version;
    } finally {
      db.close();
    }
  };
  const edited = edits(cup.id);
  const restocked = await a.call('catalog.update', {
    id: cup.id,
    expectedVersion: fewer.version,
    patch: { skus: fewer.skus.map(({ id, spec, priceFen, code }) => ({ id, spec, priceFen, stock: 50, code })) },
  });
  assert.equal(restocked.stock, 100);
  assert.equal(edits(cup.id), edited, 'stock alone is not an edit (an older export may still set other fields)');
  await a.call('catalog.update', {
    id: cup.id,
    expectedVersion: restocked.version,
    patch: {
      skus: restocked.skus.map(({ id, spec, priceFen, stock, code }) => ({
        id,
        spec,
        priceFen: priceFen + 100,
        stock,
        code,
      })),
    },
  });
  assert.equal(edits(cup.id), edited + 1, "a SKU's price is an edit");
});

test('SKU rules: names with several, no repeats, codes unique across products, only its own SKUs, no mixing', async () => {
  const input = (skus: SkuInput[]) => ({ input: { title: '蜂蜜', skus } });
  assert.deepEqual(
    await issueOf(
      a.call(
        'catalog.create',
        input([
          { spec: '', priceFen: 100, stock: 1 },
          { spec: '大', priceFen: 200, stock: 1 },
        ]),
      ),
    ),
    { code: 'spec_required', path: 'skus.0.spec' },
  );
  assert.deepEqual(
    await issueOf(
      a.call(
        'catalog.create',
        input([
          { spec: '大', priceFen: 100, stock: 1 },
          { spec: ' 大 ', priceFen: 200, stock: 1 },
        ]),
      ),
    ),
    { code: 'spec_repeated', path: 'skus.1.spec' },
  );
  assert.deepEqual(
    await issueOf(a.call('catalog.create', input([{ spec: '小', priceFen: 100, stock: 1, code: 'TEA-250' }]))),
    { code: 'sku_taken', path: 'skus.0.code' },
  );
  assert.deepEqual(
    await issueOf(a.call('catalog.create', input([{ spec: '小', priceFen: 300, originalPriceFen: 300, stock: 1 }]))),
    { code: 'original_below_price', path: 'skus.0.originalPriceFen' },
  );
  assert.deepEqual(
    await issueOf(
      a.call('catalog.create', {
        input: { title: '蜂蜜', priceFen: 100, skus: [{ spec: '小', priceFen: 100, stock: 1 }] },
      }),
    ),
    { code: 'skus_and_fields', path: 'priceFen' },
  );
  const tea = (await a.call('catalog.list', { query: '福鼎' })).items[0]!;
  const rice = (await a.call('catalog.list', { query: '大米' })).items[0]!;
  assert.deepEqual(
    await issueOf(
      a.call('catalog.update', {
        id: tea.id,
        expectedVersion: tea.version,
        patch: { skus: [{ id: rice.skus[0]!.id, spec: '偷来的', priceFen: 1, stock: 1 }] },
      }),
    ),
    { code: 'sku_unknown', path: 'skus.0.id' },
  );
  assert.deepEqual(
    await issueOf(
      a.call('catalog.update', {
        id: tea.id,
        expectedVersion: tea.version,
        patch: {
          skus: [
            { id: tea.skus[0]!.id, spec: '甲', priceFen: 1, stock: 1 },
            { id: tea.skus[0]!.id, spec: '乙', priceFen: 1, stock: 1 },
          ],
        },
      }),
    ),
    { code: 'sku_unknown', path: 'skus.1.id' },
    'one SKU named twice would lose a row',
  );
  assert.deepEqual(
    await issueOf(a.call('catalog.create', input([{ spec: '\u0001' + '7', priceFen: 100, stock: 1 }]))),
    { code: 'spec_invalid', path: 'skus.0.spec' },
  );
  // The product's own price on a product with several SKUs: only as it already reads (an export read back).
  assert.deepEqual(
    await issueOf(a.call('catalog.update', { id: tea.id, expectedVersion: tea.version, patch: { priceFen: 100 } })),
    { code: 'skus_edit_each', path: 'priceFen' },
  );
  const same = await a.call('catalog.update', {
    id: tea.id,
    expectedVersion: tea.version,
    patch: { title: '福鼎白茶 寿眉', priceFen: tea.priceFen, stock: tea.stock },
  });
  assert.equal(same.title, '福鼎白茶 寿眉');
  assert.deepEqual(same.skus, tea.skus, 'the SKUs untouched');
});

test('orders sell a SKU: chosen by id or by code, priced and stocked per SKU, returned to it on cancel', async () => {
  const tea = (await a.call('catalog.list', { query: '福鼎' })).items[0]!;
  const [small, box, cake] = tea.skus as [Product['skus'][0], Product['skus'][0], Product['skus'][0]];
  const bag = await a.call('live.bagAdd', { sessionId: show.id, productId: tea.id });
  const linkNo = bag.find((i) => i.productId === tea.id)!.linkNo;
  show = await a.call('live.goLive', { id: show.id });
  assert.deepEqual(bag[0]!.product.skus, tea.skus, 'the bag carries the SKUs');

  assert.deepEqual(
    await issueOf(
      a.call('orders.create', { input: { sessionId: show.id, lines: [{ linkNo, quantity: 1 }], buyer: '小王' } }),
    ),
    { code: 'sku_required', path: '(root)' },
  );
  const order = await a.call('orders.create', {
    input: {
      sessionId: show.id,
      lines: [
        { linkNo, skuId: box.id, quantity: 2 },
        { sku: 'TEA-100', quantity: 1 },
      ],
      buyer: '小王',
    },
  });
  assert.deepEqual(
    order.lines.map((l) => [l.skuId, l.spec, l.sku, l.unitPriceFen, l.quantity]),
    [
      [box.id, '250g 礼盒', 'TEA-250', 8800, 2],
      [small.id, '100g 罐装', 'TEA-100', 3990, 1],
    ],
  );
  assert.equal(order.subtotalFen, 8800 * 2 + 3990);
  let now = await a.call('catalog.get', { id: tea.id });
  assert.deepEqual(
    now.skus.map((s) => s.stock),
    [small.stock - 1, box.stock - 2, 0],
  );
  assert.equal(now.stock, small.stock - 1 + box.stock - 2, "the product's stock is its SKUs'");

  assert.deepEqual(
    await issueOf(
      a.call('orders.create', {
        input: { lines: [{ productId: tea.id, skuId: cake.id, quantity: 1 }], buyer: '小李' },
      }),
    ),
    { code: 'order_oversold', path: '(root)' },
    'the 500g cake has none left, whatever the other SKUs have',
  );
  const rice = (await a.call('catalog.list', { query: '大米' })).items[0]!;
  assert.deepEqual(
    await issueOf(
      a.call('orders.create', {
        input: { lines: [{ productId: tea.id, skuId: rice.skus[0]!.id, quantity: 1 }], buyer: '小李' },
      }),
    ),
    { code: 'sku_unknown', path: '(root)' },
  );

  // The show's report splits the product's sales by 规格, as sold.
  const report = await a.call('orders.report', { sessionId: show.id });
  const teaSales = report.products.find((p) => p.productId === tea.id)!;
  assert.deepEqual([teaSales.units, teaSales.subtotalFen], [3, 8800 * 2 + 3990]);
  assert.deepEqual(
    teaSales.specs.map((s) => [s.spec, s.orders, s.units, s.subtotalFen]),
    [
      ['250g 礼盒', 1, 2, 17600],
      ['100g 罐装', 1, 1, 3990],
    ],
  );

  await a.call('orders.setStatus', { id: order.id, to: 'cancelled' });
  now = await a.call('catalog.get', { id: tea.id });
  assert.deepEqual(
    now.skus.map((s) => s.stock),
    tea.skus.map((s) => s.stock),
    'each SKU got its own units back',
  );
});

test('a cancel after the seller replaced the SKU sold returns the units to the live one with the same spec', async () => {
  const cup = await a.call('catalog.create', {
    input: {
      title: '建盏',
      skus: [
        { spec: '兔毫', priceFen: 29900, stock: 3 },
        { spec: '油滴', priceFen: 39900, stock: 2 },
      ],
    },
  });
  const order = await a.call('orders.create', {
    input: { lines: [{ productId: cup.id, skuId: cup.skus[1]!.id, quantity: 2 }], buyer: '老李' },
  });
  // 油滴 is deleted and typed again (a new SKU with the same name), restocked to 5.
  const retyped = await a.call('catalog.update', {
    id: cup.id,
    expectedVersion: (await a.call('catalog.get', { id: cup.id })).version,
    patch: {
      skus: [
        { id: cup.skus[0]!.id, spec: '兔毫', priceFen: 29900, stock: 3 },
        { spec: '油滴', priceFen: 39900, stock: 5 },
      ],
    },
  });
  assert.notEqual(retyped.skus[1]!.id, cup.skus[1]!.id);
  await a.call('orders.setStatus', { id: order.id, to: 'cancelled' });
  const after = await a.call('catalog.get', { id: cup.id });
  assert.deepEqual(
    after.skus.map((s) => [s.spec, s.stock]),
    [
      ['兔毫', 3],
      ['油滴', 7],
    ],
    'the 2 units are counted again, under the live 油滴',
  );
  assert.equal(after.stock, 10);
});

test('a library from before SKUs: every product becomes one SKU with its price, stock and code; order lines name it', () => {
  const dir = tempDir();
  const file = path.join(dir, DB_FILE);
  const old = new Database(file);
  migrate(old, MIGRATIONS.slice(0, 5));
  old.exec(`
    INSERT INTO products (id, title, price_fen, original_price_fen, stock, sku, created_at, updated_at)
      VALUES (1, '野生蜂蜜', 3900, 4900, 20, 'HONEY', 1, 1), (2, '手工挂面', 1290, NULL, 0, NULL, 2, 2);
    INSERT INTO orders (id, order_no, status, buyer, subtotal_fen, discount_fen, paid_fen, units, created_at, updated_at)
      VALUES (1, '261201-001', 'paid', '老张', 6480, 0, 6480, 2, 3, 3);
    INSERT INTO order_lines (order_id, line_no, product_id, title, sku, unit_price_fen, quantity, discount_fen)
      VALUES (1, 1, 1, '野生蜂蜜', 'HONEY', 3900, 1, 0), (1, 2, 2, '手工挂面', NULL, 1290, 2, 0);
  `);
  old.close();

  return (async () => {
    const studio = await openStudio({ dataDir: dir });
    try {
      const honey = studio.catalog.get(1);
      assert.deepEqual(
        [honey.priceFen, honey.originalPriceFen, honey.stock, honey.sku],
        [3900, 4900, 20, 'HONEY'],
        'the product reads as before',
      );
      assert.deepEqual(
        honey.skus.map((s) => ({ ...s, id: 0 })),
        [{ id: 0, spec: '', priceFen: 3900, originalPriceFen: 4900, stock: 20, code: 'HONEY' }],
      );
      const noodles = studio.catalog.get(2);
      assert.deepEqual([noodles.skus.length, noodles.skus[0]!.code, noodles.stock], [1, null, 0]);
      const order = studio.orders.get(1);
      assert.deepEqual(
        order.lines.map((l) => [l.skuId, l.spec]),
        [
          [honey.skus[0]!.id, ''],
          [noodles.skus[0]!.id, ''],
        ],
      );
    } finally {
      await studio.close();
    }
  })();
});
