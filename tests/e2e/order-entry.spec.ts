// 快速录单 in the live console, keyboard only, against the real core: an order for the product on air, one by
// link number that sells the last units (a second window sees 售罄 without reloading), an oversold attempt that
// records nothing, "3 O" for a link, a double Enter that orders once, and the pushed coupon applied by default.
// Products, the show and the coupon are seeded through the protocol; everything else is typed in the page.
import type { Page } from '@playwright/test';
import { TestClient } from '../support/ws-client.ts';
import { expect, secondWindow, test } from './fixtures.ts';

const bagRow = (page: Page, title: string) => page.locator('.bag-row').filter({ hasText: title });
const entry = (page: Page) => page.getByTestId('order-entry');
const field = (page: Page, label: string) => entry(page).getByLabel(label, { exact: true });
const recentRows = (page: Page) => entry(page).getByTestId('recent-orders').getByRole('listitem');

/** Console keys apply only outside text fields: leave whatever has focus. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('quick order entry: keyboard only, stock and sold out everywhere, oversold refused, coupon applied', async ({
  browser,
  page,
  studio,
  openStudio,
}) => {
  // A long walk through quick entry in two windows, by keyboard: ~50 s alone, over a minute beside another test.
  test.setTimeout(150_000);
  const api = await TestClient.connect(studio.port, studio.token);
  const tea = await api.call('catalog.create', { input: { title: '云南普洱茶', priceFen: 19900, stock: 50 } });
  const sugar = await api.call('catalog.create', { input: { title: '手工红糖', priceFen: 3990, stock: 2 } });
  const rice = await api.call('catalog.create', { input: { title: '五常大米', priceFen: 6990, stock: 30 } });
  const show = await api.call('live.createSession', { input: { title: '录单测试专场' } });
  for (const product of [tea, sugar, rice])
    await api.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  await api.call('live.goLive', { id: show.id });
  const now = Date.now();
  const coupon = await api.call('coupons.create', {
    input: { name: '直播间立减券', kind: 'direct', offFen: 500, validFrom: now - 60_000, validUntil: now + 86_400_000 },
  });
  await api.call('live.pushCoupon', { sessionId: show.id, couponId: coupon.id });
  const orders = async () => (await api.call('orders.list', { filter: { sessionId: show.id } })).items;

  try {
    await openStudio();
    await page.goto(`${studio.origin}/#/live/${show.id}`);
    await expect(page.getByRole('heading', { level: 1, name: '录单测试专场' })).toBeVisible();
    await expect(entry(page).getByRole('heading', { name: '快速录单' })).toBeVisible();
    await expect(entry(page).getByText('本场还没有订单')).toBeVisible();

    // Explain 1号 with the console's keys, then O jumps straight to the buyer: the link follows the product on air.
    await blur(page);
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('cue-card').locator('.cue__title')).toHaveText('云南普洱茶');
    await page.keyboard.press('o');
    await expect(field(page, '买家昵称')).toBeFocused();
    await expect(field(page, '买家昵称')).toHaveValue('');
    const product = entry(page).getByTestId('order-entry-product');
    await expect(product).toContainText('正在讲解');
    await expect(product).toContainText('1号链接');
    await expect(product).toContainText('云南普洱茶');
    await expect(product).toContainText('库存 50');
    // The pushed coupon is the default ("best"), and the quote shows what it takes off.
    await expect(entry(page).getByTestId('order-entry-coupon')).toHaveValue('best');
    await expect(entry(page).getByTestId('order-entry-coupon').locator('option:checked')).toHaveText(
      '自动选最优券：直播间立减券 −¥5.00',
    );
    await expect(entry(page).getByTestId('order-entry-discount')).toHaveText('−¥5.00');
    await expect(entry(page).getByTestId('order-entry-topay')).toHaveText('¥194.00');

    await page.keyboard.type('小王');
    await page.keyboard.press('Tab');
    await expect(field(page, '数量')).toBeFocused();
    await page.keyboard.type('2');
    await expect(entry(page).getByTestId('order-entry-subtotal')).toHaveText('¥398.00');
    await expect(entry(page).getByTestId('order-entry-topay')).toHaveText('¥393.00');
    await page.keyboard.press('Enter');

    await expect(recentRows(page)).toHaveCount(1);
    const first = recentRows(page).first();
    await expect(first).toContainText('小王');
    await expect(first).toContainText('1号 云南普洱茶');
    await expect(first).toContainText('×2');
    await expect(first).toContainText('¥393.00');
    await expect(first).toContainText('待付款');
    const firstNo = await first.getAttribute('data-order-no');
    expect(firstNo).toMatch(/^\d{6}-\d{3,}$/);
    await expect(first.locator('.order-entry__order-no')).toHaveText(firstNo!);
    await expect(page.locator('.notices')).toContainText(`已下单 ${firstNo} · 小王 ×2`);
    await expect(bagRow(page, '云南普洱茶').getByTestId('stock')).toHaveText('库存 48');
    // Ready for the next buyer: buyer and quantity cleared, focus back on the buyer.
    await expect(field(page, '买家昵称')).toBeFocused();
    await expect(field(page, '买家昵称')).toHaveValue('');
    await expect(field(page, '数量')).toHaveValue('1');
    let made = await orders();
    expect(made).toHaveLength(1);
    expect([made[0]!.couponId, made[0]!.discountFen, made[0]!.paidFen]).toEqual([coupon.id, 500, 39300]);

    // A second window on the same show (another assistant's screen) before the last units go.
    const other = await secondWindow(browser, studio);
    await other.page.goto(`${studio.origin}/#/live/${show.id}`);
    await expect(bagRow(other.page, '手工红糖').getByTestId('stock')).toHaveText('库存 2');

    // By link number: Shift+Tab back to the link, 2, then buyer and quantity; it shows what 2号 is first.
    await page.keyboard.press('Shift+Tab');
    await expect(field(page, '链接号')).toBeFocused();
    await page.keyboard.type('2');
    await expect(product).toContainText('已选');
    await expect(product).toContainText('2号链接');
    await expect(product).toContainText('手工红糖');
    await expect(product).toContainText('¥39.90');
    await expect(product).toContainText('库存 2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('小李');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(recentRows(page)).toHaveCount(2);
    await expect(recentRows(page).first()).toContainText('小李');
    await expect(recentRows(page).first()).toContainText('2号 手工红糖');
    // The other window sees the stock run out without reloading, and its own list has both orders.
    await expect(bagRow(other.page, '手工红糖').getByTestId('stock')).toHaveText('⚠ 库存 0');
    await expect(bagRow(other.page, '手工红糖').locator('.bag-row__soldout')).toHaveText('售罄');
    await expect(recentRows(other.page)).toHaveCount(2);
    await expect(bagRow(page, '手工红糖').getByTestId('stock')).toHaveText('⚠ 库存 0');
    // The link cleared again: back to following the product on air.
    await expect(field(page, '链接号')).toHaveValue('');
    await expect(product).toContainText('云南普洱茶');

    // One more 红糖: the core's reason shows inline, what was typed stays, and nothing is recorded.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('小张');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(entry(page).getByTestId('order-entry-error')).toHaveText(
      '库存不足：“手工红糖”只剩 0 件，无法下单 1 件',
    );
    await expect(field(page, '链接号')).toHaveValue('2');
    await expect(field(page, '买家昵称')).toHaveValue('小张');
    await expect(field(page, '数量')).toHaveValue('1');
    expect(await orders()).toHaveLength(2);

    // "3 O" from the console: the entry opens on 3号 (no "o" typed anywhere); a nickname with o's stays in its
    // field; a double Enter orders once.
    await page.keyboard.press('Escape');
    await expect(field(page, '数量')).not.toBeFocused();
    await page.keyboard.press('3');
    await page.keyboard.press('o');
    await expect(field(page, '买家昵称')).toBeFocused();
    await expect(field(page, '链接号')).toHaveValue('3');
    await expect(field(page, '买家昵称')).toHaveValue('小张');
    await expect(product).toContainText('五常大米');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Coco');
    await expect(field(page, '买家昵称')).toHaveValue('Coco');
    await expect(entry(page).getByTestId('order-entry-error')).toBeHidden();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(recentRows(page).first()).toContainText('Coco');
    await expect(recentRows(page).first()).toContainText('3号 五常大米');
    await expect(bagRow(page, '五常大米').getByTestId('stock')).toHaveText('库存 29');
    await expect(recentRows(other.page).first()).toContainText('Coco');
    made = await orders();
    expect(made.map((o) => [o.buyer, o.lines[0]!.linkNo, o.units, o.couponId, o.paidFen])).toEqual([
      ['Coco', 3, 1, coupon.id, 6490],
      ['小李', 2, 2, coupon.id, 7480],
      ['小王', 1, 2, coupon.id, 39300],
    ]);

    // The legend lists the new key.
    await blur(page);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: '快捷键' })).toContainText('快速录单');
    await other.context.close();
  } finally {
    api.close();
  }
});

test('after the show, late orders are recorded by link number (an English window)', async ({ browser, studio }) => {
  const api = await TestClient.connect(studio.port, studio.token);
  const honey = await api.call('catalog.create', { input: { title: 'Wild honey', priceFen: 3900, stock: 20 } });
  const show = await api.call('live.createSession', { input: { title: 'Harvest special' } });
  await api.call('live.bagAdd', { sessionId: show.id, productId: honey.id });
  await api.call('live.goLive', { id: show.id });
  await api.call('live.end', { id: show.id });
  const { context, page } = await secondWindow(browser, studio, 'en-US');
  try {
    await page.goto(`${studio.origin}/#/live/${show.id}`);
    await expect(entry(page).getByRole('heading', { name: 'Record a late order' })).toBeVisible();
    // Nothing is on air: O starts at the link number, and Enter without one says it is needed.
    await blur(page);
    await page.keyboard.press('o');
    await expect(field(page, 'Link no.')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(entry(page).getByTestId('order-entry-product')).toHaveText('Type a link number');
    await page.keyboard.type('7');
    await expect(entry(page).getByTestId('order-entry-product')).toHaveText("There is no link 7 in this show's bag");
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1');
    await expect(entry(page).getByTestId('order-entry-product')).toContainText('Link #1');
    await expect(entry(page).getByTestId('order-entry-product')).toContainText('Wild honey');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Amy');
    await page.keyboard.press('Enter');
    await expect(recentRows(page)).toHaveCount(1);
    await expect(recentRows(page).first()).toContainText('#1 Wild honey');
    await expect(recentRows(page).first()).toContainText('Pending payment');
    await expect(field(page, 'Link no.')).toBeFocused();
    const { items } = await api.call('orders.list', { filter: { sessionId: show.id } });
    expect(items.map((o) => [o.buyer, o.units, o.paidFen, o.couponId])).toEqual([['Amy', 1, 3900, null]]);
  } finally {
    await context.close();
    api.close();
  }
});
