// Language: Chinese UI for a Chinese system, English otherwise; a choice in settings sticks.
import { expect, test } from './fixtures.ts';

test('a zh-CN browser gets the Chinese studio', async ({ browser, studio }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(studio.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' })).toContainText('商品库');
  await expect(page.getByRole('heading', { name: '商品库还是空的' })).toBeVisible();
  await context.close();
});

test('an en-US browser gets the English studio; the language switch persists', async ({ browser, studio }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(studio.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'No products yet' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toContainText('Products');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.getByLabel('界面语言')).toHaveValue('zh-CN');
  await context.close();
});
