// 规格 through the UI against the real core: a product gets specifications in the editor (its own price and stock
// become the first), the library and the console show "起" and each specification's stock, and quick entry asks
// which one the buyer wants before it orders — then takes the stock from that one.
import type { Page } from '@playwright/test';
import { TestClient } from '../support/ws-client.ts';
import { expect, productRow, test } from './fixtures.ts';

const entry = (page: Page) => page.getByTestId('order-entry');

test('specifications: added in the editor, shown with "起", chosen in quick entry, stock per specification', async ({
  page,
  studio,
  openStudio,
}) => {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    const tea = await api.call('catalog.create', {
      input: { title: '福鼎白茶', priceFen: 3990, stock: 12, sku: 'TEA-100' },
    });
    await openStudio();
    await productRow(page, '福鼎白茶').getByRole('button', { name: '编辑“福鼎白茶”' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑商品' });
    await dialog.getByRole('button', { name: '添加规格' }).click();
    // The product's own price, stock and code became the first specification's; the second is empty.
    await expect(dialog.getByLabel('规格 1 价格（元）')).toHaveValue('39.90');
    await expect(dialog.getByLabel('规格 1 库存')).toHaveValue('12');
    await expect(dialog.getByLabel('规格 1 编码')).toHaveValue('TEA-100');
    await dialog.getByLabel('规格 1 规格名称').fill('100g 罐装');
    await dialog.getByLabel('规格 2 价格（元）').fill('88');
    await dialog.getByLabel('规格 2 库存').fill('5');
    await dialog.getByLabel('规格 2 编码').fill('TEA-250');
    // No name for the second: the form says so beside the cell, nothing is saved.
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('有多个规格时，每个规格都要有名称')).toBeVisible();
    await expect(dialog.getByLabel('规格 2 规格名称')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('规格 2 规格名称').fill('250g 礼盒');
    await dialog.getByLabel('规格 2 规格名称').press('Control+s');
    await expect(dialog).toBeHidden();

    const row = productRow(page, '福鼎白茶');
    await expect(row.locator('.col-price')).toHaveText('¥39.90 起');
    await expect(row.locator('.col-stock')).toHaveText('17');
    const saved = await api.call('catalog.get', { id: tea.id });
    assert(saved.skus.length === 2, 'two SKUs stored');
    expect(saved.skus[0]!.id).toBe(tea.skus[0]!.id);
    expect(saved.skus.map((s) => [s.spec, s.priceFen, s.stock, s.code])).toEqual([
      ['100g 罐装', 3990, 12, 'TEA-100'],
      ['250g 礼盒', 8800, 5, 'TEA-250'],
    ]);

    const show = await api.call('live.createSession', { input: { title: '秋茶专场' } });
    await api.call('live.bagAdd', { sessionId: show.id, productId: tea.id });
    await api.call('live.goLive', { id: show.id });
    await api.call('live.explain', { sessionId: show.id, productId: tea.id });
    await page.goto(`${studio.origin}/#/live/${show.id}`);
    const cue = page.getByTestId('cue-card');
    await expect(cue.locator('.cue__price')).toHaveText('¥39.90 起');
    await expect(cue.getByRole('list', { name: '规格' })).toContainText('250g 礼盒 ¥88.00 · 库存 5');

    // Quick entry: Enter without a specification asks for one, at the choice itself.
    await entry(page).getByLabel('买家昵称', { exact: true }).fill('小王');
    await entry(page).getByLabel('买家昵称', { exact: true }).press('Enter');
    const choice = entry(page).getByLabel('规格', { exact: true });
    await expect(choice).toBeFocused();
    await expect(entry(page).getByText('这个商品有多个规格：请选择买家要的规格')).toBeVisible();
    await choice.selectOption({ label: '250g 礼盒 · ¥88.00 · 余 5' });
    await expect(entry(page).getByTestId('order-entry-product')).toContainText('250g 礼盒');
    await expect(entry(page).getByTestId('order-entry-subtotal')).toHaveText('¥88.00');
    await choice.press('Enter');
    await expect(page.getByRole('status').getByText(/已下单 .* · 小王 ×1/)).toBeVisible();

    const after = await api.call('catalog.get', { id: tea.id });
    expect(after.skus.map((s) => s.stock)).toEqual([12, 4]);
    const [order] = (await api.call('orders.list', { filter: { sessionId: show.id } })).items;
    expect(order!.lines.map((l) => [l.spec, l.sku, l.unitPriceFen])).toEqual([['250g 礼盒', 'TEA-250', 8800]]);
  } finally {
    api.close();
  }
});

function assert(condition: boolean, message: string): asserts condition {
  expect(condition, message).toBe(true);
}
