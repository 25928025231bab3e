// CSV in and out through the UI: a Chinese spreadsheet imports; a file with bad rows imports nothing and
// lists every problem by line and column; an export downloads a UTF-8 (BOM) file Excel opens correctly.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makePicture } from '../support/tools.ts';
import { expect, productRow, test } from './fixtures.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

test('imports a CSV with Chinese headers', async ({ page, openStudio }) => {
  await openStudio();
  await page.getByRole('button', { name: '导入商品' }).first().click();
  const dialog = page.getByRole('dialog', { name: '导入商品（Excel 或 CSV）' });
  await dialog.getByTestId('csv-input').setInputFiles(path.join(FIXTURES, 'products-zh.csv'));
  await expect(dialog.getByText('导入完成：新建 5 件，更新 0 件，0 件无变化。')).toBeVisible();
  await dialog.getByRole('button', { name: '关闭' }).last().click();
  await expect(dialog).toBeHidden();

  await expect(page.locator('tbody tr')).toHaveCount(5);
  const sugar = productRow(page, '手工红糖 400g');
  await expect(sugar.locator('.col-price')).toHaveText('¥1,299.00');
  await expect(sugar.locator('.col-stock')).toHaveText('0');
  await expect(productRow(page, '东北五常大米 5kg').locator('.col-link')).toHaveText('小程序');
  await expect(productRow(page, '新疆若羌灰枣 1kg').locator('.col-link')).toHaveText('小程序');
  await expect(productRow(page, '宁夏中宁枸杞 500g').locator('.col-link')).toHaveText('公众号文章');
  await expect(productRow(page, '云南高山普洱茶 357g').locator('.col-original s')).toHaveText('¥299.00');
});

test('a file with bad rows imports nothing and lists every problem', async ({ page, openStudio }) => {
  await openStudio();
  await page.getByRole('button', { name: '导入商品' }).first().click();
  const dialog = page.getByRole('dialog', { name: '导入商品（Excel 或 CSV）' });
  await dialog.getByTestId('csv-input').setInputFiles(path.join(FIXTURES, 'products-bad.csv'));
  await expect(dialog.getByText('文件有 5 处错误，未导入任何商品。请修改后重新导入。')).toBeVisible();
  const issues = dialog.getByRole('list', { name: '问题列表' }).getByRole('listitem');
  await expect(issues).toHaveText([
    '第 3 行 · 价格 · “abc”不是有效金额（非负数，最多两位小数）',
    '第 4 行 · 商品名称 · 必填',
    '第 5 行 · 库存 · “-5”不是有效库存（非负整数）',
    '第 6 行 · 划线价 · 划线价应高于售价',
    '第 7 行 · 商品编码 · 商品编码 OK-1 在第 2 行已出现',
  ]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Not even the good first row was imported.
  await expect(page.getByRole('heading', { name: '商品库还是空的' })).toBeVisible();
});

test('exports a UTF-8 CSV with a BOM and re-imports it unchanged', async ({ page, openStudio, seedProducts }) => {
  await seedProducts([
    { title: '云南高山普洱茶 357g', priceFen: 19900, originalPriceFen: 29900, stock: 50, sku: 'PUER-357' },
    { title: '=HYPERLINK("x")', priceFen: 100, stock: 1 },
  ]);
  await openStudio();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const file = await download.path();
  const bytes = await readFile(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.split(/\r?\n/)[0]).toMatch(/^商品名称,规格,价格,划线价,库存,商品编码/);
  expect(text).toContain('云南高山普洱茶 357g,,199.00,299.00,50,PUER-357');
  await expect(page.getByText(`已导出 ${download.suggestedFilename()}`)).toBeVisible();

  await page.getByRole('button', { name: '导入商品' }).click();
  const dialog = page.getByRole('dialog', { name: '导入商品（Excel 或 CSV）' });
  await dialog.getByTestId('csv-input').setInputFiles(file);
  await expect(dialog.getByText('导入完成：新建 0 件，更新 0 件，2 件无变化。')).toBeVisible();
});

test('a CSV comes with its pictures: picked together, or as the folder they sit in', async ({ page, openStudio }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'livecart-pictures-'));
  await mkdir(path.join(dir, 'images'));
  makePicture('color=red:size=64x64', path.join(dir, 'images', 'red.png'));
  makePicture('color=blue:size=64x64', path.join(dir, 'images', 'unused.png'));
  await writeFile(
    path.join(dir, 'products.csv'),
    '商品名称,价格,商品编码,图片\r\n红色杯子,9.90,CUP-RED,images\\red.png\r\n',
  );
  await openStudio();
  await page.getByRole('button', { name: '导入商品' }).first().click();
  const dialog = page.getByRole('dialog', { name: '导入商品（Excel 或 CSV）' });

  // The CSV alone: the studio never reads a path itself, and says what to do.
  await dialog.getByTestId('csv-input').setInputFiles(path.join(dir, 'products.csv'));
  await expect(dialog.getByRole('list', { name: '问题列表' }).getByRole('listitem')).toHaveText([
    /第 2 行 · 图片 · 图片“images\\red\.png”没有随表格一起选择/,
  ]);

  // Picked together with its pictures: imported, with the picture.
  await dialog
    .getByTestId('csv-input')
    .setInputFiles([
      path.join(dir, 'products.csv'),
      path.join(dir, 'images', 'red.png'),
      path.join(dir, 'images', 'unused.png'),
    ]);
  await expect(dialog.getByText('导入完成：新建 1 件，更新 0 件，0 件无变化。')).toBeVisible();
  await expect(dialog.getByText('1 张图片')).toBeVisible(); // the unused one was not sent
  await dialog.getByRole('button', { name: '关闭' }).last().click();
  const row = productRow(page, '红色杯子');
  await expect(row.locator('img')).toHaveAttribute('src', /^blob:|^data:/);

  // The whole folder works the same way (the same product and picture, so nothing changes).
  await page.getByRole('button', { name: '导入商品' }).first().click();
  await dialog.getByTestId('csv-input-folder').setInputFiles(dir);
  await expect(dialog.getByText('导入完成：新建 0 件，更新 0 件，1 件无变化。')).toBeVisible();
});
