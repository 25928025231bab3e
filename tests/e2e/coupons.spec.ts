// 优惠券 through the UI: create each kind (keyboard first), field problems from the form and from the core,
// edit, archive and restore, status badges, English wording, and someone else's save while editing.
import type { Page } from '@playwright/test';
import type { CouponInput } from '../../electron/core/protocol/contract.ts';
import { TestClient } from '../support/ws-client.ts';
import { expect, secondWindow, test } from './fixtures.ts';
import type { StudioProcess } from './studio-process.ts';

const DAY = 86_400_000;

async function openCoupons(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: /主导航|Main navigation/ })
    .getByRole('link', { name: /优惠券|Coupons/ })
    .click();
}

/** The coupon table's row whose name button is `name` (zh or en label). */
function couponRow(page: Page, name: string) {
  return page.locator('tbody tr').filter({
    has: page.getByRole('button', {
      name: new RegExp(`^(编辑“|Edit “)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”$`),
    }),
  });
}

async function seedCoupons(studio: StudioProcess, inputs: CouponInput[]): Promise<void> {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    for (const input of inputs) await api.call('coupons.create', { input });
  } finally {
    api.close();
  }
}

test('creates a 满减, a 立减 and a 折扣 coupon for chosen products', async ({ page, openStudio, seedProducts }) => {
  await seedProducts([
    { title: '普洱熟茶饼', priceFen: 15800, stock: 8 },
    { title: '普洱生茶饼', priceFen: 9800, stock: 5 },
    { title: '宁夏枸杞 500g', priceFen: 4900, stock: 30 },
  ]);
  await openStudio();
  await openCoupons(page);
  await expect(page.getByRole('heading', { name: '还没有优惠券' })).toBeVisible();

  // 满减 with the keyboard only: N, type, Tab through, Ctrl+S.
  await page.keyboard.press('n');
  let dialog = page.getByRole('dialog', { name: '新建优惠券' });
  await expect(dialog.getByLabel('名称')).toBeFocused();
  await page.keyboard.type('新人满99减10');
  await expect(dialog.getByLabel('满减（满多少减多少）')).toBeChecked();
  await dialog.getByLabel('使用门槛（元）').focus();
  await page.keyboard.type('99');
  await page.keyboard.press('Tab');
  await page.keyboard.type('10');
  await expect(dialog.getByTestId('coupon-preview')).toHaveText('预览：满99减10');
  await dialog.getByLabel('发放总量（张）').fill('200');
  await page.keyboard.press('Control+s');
  await expect(dialog).toBeHidden();
  let row = couponRow(page, '新人满99减10');
  await expect(row.locator('.col-terms')).toHaveText('满99减10');
  await expect(row.locator('.col-scope')).toHaveText('全店通用');
  await expect(row.locator('.col-claimed')).toHaveText('0 / 200');
  await expect(row.locator('.col-status')).toHaveText('可发放');
  await expect(page.getByRole('status').getByText('已创建“新人满99减10”')).toBeVisible();

  // 立减, unlimited.
  await page.getByRole('button', { name: '新建优惠券' }).click();
  dialog = page.getByRole('dialog', { name: '新建优惠券' });
  await dialog.getByLabel('名称').fill('关注立减5元');
  await dialog.getByLabel('立减（直接减）').check();
  await expect(dialog.getByLabel('使用门槛（元）')).toHaveCount(0);
  await dialog.getByLabel('减免金额（元）').fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  row = couponRow(page, '关注立减5元');
  await expect(row.locator('.col-terms')).toHaveText('立减5元');
  await expect(row.locator('.col-claimed')).toHaveText('0 / 不限量');

  // 折扣 with a cap, for products picked by searching as you type.
  await page.getByRole('button', { name: '新建优惠券' }).click();
  dialog = page.getByRole('dialog', { name: '新建优惠券' });
  await dialog.getByLabel('名称').fill('茶叶8.8折');
  await dialog.getByLabel('折扣（打几折）').check();
  await dialog.getByLabel('折扣（折）').fill('8.8');
  await dialog.getByLabel('最多减（元）').fill('20');
  await expect(dialog.getByTestId('coupon-preview')).toHaveText('预览：8.8折，最多减20元');
  await dialog.getByLabel('指定商品').check();
  const picker = dialog.getByTestId('product-picker');
  await picker.getByLabel('搜索商品并勾选').fill('普洱');
  const results = picker.getByRole('list', { name: '搜索结果' });
  await expect(results.getByRole('checkbox')).toHaveCount(2);
  await results.getByLabel(/普洱熟茶饼/).check();
  await results.getByLabel(/普洱生茶饼/).check();
  await expect(picker.getByText('已选 2 件')).toBeVisible();
  await picker.getByRole('button', { name: '移除 普洱生茶饼' }).click();
  await expect(picker.getByText('已选 1 件')).toBeVisible();
  await expect(results.getByLabel(/普洱生茶饼/)).not.toBeChecked();
  await page.keyboard.press('Control+s');
  await expect(dialog).toBeHidden();
  row = couponRow(page, '茶叶8.8折');
  await expect(row.locator('.col-terms')).toHaveText('8.8折，最多减20元');
  await expect(row.locator('.col-scope')).toHaveText('指定 1 件商品');

  // Newest first.
  await expect(page.locator('tbody .col-name')).toHaveText(['茶叶8.8折', '关注立减5元', '新人满99减10']);
});

test('shows problems on the fields, from the form and from the core', async ({ page, openStudio }) => {
  await openStudio();
  await openCoupons(page);
  await page.getByRole('button', { name: '新建优惠券' }).first().click();
  const dialog = page.getByRole('dialog', { name: '新建优惠券' });

  // The form's own parsing: nothing is sent.
  await dialog.getByLabel('折扣（打几折）').check();
  await dialog.getByLabel('折扣（折）').fill('10');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByLabel('名称')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('折扣应在 0.1 折到 9.9 折之间')).toBeVisible();
  await expect(dialog.getByLabel('折扣（折）')).toHaveAttribute('aria-invalid', 'true');

  // The core's rules: the amount off above the threshold, the end before the start.
  await dialog.getByLabel('名称').fill('满100减150');
  await dialog.getByLabel('满减（满多少减多少）').check();
  await dialog.getByLabel('使用门槛（元）').fill('100');
  await dialog.getByLabel('减免金额（元）').fill('150');
  await dialog.getByLabel('开始时间').fill('2026-06-10T20:00');
  await dialog.getByLabel('结束时间').fill('2026-06-01T20:00');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('减免金额不能超过使用门槛')).toBeVisible();
  await expect(dialog.getByLabel('减免金额（元）')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('结束时间应晚于开始时间')).toBeVisible();
  await expect(dialog.getByLabel('结束时间')).toHaveAttribute('aria-invalid', 'true');

  // Fixing a field clears its problem; the coupon saves.
  await dialog.getByLabel('减免金额（元）').fill('15');
  await expect(dialog.getByText('减免金额不能超过使用门槛')).toBeHidden();
  await dialog.getByLabel('结束时间').fill('2026-06-17T20:00');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(couponRow(page, '满100减150').locator('.col-terms')).toHaveText('满100减15');
  await expect(couponRow(page, '满100减150').locator('.col-validity')).toHaveText(
    '2026/06/10 20:00 至 2026/06/17 20:00',
  );
});

test('edits a coupon, archives it and restores it', async ({ page, openStudio, studio }) => {
  const now = Date.now();
  await seedCoupons(studio, [
    {
      name: '满99减10',
      kind: 'threshold',
      thresholdFen: 9900,
      offFen: 1000,
      validFrom: now - DAY,
      validUntil: now + 7 * DAY,
    },
  ]);
  await openStudio();
  await openCoupons(page);
  const row = couponRow(page, '满99减10');
  await row.getByRole('button', { name: '编辑“满99减10”' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑优惠券' });
  await expect(dialog.getByLabel('使用门槛（元）')).toHaveValue('99.00');
  await expect(dialog.getByLabel('减免金额（元）')).toHaveValue('10.00');
  await dialog.getByLabel('减免金额（元）').fill('15');
  await dialog.getByLabel('发放总量（张）').fill('500');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  // Focus goes back to the row's edit button.
  await expect(row.getByRole('button', { name: '编辑“满99减10”' })).toBeFocused();
  await expect(row.locator('.col-terms')).toHaveText('满99减15');
  await expect(row.locator('.col-claimed')).toHaveText('0 / 500');
  await expect(page.getByRole('status').getByText('已保存“满99减10”')).toBeVisible();

  await row.getByRole('button', { name: '归档 满99减10' }).click();
  await expect(page.getByRole('heading', { name: '还没有优惠券' })).toBeVisible();
  await page.getByLabel('显示已归档').check();
  await expect(row.locator('.col-status')).toHaveText('已归档');
  await row.getByRole('button', { name: '恢复 满99减10' }).click();
  await expect(page.getByRole('heading', { name: '没有已归档的优惠券' })).toBeVisible();
  await page.getByLabel('显示已归档').uncheck();
  await expect(row.locator('.col-status')).toHaveText('可发放');
  await expect(row.locator('.col-terms')).toHaveText('满99减15');
});

test('badges say whether a coupon can be pushed; an English window words the terms in English', async ({
  browser,
  page,
  openStudio,
  studio,
}) => {
  const now = Date.now();
  await seedCoupons(studio, [
    { name: '过期券', kind: 'direct', offFen: 500, validFrom: now - 7 * DAY, validUntil: now - DAY },
    { name: '明日券', kind: 'direct', offFen: 500, validFrom: now + DAY, validUntil: now + 7 * DAY },
    {
      name: 'Tea 8.8折',
      kind: 'percent',
      rate: 88,
      capFen: 2000,
      validFrom: now - DAY,
      validUntil: now + DAY,
    },
    {
      name: 'Spend 99',
      kind: 'threshold',
      thresholdFen: 9900,
      offFen: 1000,
      validFrom: now - DAY,
      validUntil: now + DAY,
    },
  ]);
  await openStudio();
  await openCoupons(page);
  await expect(couponRow(page, '过期券').locator('.col-status')).toHaveText('已过期');
  await expect(couponRow(page, '明日券').locator('.col-status')).toHaveText('未开始');
  await expect(couponRow(page, 'Tea 8.8折').locator('.col-status')).toHaveText('可发放');

  const other = await secondWindow(browser, studio, 'en-US');
  await openCoupons(other.page);
  await expect(couponRow(other.page, 'Tea 8.8折').locator('.col-terms')).toHaveText('12% off (8.8折), up to ¥20 off');
  await expect(couponRow(other.page, 'Spend 99').locator('.col-terms')).toHaveText('¥10 off ¥99+');
  await expect(couponRow(other.page, '过期券').locator('.col-status')).toHaveText('Expired');
  await other.context.close();
});

test('someone else saving the coupon being edited is noticed before saving over it', async ({
  page,
  openStudio,
  studio,
}) => {
  const now = Date.now();
  await seedCoupons(studio, [{ name: '限时立减', kind: 'direct', offFen: 500, validFrom: now, validUntil: now + DAY }]);
  await openStudio();
  await openCoupons(page);
  await couponRow(page, '限时立减').getByRole('button', { name: '编辑“限时立减”' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑优惠券' });
  await dialog.getByLabel('名称').fill('限时立减 改');

  const api = await TestClient.connect(studio.port, studio.token);
  try {
    const [current] = (await api.call('coupons.list', {})).items;
    await api.call('coupons.update', { id: current!.id, expectedVersion: current!.version, patch: { offFen: 800 } });
  } finally {
    api.close();
  }
  const notice = dialog.getByTestId('coupon-conflict');
  await expect(notice).toContainText('这张券刚被其他人修改过');
  await notice.getByRole('button', { name: '在最新内容上保留我的修改' }).click();
  await expect(dialog.getByLabel('减免金额（元）')).toHaveValue('8.00');
  await expect(dialog.getByLabel('名称')).toHaveValue('限时立减 改');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(couponRow(page, '限时立减 改').locator('.col-terms')).toHaveText('立减8元');
});
