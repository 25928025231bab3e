// The fake 微信小店 in a process of its own, for the bench: its serving time is then its own, not shared with the
// studio's event loop. Seeds --orders orders over the last --days days; prints its address and credentials as one
// JSON line; answers `stats` (and `reset`) lines on stdin with its serving time and call count.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FakeWxShop, fakeOrder, type FakeProduct } from '../support/fake-wxshop.ts';

const { values } = parseArgs({
  options: { orders: { type: 'string', default: '10000' }, days: { type: 'string', default: '20' } },
});
const orders = Number(values.orders);
const days = Number(values.days);
const fake = new FakeWxShop();
const base = await fake.start();
const products: FakeProduct[] = Array.from({ length: 20 }, (_, i) => ({
  product_id: String(10_000_000_000_000 + i),
  title: `商品 ${i + 1}`,
  head_imgs: [],
  status: 5,
  skus: [
    {
      sku_id: String(20_000_000 + i * 2),
      sale_price: 1990 + i * 100,
      stock_num: 100_000,
      sku_code: `P${i}-S`,
      sku_attrs: [{ attr_key: '规格', attr_value: '小份' }],
      status: 5,
    },
    {
      sku_id: String(20_000_001 + i * 2),
      sale_price: 3990 + i * 100,
      stock_num: 100_000,
      sku_code: `P${i}-L`,
      sku_attrs: [{ attr_key: '规格', attr_value: '大份' }],
      status: 5,
    },
  ],
}));
for (const p of products) fake.addProduct(p);
const start = Math.floor(Date.now() / 1000) - days * 86_400;
for (let i = 0; i < orders; i++) {
  const product = products[i % products.length]!;
  const lines = [{ product, sku: product.skus[i % 2]!, count: 1 + (i % 3) }];
  fake.addOrder(
    fakeOrder(String(3_800_000_000_000_000_000n + BigInt(i)), start + Math.floor((i * days * 86_400) / orders), lines, {
      freight: i % 4 ? 0 : 600,
    }),
  );
}
console.log(JSON.stringify({ base, appId: fake.appId, secret: fake.secret, since: start - 60 }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'reset') {
    fake.servingMs = 0;
    fake.calls.length = 0;
  }
  console.log(JSON.stringify({ servingMs: fake.servingMs, calls: fake.calls.length }));
}
await fake.stop();
