// README screenshots of the main screens at 1280×800, from fixed data. They are written to
// resources/screenshots/ when LIVECART_SCREENSHOTS=1 (so ordinary test runs leave the repo untouched),
// otherwise into this test's output folder.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, productRow, test } from './fixtures.ts';
import { TestClient } from '../support/ws-client.ts';
import { REPO_ROOT } from './studio-process.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

const PRODUCTS = [
  {
    title: '云南高山普洱茶 357g 饼茶',
    priceFen: 19900,
    originalPriceFen: 29900,
    stock: 50,
    sku: 'PUER-357',
    link: 'https://shop.example.com/puer',
    color: '#8c4a2f',
  },
  {
    title: '东北五常稻花香大米 5kg',
    priceFen: 6990,
    originalPriceFen: 8990,
    stock: 120,
    sku: 'RICE-5KG',
    link: 'pages/goods/detail?id=88',
    color: '#d9b64c',
  },
  {
    title: '宁夏中宁特级枸杞 500g',
    priceFen: 4900,
    originalPriceFen: null,
    stock: 300,
    sku: 'GOJI-500',
    link: 'https://mp.weixin.qq.com/s/abc123',
    color: '#c8322d',
  },
  {
    title: '古法手工红糖 400g',
    priceFen: 2990,
    originalPriceFen: 3990,
    stock: 0,
    sku: 'SUGAR-400',
    link: null,
    color: '#6b3a1f',
  },
  {
    title: '新疆若羌灰枣 1kg 一级果',
    priceFen: 3990,
    originalPriceFen: 5990,
    stock: 80,
    sku: 'DATE-1KG',
    link: '#小程序://好物小店/AbCdEf',
    color: '#9b2d3a',
  },
  {
    title: '景德镇手绘青花茶具套装',
    priceFen: 129900,
    originalPriceFen: 168800,
    stock: 12,
    sku: 'TEA-SET-6',
    link: 'https://shop.example.com/teaset',
    color: '#2f5d9b',
  },
  {
    title: '安吉白茶 明前特级 250g',
    priceFen: 36800,
    originalPriceFen: null,
    stock: 35,
    sku: 'ANJI-250',
    link: 'pages/goods/detail?id=102',
    color: '#7fa65a',
  },
];

/** Buyers of the show in the order log screenshot: link numbers of its bag (1 安吉白茶 … 7 普洱茶), quantities. */
const ORDERS: Array<[string, Array<{ linkNo: number; quantity: number }>, string]> = [
  ['小王同学', [{ linkNo: 7, quantity: 1 }], '13800001234'],
  ['宝妈 Lily', [{ linkNo: 6, quantity: 2 }], '13900005678'],
  [
    '爱吃水果的猫',
    [
      { linkNo: 3, quantity: 1 },
      { linkNo: 5, quantity: 1 },
    ],
    '13700002468',
  ],
  ['追光的向日葵', [{ linkNo: 1, quantity: 1 }], '13600001357'],
  ['李姐', [{ linkNo: 2, quantity: 1 }], '13500009876'],
  ['老张', [{ linkNo: 5, quantity: 3 }], '13300004321'],
  ['草莓酱酱', [{ linkNo: 3, quantity: 2 }], '18800001111'],
  [
    '陈先生',
    [
      { linkNo: 6, quantity: 1 },
      { linkNo: 7, quantity: 1 },
    ],
    '18600002222',
  ],
  ['小鱼', [{ linkNo: 5, quantity: 1 }], '18500003333'],
  [
    '王阿姨',
    [
      { linkNo: 3, quantity: 1 },
      { linkNo: 6, quantity: 1 },
      { linkNo: 5, quantity: 1 },
    ],
    '15900004444',
  ],
  ['刘同学', [{ linkNo: 7, quantity: 2 }], '15800005555'],
  ['赵女士', [{ linkNo: 1, quantity: 1 }], '15700006666'],
];

function target(name: string, outputPath: (name: string) => string): string {
  return process.env.LIVECART_SCREENSHOTS ? path.join(REPO_ROOT, 'resources/screenshots', name) : outputPath(name);
}

/** A flat tile with the product's first character, drawn by the browser so no binary fixtures are needed. */
async function tile(page: Page, color: string, char: string): Promise<string> {
  return page.evaluate(
    ([fill, glyph]) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 256;
      const g = canvas.getContext('2d')!;
      g.fillStyle = fill!;
      g.fillRect(0, 0, 256, 256);
      g.fillStyle = 'rgba(255,255,255,0.9)';
      g.font = '600 150px "Noto Sans CJK SC", sans-serif';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(glyph!, 128, 136);
      return canvas.toDataURL('image/png').split(',')[1]!;
    },
    [color, char],
  );
}

test('screenshots of the main screens', async ({ page, studio, openStudio }, testInfo) => {
  const out = (name: string) => target(name, (n) => testInfo.outputPath(n));
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStudio();

  const api = await TestClient.connect(studio.port, studio.token);
  // Oldest first, so the default "updated, newest first" order shows the list as written above.
  for (const { color, ...input } of [...PRODUCTS].reverse()) {
    const tileBytes = Buffer.from(await tile(page, color, input.title[0]!), 'base64');
    const { imageId } = await api.call('catalog.uploadImage', {
      uploadId: await api.upload('image', 'tile.png', tileBytes),
    });
    await api.call('catalog.create', { input: { ...input, imageId, sellingPoints: '' } });
  }
  api.close();

  await expect(page.locator('tbody tr')).toHaveCount(PRODUCTS.length);
  await expect(page.locator('tbody img')).toHaveCount(PRODUCTS.length);
  await page.screenshot({ path: out('products.png') });

  await productRow(page, '景德镇手绘青花茶具套装').getByRole('button', { name: /^编辑/ }).click();
  const editor = page.getByRole('dialog', { name: '编辑商品' });
  await editor
    .getByLabel('卖点（讲解要点）')
    .fill('纯手工绘制，釉下彩\n一壶四杯一公道，送礼自用都合适\n直播间下单送茶巾');
  await editor.getByLabel('划线价（元）').fill('999');
  await editor.getByRole('button', { name: '保存' }).click();
  // The core's issue, shown under the field it belongs to.
  await expect(editor.getByText('划线价应高于售价')).toBeVisible();
  await expect(editor.locator('img')).toHaveCount(1);
  await page.screenshot({ path: out('product-editor.png') });
  await page.keyboard.press('Escape');
  await editor.getByRole('button', { name: '放弃修改' }).click();

  await page.getByRole('button', { name: '导入商品' }).click();
  const importer = page.getByRole('dialog', { name: '导入商品（Excel 或 CSV）' });
  await importer.getByTestId('csv-input').setInputFiles(path.join(FIXTURES, 'products-bad.csv'));
  await expect(importer.getByRole('list', { name: '问题列表' }).getByRole('listitem')).toHaveCount(5);
  await page.screenshot({ path: out('import-errors.png') });
  await page.keyboard.press('Escape');

  // The live room mid-show: a bag, 2号 being explained, a coupon running.
  const live = await TestClient.connect(studio.port, studio.token);
  const { items } = await live.call('catalog.list', { sort: 'created', dir: 'asc' });
  const show = await live.call('live.createSession', { input: { title: '周末助农专场 · 新茶上市' } });
  for (const product of items) await live.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  await live.call('live.goLive', { id: show.id });
  const now = Date.now();
  const coupon = await live.call('coupons.create', {
    input: {
      name: '直播间满减券',
      kind: 'threshold',
      thresholdFen: 9900,
      offFen: 1000,
      validFrom: now,
      validUntil: now + 864e5,
    },
  });
  await live.call('live.pushCoupon', { sessionId: show.id, couponId: coupon.id });
  await live.call('live.explain', { sessionId: show.id, linkNo: 1 });
  await live.call('live.explain', { sessionId: show.id, linkNo: 2 });
  live.close();
  await page.goto(`${studio.origin}/#/live/${show.id}`);
  await expect(page.getByTestId('cue-card').locator('.cue__coupon')).toContainText('直播间满减券');
  await expect(page.getByTestId('order-entry-topay')).toHaveText('¥1,289.00'); // the quick entry's quote has come
  await page.screenshot({ path: out('live-console.png') });

  // The order log mid-show: a dozen buyers, some paid, two shipped from a courier's CSV, one cancelled.
  const shop = await TestClient.connect(studio.port, studio.token);
  const taken: Array<{ id: number; orderNo: string }> = [];
  for (const [buyer, lines, phone] of ORDERS) {
    const input = { buyer, phone, address: '浙江省杭州市西湖区文三路 90 号', lines };
    taken.push(await shop.call('orders.create', { input }));
  }
  for (const order of taken.slice(0, 6)) await shop.call('orders.setStatus', { id: order.id, to: 'paid' });
  await shop.call('orders.setStatus', { id: taken[7]!.id, to: 'cancelled' });
  const csv = `订单号,快递公司,快递单号\n${taken[0]!.orderNo},顺丰速运,SF1428570031\n${taken[1]!.orderNo},中通快递,ZT7731902645\n`;
  const { jobId } = await shop.call('orders.shipFile', {
    uploadId: await shop.upload('csv', 'ship.csv', Buffer.from(csv)),
  });
  await expect.poll(async () => (await shop.call('jobs.list', {})).find((job) => job.id === jobId)?.state).toBe('done');
  shop.close();
  await page.goto(`${studio.origin}/#/orders`);
  await expect(page.locator('.orders-table__body [role="row"][data-order-no]')).toHaveCount(ORDERS.length);
  await expect(page.getByTestId('total-orders').locator('dd')).toHaveText(String(ORDERS.length));
  // Down to the oldest, so the shipped and cancelled ones are in the picture too.
  await page.getByTestId('orders-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByRole('row', { name: /SF1428570031/ })).toBeVisible();
  await page.screenshot({ path: out('orders.png') });

  // The stream screen before going live: two destinations (keys masked), the encoder as found.
  const stream = await TestClient.connect(studio.port, studio.token);
  await stream.call('stream.saveDestination', {
    input: {
      name: '视频号 · 主号',
      platform: 'wechat',
      serverUrl: 'rtmp://push.example.com/live',
      streamKey: 'screenshot-key-1',
      enabled: true,
    },
  });
  await stream.call('stream.saveDestination', {
    input: {
      name: 'YouTube',
      platform: 'youtube',
      serverUrl: 'rtmps://a.rtmps.youtube.com/live2',
      streamKey: 'screenshot-key-2',
      enabled: false,
    },
  });
  stream.close();
  await page.getByRole('link', { name: '直播', exact: true }).click();
  await expect(page.getByRole('button', { name: '开播', exact: true })).toBeEnabled();
  await expect(page.getByTestId('destination')).toHaveCount(2);
  await expect(page.getByTestId('destination-url').first()).toHaveText('rtmp://push.example.com/live/••••');
  await expect(page.getByTestId('encoder-panel')).toContainText(/ffmpeg 版本|找不到可用的 ffmpeg/, { timeout: 20_000 });
  await page.screenshot({ path: out('stream.png') });

  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByTestId('data-dir')).toHaveText(studio.dataDir);
  await page.screenshot({ path: out('settings.png') });

  await page.getByRole('link', { name: '商品库' }).click();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('tbody tr')).toHaveCount(PRODUCTS.length);
  await page.screenshot({ path: out('products-phone.png') });
});
