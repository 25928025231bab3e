// 直播中控 through the UI: a session from creation to the end of the show — the bag (search, order by keyboard
// and by drag, link numbers), going live, explaining by button and by keys, the cue card, the timeline — and
// a planned session's countdown, announcement and poster. Products and other sessions are seeded through the
// protocol; everything the assistant does is done in the page.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { TestClient } from '../support/ws-client.ts';
import { expect, test } from './fixtures.ts';
import type { StudioProcess } from './studio-process.ts';

const bag = (page: Page) => page.locator('.bag-row');
const bagRow = (page: Page, title: string) => page.locator('.bag-row').filter({ hasText: title });
const cue = (page: Page) => page.getByTestId('cue-card');

/** Link badges top to bottom, as the assistant reads them. */
async function expectBag(page: Page, rows: Array<[string, string]>): Promise<void> {
  await expect(bag(page).locator('.bag-row__link')).toHaveText(rows.map(([link]) => link));
  await expect(bag(page).locator('.bag-row__title')).toHaveText(rows.map(([, title]) => new RegExp(`^${title}`)));
}

/** Hotkeys apply only outside text fields: leave whatever has focus. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function withApi<T>(studio: StudioProcess, work: (api: TestClient) => Promise<T>): Promise<T> {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    return await work(api);
  } finally {
    api.close();
  }
}

test('runs a show: bag by search, order by keyboard and drag, go live, explain by button and keys, end', async ({
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  // A long walk through the whole console: on a busy 2-core machine (another test beside it) it takes about a minute.
  test.setTimeout(150_000);
  // The rehearsal below records nothing: no encoder runs beside this console test (the stream tests cover that),
  // so two such tests at once do not starve a 2-core machine.
  const api = await TestClient.connect(studio.port, studio.token);
  const { settings } = await api.call('stream.state', {});
  await api.call('stream.saveSettings', { settings: { ...settings, record: false } });
  api.close();
  await seedProducts([
    {
      title: '云南普洱茶 357g',
      priceFen: 19900,
      originalPriceFen: 29900,
      stock: 50,
      sellingPoints: '十年陈化，直播间专享价',
    },
    { title: '五常大米 5kg', priceFen: 6990, stock: 0 },
    { title: '手工红糖 400g', priceFen: 3990, stock: 8 },
  ]);
  await openStudio();
  await page.getByRole('link', { name: '直播中控' }).click();
  await expect(page.getByRole('heading', { name: '还没有直播场次' })).toBeVisible();

  // A new session, created in the dialog, opens in the console.
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: '新建场次' });
  await expect(dialog.getByLabel('直播标题')).toBeFocused();
  await dialog.getByLabel('直播标题').fill('春季上新专场');
  await dialog.getByLabel('开播时间').fill('2031-05-01T20:00');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: '春季上新专场' })).toBeVisible();
  await expect(page.locator('.console-header .session-state')).toHaveText('预告');

  // Go live with an empty bag: looks disabled and says why; pressing it anyway shows the core's refusal.
  const goLive = page.getByRole('button', { name: '开播', exact: true });
  await expect(goLive).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('购物袋是空的：先添加至少一件商品才能开播。')).toBeVisible();
  // (Playwright will not click an aria-disabled button; a keyboard user can still press it.)
  await goLive.focus();
  await page.keyboard.press('Enter');
  const refusal = page.getByTestId('go-live-refusal');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('购物袋里还没有商品，无法开播');

  // Add by search as you type: Enter adds the highlighted product, arrows choose another.
  const search = page.getByRole('combobox', { name: '从商品库添加' });
  await search.fill('普洱');
  await expect(page.getByRole('option', { name: /云南普洱茶/ })).toBeVisible();
  await search.press('Enter');
  await expect(bag(page)).toHaveCount(1);
  await expect(page.getByRole('option', { name: /云南普洱茶/ })).toContainText('已在购物袋');
  // Enter straight after typing (before the results for 大米 arrived) adds 大米, not the stale 普洱 match.
  await search.fill('大米');
  await search.press('Enter');
  await expect(bag(page)).toHaveCount(2);
  await search.fill('');
  // The whole library: the two already added are marked; arrows walk down to the third.
  await expect(page.getByRole('option')).toHaveCount(3);
  await expect(page.getByRole('option', { name: /已在购物袋/ })).toHaveCount(2);
  const sugar = page.getByRole('option', { name: /手工红糖/ });
  const sugarIndex = await page
    .getByRole('option')
    .evaluateAll((options) => options.findIndex((o) => o.textContent?.includes('手工红糖')));
  await search.press('ArrowDown');
  await search.press('ArrowUp');
  for (let i = 0; i < sugarIndex; i++) await search.press('ArrowDown');
  await expect(sugar).toHaveAttribute('aria-selected', 'true');
  await search.press('Enter');
  await expectBag(page, [
    ['1号', '云南普洱茶 357g'],
    ['2号', '五常大米 5kg'],
    ['3号', '手工红糖 400g'],
  ]);
  await search.press('Escape');
  await expect(page.getByRole('button', { name: '开播', exact: true })).not.toHaveAttribute('aria-disabled');

  // Stock left, warned at 0.
  await expect(bagRow(page, '五常大米').getByTestId('stock')).toHaveText('⚠ 库存 0');
  await expect(bagRow(page, '五常大米').getByTestId('stock')).toHaveClass(/is-out/);

  // Reorder by keyboard: Alt+↑ on a focused row; focus follows it; before the show numbers follow the order.
  await bagRow(page, '手工红糖').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expectBag(page, [
    ['1号', '云南普洱茶 357g'],
    ['2号', '手工红糖 400g'],
    ['3号', '五常大米 5kg'],
  ]);
  await expect(bagRow(page, '手工红糖')).toBeFocused();

  // Reorder by drag: the first row dropped on the last takes its place.
  await bagRow(page, '云南普洱茶').dragTo(bagRow(page, '五常大米'));
  await expectBag(page, [
    ['1号', '手工红糖 400g'],
    ['2号', '五常大米 5kg'],
    ['3号', '云南普洱茶 357g'],
  ]);

  // Go live. The show is planned for 2031: asked first. Nothing to broadcast to: said plainly, and rehearsed.
  await page.getByRole('button', { name: '开播', exact: true }).click();
  const far = page.getByRole('dialog', { name: '现在开播？' });
  await expect(far).toContainText('相差超过 30 分钟');
  await far.getByRole('button', { name: '现在开播' }).click();
  const nowhere = page.getByRole('dialog', { name: '没有推流目标' });
  await expect(nowhere).toContainText('任何平台的观众都看不到画面');
  await expect(nowhere.getByRole('link', { name: '去添加推流目标' })).toBeVisible();
  await nowhere.getByRole('button', { name: '彩排开播' }).click();
  await expect(page.locator('.console-header .session-state')).toHaveText('直播中');
  // On every screen, the top bar says the show is on: a rehearsal here, nothing is broadcast.
  await expect(page.getByTestId('show-status')).toContainText('彩排');
  // The show's clock starts from zero when it goes live (not from the planned time): well under ten minutes in.
  await expect(page.getByTestId('session-clock').first()).toHaveText(/^00:0\d:\d\d$/);
  await expect(refusal).toBeHidden();

  // Explain by button: the cue card shows the product for the host; the row is highlighted.
  await bagRow(page, '云南普洱茶').getByRole('button', { name: '讲解' }).click();
  await expect(cue(page).locator('.cue__title')).toHaveText('云南普洱茶 357g');
  await expect(cue(page).locator('.cue__link')).toHaveText('3号链接');
  await expect(cue(page).locator('.cue__price')).toHaveText('¥199.00');
  await expect(cue(page).locator('.cue__original')).toHaveText('¥299.00');
  await expect(cue(page).locator('.cue__stock')).toHaveText('库存 50');
  await expect(cue(page).locator('.cue__points')).toHaveText('十年陈化，直播间专享价');
  await expect(bagRow(page, '云南普洱茶')).toHaveAttribute('aria-current', 'true');
  await expect(bagRow(page, '云南普洱茶').getByRole('button', { name: '结束讲解' })).toBeVisible();

  // Elsewhere an order lowers the stock and a shop-wide coupon is pushed: the cue card shows both at once.
  const sessionId = Number(/#\/live\/(\d+)/.exec(page.url())?.[1]);
  const couponId = await withApi(studio, async (api) => {
    const [tea] = (await api.call('catalog.list', { query: '普洱' })).items;
    await api.call('catalog.update', { id: tea!.id, expectedVersion: tea!.version, patch: { stock: 49 } });
    const now = Date.now();
    const coupon = await api.call('coupons.create', {
      input: {
        name: '直播间满减券',
        kind: 'threshold',
        thresholdFen: 9900,
        offFen: 1000,
        validFrom: now - 60_000,
        validUntil: now + 86_400_000,
      },
    });
    await api.call('live.pushCoupon', { sessionId, couponId: coupon.id });
    return coupon.id;
  });
  await expect(cue(page).locator('.cue__stock')).toHaveText('库存 49');
  await expect(bagRow(page, '云南普洱茶').getByTestId('stock')).toHaveText('库存 49');
  await expect(cue(page).locator('.cue__coupon')).toHaveText('直播间满减券 满99减10');
  await withApi(studio, (api) => api.call('live.stopCoupon', { sessionId, couponId }));
  await expect(cue(page).locator('.cue__coupon')).toHaveCount(0);
  await expect(page.locator('.timeline__entry--coupon')).toContainText('发券 直播间满减券');
  await expectSpan(page.locator('.timeline__entry--coupon .timeline__time'));

  // Keys: PageUp/PageDown step through listed products (a clicker), `.` stops, digits + Enter pick a link.
  await blur(page);
  await page.keyboard.press('PageUp');
  await expect(cue(page).locator('.cue__title')).toHaveText('五常大米 5kg');
  await page.keyboard.press('PageUp');
  await expect(cue(page).locator('.cue__title')).toHaveText('手工红糖 400g');
  await page.keyboard.press('PageDown');
  await expect(cue(page).locator('.cue__title')).toHaveText('五常大米 5kg');
  await page.keyboard.press(']');
  await expect(cue(page).locator('.cue__title')).toHaveText('云南普洱茶 357g');
  await page.keyboard.press('.');
  await expect(cue(page).locator('.cue__title')).toHaveCount(0);
  await expect(cue(page)).toContainText('暂无讲解中的商品');
  await page.keyboard.press('1');
  await expect(page.getByTestId('link-entry')).toContainText('1号链接');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-entry')).toBeHidden();
  await expect(cue(page).locator('.cue__title')).toHaveText('手工红糖 400g');
  // A number not in the bag is refused with the core's reason.
  await page.keyboard.press('9');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').getByText('购物袋里没有 9 号链接')).toBeVisible();
  await expect(cue(page).locator('.cue__title')).toHaveText('手工红糖 400g');

  // The full-screen cue card (F) follows the same keys.
  await page.keyboard.press('f');
  const full = page.getByTestId('cue-full');
  await expect(full.locator('.cue__title')).toHaveText('手工红糖 400g');
  await page.keyboard.press('PageDown');
  await expect(full.locator('.cue__title')).toHaveText('五常大米 5kg');
  await page.keyboard.press('f');
  await expect(full).toBeHidden();

  // While live, moving keeps link numbers (viewers heard them) until renumbered on purpose.
  await bagRow(page, '云南普洱茶').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expectBag(page, [
    ['1号', '手工红糖 400g'],
    ['3号', '云南普洱茶 357g'],
    ['2号', '五常大米 5kg'],
  ]);
  await expect(bagRow(page, '云南普洱茶')).toBeFocused();
  await page.getByRole('button', { name: '重新编号' }).click();
  const renumber = page.getByRole('dialog', { name: '重新编号链接？' });
  await renumber.getByRole('button', { name: '重新编号' }).click();
  await expectBag(page, [
    ['1号', '手工红糖 400g'],
    ['2号', '云南普洱茶 357g'],
    ['3号', '五常大米 5kg'],
  ]);

  // The legend lists the keys.
  await blur(page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: '快捷键' })).toContainText('PageDown');

  // The timeline: every explanation on the show's clock, in order.
  const timeline = page.locator('.timeline__entry--explain');
  await expect(timeline).toHaveCount(7);
  await expect(timeline.first()).toContainText('3号 云南普洱茶 357g');
  await expectSpan(timeline.first().locator('.timeline__time'));
  await expect(timeline.last()).toContainText('五常大米 5kg');
  await expect(timeline.last().locator('.timeline__time')).toHaveText(/^0\d:\d\d–进行中$/);
  // …beside the show's log: going live first, the move and the renumber on the way.
  const everything = page.locator('.timeline__entry');
  await expect(everything.first()).toContainText('开播');
  await expect(page.locator('.timeline__entry--log').filter({ hasText: '调整顺序' })).toContainText('云南普洱茶');
  await expect(page.locator('.timeline__entry--log').filter({ hasText: '链接重新编号' })).toHaveCount(1);

  // Delisting the product being explained ends its explanation; a delisted product cannot be explained.
  const rice = bagRow(page, '五常大米');
  await rice.getByRole('checkbox', { name: '上架' }).uncheck();
  await expect(rice).toContainText('已下架');
  await expect(rice.getByRole('button', { name: '讲解' })).toBeDisabled();
  await expect(cue(page).locator('.cue__title')).toHaveCount(0);
  await expectSpan(timeline.last().locator('.timeline__time'));
  // 售罄 is the assistant's mark, shown on the row (and on the cue card when explained).
  const sugarRow = bagRow(page, '手工红糖');
  await sugarRow.getByRole('checkbox', { name: '售罄' }).check();
  await expect(sugarRow.locator('.bag-row__soldout')).toHaveText('售罄');
  await blur(page);
  await page.keyboard.press('PageDown');
  await expect(cue(page).locator('.cue__title')).toHaveText('手工红糖 400g');
  await expect(cue(page)).toContainText('售罄');
  await expect(page.locator('.timeline__entry--log').filter({ hasText: '下架' })).toContainText('五常大米');

  // End the show (after confirming): explaining stops, the session is ended and read-only.
  await page.getByRole('button', { name: '结束直播' }).click();
  const confirm = page.getByRole('dialog', { name: '结束这场直播？' });
  await expect(confirm.getByRole('button', { name: '取消' })).toBeFocused();
  await confirm.getByRole('button', { name: '结束直播' }).click();
  await expect(page.locator('.console-header .session-state')).toHaveText('已结束');
  await expectSpan(timeline.last().locator('.timeline__time'));
  await expect(everything.last()).toContainText('直播结束');
  await expect(page.getByRole('combobox', { name: '从商品库添加' })).toHaveCount(0);
  await page.getByRole('link', { name: '‹ 全部场次' }).click();
  await expect(page.locator('.session-card').filter({ hasText: '春季上新专场' })).toContainText('已结束');
});

test('a planned session: ticking countdown, announcement copied (or selected), poster saved', async ({
  page,
  context,
  studio,
  openStudio,
}) => {
  const plannedAt = Date.now() + 2 * 86_400_000 + 3 * 3_600_000;
  await withApi(studio, (api) =>
    api.call('live.createSession', {
      input: {
        title: '周末福利专场',
        plannedAt,
        notes: '前 100 名下单送试吃装',
        promoLink: 'https://channels.example.com/live/8848',
      },
    }),
  );
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openStudio();
  await page.getByRole('link', { name: '直播中控' }).click();

  const card = page.locator('.session-card').filter({ hasText: '周末福利专场' });
  await expect(card.locator('.session-state')).toHaveText('预告');
  const countdown = card.getByTestId('countdown');
  await expect(countdown).toHaveText(/^距开播 2 天 0[23]:\d\d:\d\d$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? '');

  await card.getByRole('link', { name: '周末福利专场' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '周末福利专场' })).toBeVisible();
  await expect(page.locator('.console-header').getByTestId('countdown')).toHaveText(/^距开播 2 天/);

  // Copy: the clipboard holds the ready-to-paste text, with the weekday and the link.
  await page.getByRole('button', { name: '复制预告文案' }).click();
  await expect(page.getByText('预告文案已复制')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('【直播预告】周末福利专场');
  expect(copied).toMatch(/开播时间：\d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日] \d\d:\d\d/);
  expect(copied).toContain('前 100 名下单送试吃装');
  expect(copied).toContain('https://channels.example.com/live/8848');

  // In English for English-speaking buyers.
  await page.getByRole('group', { name: '文案语言' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('announcement-text')).toHaveValue(/^\[Live preview\] 周末福利专场\nStarts: \w+day/);

  // When the clipboard refuses (plain http on the LAN), the text is selected for Ctrl+C instead.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.getByRole('button', { name: '复制预告文案' }).click();
  await expect(page.getByText('无法直接写入剪贴板：文案已选中')).toBeVisible();
  const area = page.getByTestId('announcement-text');
  await expect(area).toBeFocused();
  const selected = await area.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toContain('[Live preview] 周末福利专场');

  // A cover picked in the edit dialog goes on the poster (the original picture, as the core keeps it).
  const green = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 400;
    canvas.height = 300;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#1e9e46';
    g.fillRect(0, 0, 400, 300);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  const edit = page.getByRole('dialog', { name: '编辑场次' });
  await expect(edit.getByLabel('推广链接')).toHaveValue('https://channels.example.com/live/8848');
  await edit
    .getByTestId('image-input')
    .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from(green, 'base64') });
  await expect(edit.getByRole('img', { name: '“周末福利专场”的封面' })).toBeVisible();
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('已保存“周末福利专场”')).toBeVisible();
  const preview = page.getByRole('img', { name: '直播预告海报预览' });
  await expect
    .poll(() =>
      preview.evaluate((img: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return Array.from(g.getImageData(375, 300, 1, 1).data.slice(0, 3));
      }),
    )
    .toEqual([30, 158, 70]);

  // The poster: a 750×1334 PNG download.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '保存海报' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('live-preview-周末福利专场.png');
  const png = await readFile((await download.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([750, 1334]);
});

test('go live is refused while another session is live; the console works on a phone', async ({
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([{ title: '宁夏枸杞 500g', priceFen: 4900, stock: 30 }]);
  const planned = await withApi(studio, async (api) => {
    const { items } = await api.call('catalog.list', {});
    const productId = items[0]!.id;
    const running = await api.call('live.createSession', { input: { title: '正在播的场次' } });
    await api.call('live.bagAdd', { sessionId: running.id, productId });
    await api.call('live.goLive', { id: running.id });
    const next = await api.call('live.createSession', { input: { title: '下一场' } });
    await api.call('live.bagAdd', { sessionId: next.id, productId });
    return next;
  });

  await page.setViewportSize({ width: 375, height: 740 });
  await openStudio();
  // 直播中控 opens the running show; its list is one step back.
  await page.getByRole('link', { name: '直播中控' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '正在播的场次' })).toBeVisible();
  await page.getByRole('link', { name: /全部场次/ }).click();
  await expect(page.locator('.session-card').first()).toContainText('正在播的场次');
  await expect(page.locator('.session-card').first().getByTestId('session-clock')).toHaveText(/^00:0\d:\d\d$/);
  await page.getByRole('link', { name: '下一场' }).click();
  await expect(page).toHaveURL(new RegExp(`#/live/${planned.id}$`));
  await page.getByRole('button', { name: '开播', exact: true }).click();
  await expect(page.getByTestId('go-live-refusal')).toContainText('另一场直播正在进行，请先结束它再开播');

  // One column, nothing wider than the phone, thumb-sized controls.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const explain = bagRow(page, '宁夏枸杞').getByRole('button', { name: '讲解' });
  const box = await explain.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
});

/**
 * A finished span on the show's clock, `mm:ss–mm:ss`, that ends no earlier than it starts. How far into the show it
 * lies depends on how fast the machine ran the test, so only the form and the order are checked.
 */
async function expectSpan(time: Locator): Promise<void> {
  await expect(time).toHaveText(/^\d\d:\d\d–\d\d:\d\d$/);
  const [start, end] = ((await time.textContent()) ?? '').split('–').map((t) => {
    const [m, s] = t.split(':').map(Number);
    return m! * 60 + s!;
  });
  expect(end!).toBeGreaterThanOrEqual(start!);
}

test('the last unit sold: 售罄 on the line, its switch ticked and held (only a restock undoes it)', async ({
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([{ title: '汝窑茶杯 一对', priceFen: 12800, stock: 1 }]);
  const session = await withApi(studio, async (api) => {
    const { items } = await api.call('catalog.list', {});
    const created = await api.call('live.createSession', { input: { title: '杯子专场' } });
    await api.call('live.bagAdd', { sessionId: created.id, productId: items[0]!.id });
    await api.call('live.goLive', { id: created.id });
    return created;
  });
  await openStudio();
  await page.goto(`${studio.url.split('#')[0]}#/live/${session.id}`);
  const row = bagRow(page, '汝窑茶杯');
  const soldOut = row.getByRole('checkbox', { name: '售罄' });
  await expect(soldOut).not.toBeChecked();
  await withApi(studio, (api) =>
    api.call('orders.create', { input: { buyer: '小王', lines: [{ linkNo: 1, quantity: 1 }] } }),
  );
  await expect(row.locator('.bag-row__soldout')).toBeVisible();
  await expect(soldOut).toBeChecked();
  await expect(soldOut).toBeDisabled();
  await expect(soldOut).toHaveAccessibleDescription('库存已为 0：在商品库补货后才能取消售罄');
});

test('the key list floats over the console: opening it moves nothing, Esc closes it', async ({
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([{ title: '云南普洱茶 357g', priceFen: 9900, stock: 10 }]);
  const session = await withApi(studio, async (api) => {
    const { items } = await api.call('catalog.list', {});
    const created = await api.call('live.createSession', { input: { title: '茶叶专场' } });
    await api.call('live.bagAdd', { sessionId: created.id, productId: items[0]!.id });
    return created;
  });
  await openStudio();
  await page.goto(`${studio.url.split('#')[0]}#/live/${session.id}`);
  const row = bagRow(page, '云南普洱茶');
  await expect(row).toBeVisible();
  const before = await row.boundingBox();
  await blur(page);
  await page.keyboard.press('?');
  const legend = page.getByTestId('hotkey-legend');
  await expect(legend).toBeVisible();
  expect(await row.boundingBox()).toEqual(before);
  await page.keyboard.press('Escape');
  await expect(legend).toBeHidden();
});
