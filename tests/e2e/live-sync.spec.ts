// Two windows on one studio (the host's laptop and an assistant's tablet): changes appear live, and two
// people saving the same product never silently overwrite each other.
import { TestClient } from '../support/ws-client.ts';
import { expect, productRow, secondWindow, test } from './fixtures.ts';

test('a product created in one window appears in another without reload', async ({
  browser,
  page,
  studio,
  openStudio,
}) => {
  await openStudio();
  const other = await secondWindow(browser, studio);
  await expect(other.page.getByRole('heading', { name: '商品库还是空的' })).toBeVisible();

  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: '新建商品' });
  await dialog.getByLabel('标题').fill('实时同步的商品');
  await dialog.getByLabel('价格（元）').fill('9.9');
  await dialog.getByLabel('库存').fill('99');
  await dialog.getByRole('button', { name: '保存' }).click();

  await expect(productRow(other.page, '实时同步的商品').locator('.col-price')).toHaveText('¥9.90');

  // An edit is patched into the other window's row in place.
  await productRow(page, '实时同步的商品').getByRole('button', { name: '编辑“实时同步的商品”' }).click();
  await page.getByRole('dialog', { name: '编辑商品' }).getByLabel('库存').fill('42');
  await page.keyboard.press('Control+s');
  await expect(productRow(other.page, '实时同步的商品').locator('.col-stock')).toHaveText('42');
  await other.context.close();
});

test('a second save of the same product gets the conflict, not a silent overwrite', async ({
  browser,
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([{ title: '限时秒杀保温杯', priceFen: 5900, stock: 200, sku: 'CUP-1' }]);
  await openStudio();
  const other = await secondWindow(browser, studio);

  // Both open the editor on the same version.
  await productRow(page, '限时秒杀保温杯').getByRole('button', { name: '编辑“限时秒杀保温杯”' }).click();
  await productRow(other.page, '限时秒杀保温杯').getByRole('button', { name: '编辑“限时秒杀保温杯”' }).click();
  const mine = page.getByRole('dialog', { name: '编辑商品' });
  const theirs = other.page.getByRole('dialog', { name: '编辑商品' });

  await mine.getByLabel('价格（元）').fill('49.00');
  await mine.getByRole('button', { name: '保存' }).click();
  await expect(mine).toBeHidden();

  await theirs.getByLabel('库存').fill('150');
  await theirs.getByRole('button', { name: '保存' }).click();
  const conflict = theirs.getByRole('alert').filter({ hasText: '该商品刚被其他人修改过，请查看最新内容后再保存' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('¥59.00 → ¥49.00');
  // Nothing was overwritten: the first window still shows its price and the old stock.
  await expect(productRow(page, '限时秒杀保温杯').locator('.col-price')).toHaveText('¥49.00');
  await expect(productRow(page, '限时秒杀保温杯').locator('.col-stock')).toHaveText('200');

  // Keep my change on top of the latest, then save: both edits survive.
  await conflict.getByRole('button', { name: '在最新内容上保留我的修改' }).click();
  await expect(theirs.getByLabel('价格（元）')).toHaveValue('49.00');
  await expect(theirs.getByLabel('库存')).toHaveValue('150');
  await theirs.getByRole('button', { name: '保存' }).click();
  await expect(theirs).toBeHidden();
  await expect(productRow(page, '限时秒杀保温杯').locator('.col-stock')).toHaveText('150');
  await expect(productRow(page, '限时秒杀保温杯').locator('.col-price')).toHaveText('¥49.00');
  await other.context.close();
});

test('a second save of the same session gets the conflict and starts again from the latest', async ({
  browser,
  page,
  studio,
  openStudio,
}) => {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    await api.call('live.createSession', { input: { title: '周五夜场' } });
  } finally {
    api.close();
  }
  await openStudio();
  const other = await secondWindow(browser, studio);

  // Both open the session's editor on the same version.
  for (const window of [page, other.page]) {
    await window.getByRole('link', { name: '直播中控' }).click();
    await window.locator('.session-card').getByRole('link', { name: '周五夜场' }).click();
    await window.getByRole('button', { name: '编辑', exact: true }).click();
  }
  const mine = page.getByRole('dialog', { name: '编辑场次' });
  const theirs = other.page.getByRole('dialog', { name: '编辑场次' });

  await mine.getByLabel('直播标题').fill('周五夜场 · 新品');
  await mine.getByRole('button', { name: '保存' }).click();
  await expect(mine).toBeHidden();
  await expect(page.getByText('已保存“周五夜场 · 新品”')).toBeVisible();

  await theirs.getByLabel('直播标题').fill('周五夜场 · 清仓');
  await theirs.getByRole('button', { name: '保存' }).click();
  await expect(theirs.getByRole('alert').filter({ hasText: '这场直播刚被其他人修改过' })).toBeVisible();
  await theirs.getByRole('button', { name: '载入最新内容' }).click();
  await expect(theirs.getByLabel('直播标题')).toHaveValue('周五夜场 · 新品');
  await other.context.close();
});
