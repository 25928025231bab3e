// Close the studio and open it again on the same data directory: everything is still there.
import { expect, productRow, test } from './fixtures.ts';

test('products survive a studio restart', async ({ page, studio, openStudio }) => {
  await openStudio();
  await page.getByRole('button', { name: '新建商品' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建商品' });
  await dialog.getByLabel('标题').fill('重启后仍在的商品');
  await dialog.getByLabel('价格（元）').fill('88.8');
  await dialog.getByLabel('库存').fill('8');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(productRow(page, '重启后仍在的商品')).toBeVisible();

  const firstUrl = studio.url;
  await studio.restart();
  expect(studio.url).not.toBe(firstUrl); // new port and token: a fresh launch
  // The open page lost its studio and says so (it keeps retrying with the old address).
  await expect(page.getByTestId('disconnected-banner')).toHaveText('与工作室的连接已断开，正在重连…');

  await openStudio();
  await expect(productRow(page, '重启后仍在的商品').locator('.col-price')).toHaveText('¥88.80');
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByTestId('data-dir')).toHaveText(studio.dataDir);
});
