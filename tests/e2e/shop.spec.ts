// 微信小店 through the UI against the real core and a fake shop on loopback: the seller connects the shop in
// settings (a wrong secret said in words first), syncs its products, goes live, and an order the buyer placed in
// the shop arrives in the log by itself; shipping it from the log sends the shipment to the shop.
import ExcelJS from 'exceljs';
import { TestClient } from '../support/ws-client.ts';
import { FakeWxShop, fakeOrder, type FakeProduct } from '../support/fake-wxshop.ts';
import { expect, expectConnected, productRow, test } from './fixtures.ts';
import { StudioProcess } from './studio-process.ts';

const HONEY: FakeProduct = {
  product_id: '10000077000001',
  title: '野生槐花蜜',
  head_imgs: [],
  status: 5,
  skus: [
    {
      sku_id: '2200001',
      sale_price: 4500,
      stock_num: 30,
      sku_code: 'HONEY-500',
      sku_attrs: [{ attr_key: '规格', attr_value: '500g' }],
      status: 5,
    },
    {
      sku_id: '2200002',
      sale_price: 8000,
      stock_num: 10,
      sku_code: 'HONEY-1K',
      sku_attrs: [{ attr_key: '规格', attr_value: '1kg' }],
      status: 5,
    },
  ],
};

test('connect the shop in settings, watch a shop order arrive during the show, ship it from the log', async ({
  page,
}) => {
  const fake = new FakeWxShop();
  const base = await fake.start();
  const studio = await StudioProcess.start({ LIVECART_WXSHOP_API: base, LIVECART_WXSHOP_POLL_SECONDS: '1' });
  try {
    fake.addProduct(HONEY);
    await page.goto(studio.url);
    await expectConnected(page);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
    const shop = page.getByTestId('shop-settings');
    await shop.getByLabel('AppID').fill(fake.appId);
    await shop.getByLabel('AppSecret').fill('this-is-not-the-secret');
    await shop.getByRole('button', { name: '连接小店' }).click();
    await expect(page.getByText(/AppID 或 AppSecret 不正确/)).toBeVisible();
    await shop.getByLabel('AppSecret').fill(fake.secret);
    await shop.getByRole('button', { name: '连接小店' }).click();
    await expect(shop.getByTestId('shop-app-id')).toHaveText(fake.appId);
    await expect(shop.getByLabel('AppSecret')).toHaveValue('', { timeout: 10_000 });

    await shop.getByRole('button', { name: '立即同步' }).click();
    await expect(shop.getByTestId('shop-products-state')).toContainText('新增 1');
    await expect(shop.getByTestId('shop-orders-state')).toContainText('同步完成');

    // The library says which fields the shop owns before anyone edits them.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '商品库' }).click();
    await productRow(page, '野生槐花蜜').getByRole('button', { name: '编辑“野生槐花蜜”' }).click();
    const editor = page.getByRole('dialog', { name: '编辑商品' });
    await expect(editor.getByTestId('shop-linked')).toContainText('下次同步时被小店的内容覆盖');
    await page.keyboard.press('Escape');
    await expect(editor).toBeHidden();

    // The show: the synced product in the bag, live (arranged through the protocol; the console has its own tests).
    const api = await TestClient.connect(studio.port, studio.token);
    try {
      const product = (await api.call('catalog.list', { query: '槐花蜜' })).items[0]!;
      expect(product.skus.map((s) => s.spec)).toEqual(['500g', '1kg']);
      const show = await api.call('live.createSession', { input: { title: '蜂蜜专场' } });
      await api.call('live.bagAdd', { sessionId: show.id, productId: product.id });
      await api.call('live.goLive', { id: show.id });

      await page.getByRole('link', { name: '订单' }).click();
      await expect(page.getByRole('heading', { name: '订单', level: 1 })).toBeVisible();
      const orderId = '3705000000000000001';
      fake.addOrder(
        fakeOrder(orderId, Math.floor(Date.now() / 1000), [{ product: HONEY, sku: HONEY.skus[1]!, count: 1 }], {
          freight: 600,
        }),
      );
      const row = page.locator(`[role="row"][data-order-no="${orderId}"]`);
      await expect(row).toBeVisible({ timeout: 20_000 });
      await expect(row).toContainText('微信小店');
      await expect(row).toContainText('蜂蜜专场');

      await row.click();
      const detail = page.getByRole('dialog', { name: `订单 ${orderId}` });
      await expect(detail.getByTestId('order-platform')).toContainText('微信小店 · 待发货');
      await expect(detail).toContainText('运费');
      await expect(detail.getByRole('group', { name: '订单操作' }).getByRole('button')).toHaveText(['发货']);
      await detail.getByRole('button', { name: '发货' }).click();
      const ship = page.getByRole('dialog', { name: /发货$/ });
      await ship.getByLabel('快递公司').fill('顺丰');
      await ship.getByLabel('快递单号').fill('SF1234500001');
      await page.keyboard.press('Enter');
      await expect(ship).toBeHidden();
      await expect(detail.getByTestId('order-tracking')).toHaveText('顺丰速运 SF1234500001');
      await expect.poll(() => fake.orders.get(orderId)!.status).toBe(30);
    } finally {
      api.close();
    }
  } finally {
    await studio.dispose();
    await fake.stop();
  }
});

test('a 抖店 order export (.xlsx) imported from the order log: a bad row named by its row, then the orders in', async ({
  page,
  openStudio,
}, testInfo) => {
  const write = async (name: string, id: string) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('订单');
    sheet.addRow([
      '主订单编号',
      '子订单编号',
      '选购商品',
      '商品规格',
      '商品数量',
      '订单应付金额',
      '收件人',
      '订单状态',
    ]);
    sheet.addRow([`\t${id}`, '\t69179267688236437511', '枸杞', '500g', 2, 59.8, '王*', '待发货']);
    const file = testInfo.outputPath(name);
    await book.xlsx.writeFile(file);
    return file;
  };
  await openStudio();
  await page.getByRole('link', { name: '订单' }).click();
  await page.getByRole('button', { name: '导入平台订单' }).click();
  const dialog = page.getByRole('dialog', { name: '导入平台订单' });
  await dialog.getByTestId('order-file-input').setInputFiles(await write('bad.xlsx', '6.91793E+18'));
  await expect(dialog).toContainText('订单文件有 1 处错误');
  await expect(dialog).toContainText('第 2 行');
  await expect(dialog).toContainText('科学计数法');
  await dialog.getByTestId('order-file-input').setInputFiles(await write('good.xlsx', '6917926768823643751'));
  await expect(dialog).toContainText('1 个订单：新增 1');
  await page.keyboard.press('Escape');
  const row = page.locator('[role="row"][data-order-no="6917926768823643751"]');
  await expect(row).toContainText('抖店');
});
