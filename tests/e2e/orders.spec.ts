// 订单 through the UI against the real core: the log with its totals, filters, search and sort; an order's
// detail driven by keyboard (paid, cancelled with the stock returned); CSV export; batch shipping, good and bad
// files; the show report; and a 20,000-order log that stays virtual.
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Order, Product, Session } from '../../electron/core/protocol/contract.ts';
import { TestClient } from '../support/ws-client.ts';
import { expect, test } from './fixtures.ts';
import type { StudioProcess } from './studio-process.ts';

interface Seeded {
  api: TestClient;
  show: Session;
  rice: Product;
  goji: Product;
  sugar: Product;
  /** By buyer: 小王 (paid), 小李, 小张, 小赵 (paid), 小陈 — created in that order. */
  orders: Record<string, Order>;
}

/** A live show with three products in the bag, a pushed 满100减10 coupon, and five orders (two paid). */
async function seedShow(studio: StudioProcess): Promise<Seeded> {
  const api = await TestClient.connect(studio.port, studio.token);
  await api.call('studio.hello', { client: 'api' });
  const rice = await api.call('catalog.create', {
    input: { title: '东北五常大米 5kg', priceFen: 6990, stock: 100, sku: 'RICE-5' },
  });
  const goji = await api.call('catalog.create', {
    input: { title: '宁夏枸杞 500g', priceFen: 4900, stock: 50, sku: 'GOJI-500' },
  });
  const sugar = await api.call('catalog.create', {
    input: { title: '古法红糖 400g', priceFen: 2990, stock: 30, sku: 'SUGAR-400' },
  });
  let show = await api.call('live.createSession', { input: { title: '周末助农专场' } });
  for (const product of [rice, goji, sugar])
    await api.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  show = await api.call('live.goLive', { id: show.id });
  const now = Date.now();
  const coupon = await api.call('coupons.create', {
    input: {
      name: '满100减10',
      kind: 'threshold',
      thresholdFen: 10000,
      offFen: 1000,
      perBuyerLimit: 5,
      validFrom: now - 60_000,
      validUntil: now + 86_400_000,
    },
  });
  await api.call('live.pushCoupon', { sessionId: show.id, couponId: coupon.id });
  await api.call('live.explain', { sessionId: show.id, linkNo: 1 });
  const orders: Record<string, Order> = {};
  const take = async (buyer: string, lines: Array<{ linkNo: number; quantity: number }>, extra = {}) => {
    orders[buyer] = await api.call('orders.create', { input: { buyer, lines, ...extra } });
  };
  await take('小王', [{ linkNo: 1, quantity: 2 }], { address: '黑龙江省哈尔滨市南岗区 1 号' });
  await take('小李', [{ linkNo: 2, quantity: 1 }]);
  await api.call('live.explain', { sessionId: show.id, linkNo: 3 });
  await take('小张', [{ linkNo: 3, quantity: 3 }]);
  await take('小赵', [
    { linkNo: 1, quantity: 1 },
    { linkNo: 2, quantity: 1 },
  ]);
  await take('小陈', [{ linkNo: 2, quantity: 2 }], { phone: '13900001111' });
  for (const buyer of ['小王', '小赵']) {
    orders[buyer] = await api.call('orders.setStatus', { id: orders[buyer]!.id, to: 'paid' });
  }
  return { api, show, rice, goji, sugar, orders };
}

/** An earlier show, already ended: one order of 2 × ¥100.00 in its first minute, to compare the seeded show with. */
async function seedEarlierShow(studio: StudioProcess): Promise<Session> {
  const api = await TestClient.connect(studio.port, studio.token);
  await api.call('studio.hello', { client: 'api' });
  const tea = await api.call('catalog.create', {
    input: { title: '云南普洱茶 357g', priceFen: 10000, stock: 20, sku: 'PUER-357' },
  });
  const show = await api.call('live.createSession', { input: { title: '上周专场' } });
  await api.call('live.bagAdd', { sessionId: show.id, productId: tea.id });
  await api.call('live.goLive', { id: show.id });
  await api.call('orders.create', { input: { buyer: '老周', lines: [{ linkNo: 1, quantity: 2 }] } });
  const ended = await api.call('live.end', { id: show.id });
  api.close();
  return ended;
}

async function openOrders(page: Page, openStudio: (page?: Page) => Promise<Page>): Promise<void> {
  await openStudio();
  await page.getByRole('link', { name: '订单' }).click();
  await expect(page.getByRole('heading', { name: '订单', level: 1 })).toBeVisible();
}

const table = (page: Page) => page.getByRole('table', { name: '订单列表' });
const bodyRows = (page: Page) => page.locator('.orders-table__body [role="row"]');
const row = (page: Page, order: Order) => page.locator(`[role="row"][data-order-no="${order.orderNo}"]`);
const total = (page: Page, key: string) => page.getByTestId(`total-${key}`).locator('dd');

test('the log lists orders with totals; filters, search and sort narrow and order them', async ({
  page,
  studio,
  openStudio,
}) => {
  const { api, orders } = await seedShow(studio);
  await openOrders(page, openStudio);

  await expect(bodyRows(page)).toHaveCount(5);
  // Newest first: 小陈 was the last order taken.
  await expect(bodyRows(page).first()).toHaveAttribute('data-order-no', orders['小陈']!.orderNo);
  const wang = row(page, orders['小王']!);
  await expect(wang.getByRole('cell').nth(2)).toHaveText('周末助农专场');
  await expect(wang.getByRole('cell').nth(3)).toHaveText('东北五常大米 5kg1号');
  await expect(wang.getByRole('cell').nth(5)).toHaveText('¥129.80');
  await expect(wang.getByRole('cell').nth(6)).toHaveText('满100减10');
  await expect(wang.getByRole('cell').nth(8)).toHaveText('已付款');
  await expect(row(page, orders['小赵']!).getByRole('cell').nth(3)).toHaveText('东北五常大米 5kg1号等2件');
  await expect(total(page, 'orders')).toHaveText('5');
  await expect(total(page, 'units')).toHaveText('10');
  await expect(total(page, 'subtotal')).toHaveText('¥495.40');
  await expect(total(page, 'discount')).toHaveText('¥20.00');
  await expect(total(page, 'paid')).toHaveText('¥475.40');

  await page.getByLabel('状态').selectOption({ label: '已付款' });
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(total(page, 'orders')).toHaveText('2');
  await expect(total(page, 'paid')).toHaveText('¥238.70');
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(bodyRows(page)).toHaveCount(5);

  const search = page.getByRole('searchbox', { name: '搜索订单' });
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('枸杞');
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(total(page, 'units')).toHaveText('5');
  await search.fill('13900001111');
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first()).toHaveAttribute('data-order-no', orders['小陈']!.orderNo);
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(bodyRows(page)).toHaveCount(5);

  // The product picker searches the library as you type; Enter picks the highlighted product.
  await page.getByRole('combobox', { name: '商品' }).fill('红糖');
  await expect(page.getByRole('option', { name: /古法红糖 400g/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(total(page, 'paid')).toHaveText('¥89.70');
  await page.getByRole('button', { name: '取消按“古法红糖 400g”筛选' }).click();
  await page.getByLabel('买家（完整昵称）').fill('小');
  await expect(page.getByRole('heading', { name: '没有符合筛选条件的订单' })).toBeVisible();
  await page.getByLabel('买家（完整昵称）').fill('小李');
  await expect(bodyRows(page)).toHaveCount(1);
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(bodyRows(page)).toHaveCount(5);

  // Dates are local days (the browser's, Asia/Shanghai here) and the end day is included.
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + offset * 86_400_000);
  await page.getByLabel('开始日期').fill(day(0));
  await page.getByLabel('结束日期').fill(day(0));
  await expect(total(page, 'orders')).toHaveText('5');
  await expect(bodyRows(page)).toHaveCount(5);
  await page.getByLabel('结束日期').fill('');
  await page.getByLabel('开始日期').fill(day(1));
  await expect(page.getByRole('heading', { name: '没有符合筛选条件的订单' })).toBeVisible();
  await page.getByRole('region', { name: '没有符合筛选条件的订单' }).getByRole('button', { name: '清除筛选' }).click();
  await expect(bodyRows(page)).toHaveCount(5);

  // Sorting by the amount to pay, from the keyboard: Enter on the header's button, twice for ascending.
  const paidHeader = page.getByRole('columnheader', { name: /实付/ });
  await paidHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(paidHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(bodyRows(page).first()).toHaveAttribute('data-order-no', orders['小王']!.orderNo);
  await page.keyboard.press('Enter');
  await expect(paidHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(bodyRows(page).first()).toHaveAttribute('data-order-no', orders['小李']!.orderNo);
  await expect(page.getByRole('columnheader', { name: /下单时间/ })).toHaveAttribute('aria-sort', 'none');

  // A new order elsewhere lands in the open log, with the totals.
  await api.call('orders.create', { input: { buyer: '小周', lines: [{ linkNo: 3, quantity: 1 }] } });
  await expect(bodyRows(page)).toHaveCount(6);
  await expect(total(page, 'orders')).toHaveText('6');
  api.close();
});

test('an order opened with the keyboard is marked paid; a cancelled one returns its stock', async ({
  page,
  studio,
  openStudio,
}) => {
  const { api, orders, sugar } = await seedShow(studio);
  await openOrders(page, openStudio);
  await expect(bodyRows(page)).toHaveCount(5);

  // Rows newest first: 小陈, 小赵, 小张, 小李 — three steps down from the first.
  await bodyRows(page).first().focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  const li = row(page, orders['小李']!);
  await expect(li).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByRole('dialog', { name: `订单 ${orders['小李']!.orderNo}` });
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('table')).toContainText('宁夏枸杞 500g');
  await expect(detail.getByRole('list', { name: '订单记录' })).toContainText('下单（待付款）');
  await expect(detail.getByRole('list', { name: '订单记录' })).toContainText('主播 · 接口');
  // Exactly the steps a pending order may take.
  await expect(detail.getByRole('group', { name: '订单操作' }).getByRole('button')).toHaveText([
    '标记已付款',
    '取消订单',
  ]);
  await detail.getByRole('button', { name: '标记已付款' }).focus();
  await page.keyboard.press('Enter');
  const history = detail.getByRole('list', { name: '订单记录' }).getByRole('listitem');
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText('待付款 → 已付款');
  await expect(history.nth(1)).toContainText('主播 · 浏览器');
  await expect(detail.getByRole('group', { name: '订单操作' }).getByRole('button')).toHaveText(['发货', '退款']);

  // Ship it on its own: the courier and tracking number, typed, then Enter.
  await detail.getByRole('button', { name: '发货' }).click();
  const ship = page.getByRole('dialog', { name: /发货$/ });
  await expect(ship.getByLabel('快递公司')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ship.getByText('必填')).toHaveCount(2);
  await page.keyboard.type('顺丰');
  await page.keyboard.press('Tab');
  await page.keyboard.type('SF7788');
  await page.keyboard.press('Enter');
  await expect(ship).toBeHidden();
  await expect(history).toHaveCount(3);
  await expect(history.nth(2)).toContainText('已付款 → 已发货');
  await expect(history.nth(2)).toContainText('顺丰 SF7788');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(li).toBeFocused();
  await expect(li.getByRole('cell').nth(8)).toHaveText('已发货');

  // Cancel 小张's three bags of sugar: asked first, then the stock is back.
  expect((await api.call('catalog.get', { id: sugar.id })).stock).toBe(27);
  await row(page, orders['小张']!).click();
  const zhang = page.getByRole('dialog', { name: `订单 ${orders['小张']!.orderNo}` });
  await zhang.getByRole('button', { name: '取消订单' }).click();
  const confirm = page.getByRole('dialog', { name: `取消订单 ${orders['小张']!.orderNo}？` });
  await expect(confirm).toContainText('本单的 3 件商品会退回库存');
  await expect(confirm.getByRole('button', { name: '返回' })).toBeFocused();
  await confirm.getByLabel('备注（可选，记入订单记录）').fill('买家不要了');
  await confirm.getByRole('button', { name: '确认取消订单' }).click();
  await expect(confirm).toBeHidden();
  await expect(zhang.getByRole('list', { name: '订单记录' })).toContainText('待付款 → 已取消');
  await expect(zhang.getByRole('list', { name: '订单记录' })).toContainText('买家不要了');
  await expect(zhang.getByText('订单已结束，不能再改状态。')).toBeVisible();
  expect((await api.call('catalog.get', { id: sugar.id })).stock).toBe(30);
  await page.keyboard.press('Escape');
  await expect(row(page, orders['小张']!).getByRole('cell').nth(8)).toHaveText('已取消');
  // A cancelled order counts as an order but not as a sale.
  await expect(total(page, 'orders')).toHaveText('5');
  await expect(total(page, 'units')).toHaveText('7');
  api.close();
});

/** The show's paid orders (two) exported from the log with the given button: the download it starts. */
async function exportPaid(
  page: Page,
  studio: StudioProcess,
  openStudio: Parameters<typeof openOrders>[1],
  button: string,
) {
  const { api, orders } = await seedShow(studio);
  await openOrders(page, openStudio);
  await page.getByLabel('状态').selectOption({ label: '已付款' });
  await expect(bodyRows(page)).toHaveCount(2);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return { api, orders, download: await downloading };
}

test('exports the filtered orders as a CSV with a BOM and Chinese headers, one row per order line', async ({
  page,
  studio,
  openStudio,
}) => {
  const { api, orders, download } = await exportPaid(page, studio, openStudio, '导出 CSV');
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(bytes.subarray(3).toString('utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  expect(Object.keys(records[0]!)).toEqual(expect.arrayContaining(['订单号', '下单时间', '商品', '数量', '实付']));
  expect(Object.keys(records[0]!)).toEqual(expect.arrayContaining(['买家', '状态', '快递公司', '快递单号']));
  // 小王 has one line, 小赵 two: three rows, nothing from the unpaid orders.
  expect(records).toHaveLength(3);
  expect(records.map((r) => r['订单号']).sort()).toEqual(
    [orders['小王']!.orderNo, orders['小赵']!.orderNo, orders['小赵']!.orderNo].sort(),
  );
  expect(records.every((r) => r['状态'] === '已付款')).toBe(true);
  expect(records.find((r) => r['买家'] === '小王')!['商品']).toBe('东北五常大米 5kg');
  await expect(page.getByText(`已导出 ${download.suggestedFilename()}`)).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  api.close();
});

test('exports the filtered orders as an Excel workbook: text order numbers, amounts as numbers', async ({
  page,
  studio,
  openStudio,
}) => {
  const { api, orders, download } = await exportPaid(page, studio, openStudio, '导出 Excel');
  expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = sheet.getRow(1).values as unknown[];
  const at = (name: string) => header.indexOf(name);
  // 小王 has one line, 小赵 two: three rows under the header.
  expect(sheet.actualRowCount).toBe(4);
  const wang = sheet.getRows(2, 3)!.find((r) => r.getCell(at('买家')).value === '小王')!;
  expect(wang.getCell(at('订单号')).value).toBe(orders['小王']!.orderNo);
  expect(typeof wang.getCell(at('实付')).value).toBe('number');
  expect(wang.getCell(at('实付')).numFmt).toBe('0.00');
  await expect(page.getByText(`已导出 ${download.suggestedFilename()}`)).toBeVisible();
  api.close();
});

test('batch shipping: a bad file lists every problem by line and changes nothing; a good one ships', async ({
  page,
  studio,
  openStudio,
}, testInfo) => {
  const { api, orders } = await seedShow(studio);
  await openOrders(page, openStudio);
  const wang = orders['小王']!;
  const zhao = orders['小赵']!;
  const li = orders['小李']!;

  const bad = testInfo.outputPath('ship-bad.csv');
  await writeFile(
    bad,
    `订单号,快递公司,快递单号\n${wang.orderNo},顺丰速运,SF1001\n999999-999,中通快递,ZT1\n${li.orderNo},中通快递,ZT2\n`,
  );
  await page.getByRole('button', { name: '批量发货' }).click();
  const dialog = page.getByRole('dialog', { name: '批量发货' });
  await expect(dialog).toContainText('订单号、快递公司、快递单号');
  await dialog.getByTestId('ship-csv-input').setInputFiles(bad);
  await expect(dialog.getByText('发货文件有 2 处错误，没有任何订单被改动。请修改后重新导入。')).toBeVisible();
  await expect(dialog.getByRole('list', { name: '问题列表' }).getByRole('listitem')).toHaveText([
    '第 3 行 · 订单号 · 找不到订单 999999-999',
    `第 4 行 · 订单号 · 订单 ${li.orderNo} 的状态是“待付款”，只有已付款的订单可以发货`,
  ]);
  expect((await api.call('orders.get', { id: wang.id })).order.status).toBe('paid');

  const good = testInfo.outputPath('ship-good.csv');
  await writeFile(good, `订单号,快递公司,快递单号\n${wang.orderNo},顺丰速运,SF1001\n${zhao.orderNo},中通快递,ZT2002\n`);
  await dialog.getByTestId('ship-csv-input').setInputFiles(good);
  await expect(dialog.getByText('已发货 2 单')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(row(page, wang).getByRole('cell').nth(8)).toHaveText('已发货');
  await expect(row(page, wang).getByRole('cell').nth(9)).toHaveText('顺丰速运SF1001');
  await expect(row(page, zhao).getByRole('cell').nth(8)).toHaveText('已发货');
  await expect(row(page, zhao).getByRole('cell').nth(9)).toHaveText('中通快递ZT2002');
  await expect(row(page, li).getByRole('cell').nth(8)).toHaveText('待付款');
  api.close();
});

test('the show report: totals, products, coupons and a chart with the explained links', async ({
  page,
  studio,
  openStudio,
}) => {
  await seedEarlierShow(studio);
  const { api, show } = await seedShow(studio);
  await openOrders(page, openStudio);
  await page.getByLabel('场次').selectOption({ label: '周末助农专场' });
  await expect(bodyRows(page)).toHaveCount(5);
  await page.getByRole('button', { name: '场次报表' }).click();
  await expect(page).toHaveURL(new RegExp(`#/orders/report-${show.id}$`));
  await expect(page.getByRole('heading', { name: '场次报表 · 周末助农专场' })).toBeVisible();

  const totals = page.getByTestId('report-totals');
  await expect(totals.getByTestId('report-orders').locator('dd')).toHaveText('5');
  await expect(totals.getByTestId('report-subtotal').locator('dd')).toHaveText('¥495.40');
  await expect(totals.getByTestId('report-paid').locator('dd')).toHaveText('¥475.40');
  const products = page.getByRole('table', { name: '按商品' });
  await expect(products.getByRole('row')).toHaveCount(4);
  await expect(products.getByRole('row', { name: /东北五常大米 5kg/ })).toContainText('¥209.70');
  const coupons = page.getByRole('table', { name: '按优惠券' });
  await expect(coupons.getByRole('row', { name: /满100减10/ })).toContainText('¥20.00');

  // One image to assistive technology, summarised; a band per explanation; the time axis from the show's start.
  const chart = page.getByRole('img', { name: /每分钟成交额图/ });
  await expect(chart).toHaveAttribute('aria-label', /最高 ¥[\d,.]+.*2 段商品讲解/);
  await expect(chart.locator('[data-link-no]')).toHaveCount(2);
  await expect(chart.locator('[data-link-no="1"]')).toHaveCount(1);
  await expect(chart.locator('[data-link-no="3"]')).toHaveCount(1);
  const range = page.getByTestId('sales-chart-range');
  await expect(range).toHaveText('显示 00:00–05:00');

  // Hovering the first minute's bar: its clock, what was paid in how many orders, and what was being explained.
  const tip = page.getByTestId('sales-chart-tip');
  // A point at `share` of the plot's width, halfway up (measured each time: opening the comparison moves it).
  const at = async (share: number) => {
    const plot = (await chart.locator('.u-over').boundingBox())!;
    return [plot.x + plot.width * share, plot.y + plot.height / 2] as const;
  };
  await page.mouse.move(...(await at(0.1)));
  await expect(tip).toContainText('00:00');
  await expect(tip).toContainText('实付 ¥475.40 · 5 单');
  await expect(tip).toContainText('讲解中：1号 东北五常大米 5kg · 3号 古法红糖 400g');
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();

  // The keyboard: focus shows the first minute, → the next one (read out too), ← back.
  await chart.focus();
  await expect(tip).toContainText('00:00');
  await page.keyboard.press('ArrowRight');
  await expect(tip).toContainText('01:00');
  await expect(tip).toContainText('实付 ¥0.00 · 0 单');
  await expect(page.getByTestId('sales-chart-announcement')).toHaveText(/^01:00；实付 ¥0\.00 · 0 单；/);
  await page.keyboard.press('ArrowLeft');
  await expect(tip).toContainText('实付 ¥475.40 · 5 单');

  // Zoom: dragging across minutes 1–3 shows only them; the button, a double-click and the keys go back.
  const reset = page.getByRole('button', { name: '重置缩放' });
  await expect(reset).toBeDisabled();
  const drag = async () => {
    await page.mouse.move(...(await at(0.2)));
    await page.mouse.down();
    await page.mouse.move(...(await at(0.6)), { steps: 5 });
    await page.mouse.up();
    await expect(range).toHaveText(/^显示 0[01]:\d\d–0[23]:\d\d$/);
  };
  await drag();
  await expect(reset).toBeEnabled();
  await reset.click();
  await expect(range).toHaveText('显示 00:00–05:00');
  await expect(reset).toBeDisabled();
  await drag();
  await page.mouse.dblclick(...(await at(0.5)));
  await expect(range).toHaveText('显示 00:00–05:00');
  await page.mouse.move(0, 0);
  await page.keyboard.press('Home');
  await page.keyboard.press('+');
  await expect(range).toHaveText('显示 00:15–02:45');
  await page.keyboard.press('0');
  await expect(range).toHaveText('显示 00:00–05:00');

  // Compared with an earlier show: its line joins the legend, the summary and the minute's tooltip.
  const legend = page.getByTestId('sales-chart-legend').getByRole('listitem');
  await expect(legend).toHaveCount(2);
  await page.getByText('对比其他场次').click();
  await page.getByRole('checkbox', { name: /上周专场/ }).check();
  await expect(legend).toHaveCount(3);
  await expect(legend.nth(2)).toHaveText('上周专场');
  await expect(page.getByText('对比其他场次（1/4）')).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /对比：上周专场。$/);
  await page.mouse.move(...(await at(0.1)));
  await expect(tip).toContainText('上周专场：实付 ¥200.00 · 1 单');

  // The address alone opens it too; back goes to the log filtered by the show.
  await page.goto(`${studio.origin}/#/orders/report-${show.id}`);
  await expect(page.getByRole('heading', { name: '场次报表 · 周末助农专场' })).toBeVisible();
  await page.getByRole('button', { name: '返回订单' }).click();
  await expect(page.getByLabel('场次')).toHaveValue(String(show.id));
  await expect(bodyRows(page)).toHaveCount(5);
  api.close();
});

// 5,000 proves the window (under 100 rows in the DOM); 200,000 is measured by hand and by `npm run bench`.
test('5,000 orders: the log renders a window of rows, scrolls to the last, and totals all', async ({
  page,
  studio,
  openStudio,
}) => {
  test.setTimeout(90_000);
  const COUNT = 5_000;
  const api = await TestClient.connect(studio.port, studio.token);
  await api.call('catalog.create', {
    input: { title: '云南普洱茶 357g', priceFen: 100, stock: 1_000_000, sku: 'PUER' },
  });
  const IN_FLIGHT = 500;
  for (let start = 0; start < COUNT; start += IN_FLIGHT) {
    await Promise.all(
      Array.from({ length: Math.min(IN_FLIGHT, COUNT - start) }, (_, i) =>
        api.call('orders.create', { input: { buyer: `买家${start + i}`, lines: [{ sku: 'PUER', quantity: 1 }] } }),
      ),
    );
  }
  const oldest = (await api.call('orders.list', { sort: 'created', dir: 'asc', limit: 1 })).items[0]!;
  api.close();

  await openOrders(page, openStudio);
  await expect(total(page, 'orders')).toHaveText(String(COUNT));
  await expect(total(page, 'paid')).toHaveText('¥5,000.00');
  await expect(table(page)).toHaveAttribute('aria-rowcount', String(COUNT + 1));
  const rendered = await bodyRows(page).count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);

  await table(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(page, oldest)).toBeVisible();
  expect(await bodyRows(page).count()).toBeLessThan(100);

  // Home and End from the keyboard, across all of them.
  await row(page, oldest).focus();
  await page.keyboard.press('Home');
  const firstRow = page.locator('[role="row"][aria-rowindex="2"]');
  await expect(firstRow).toHaveAttribute('data-order-no', /^\d{6}-\d+$/);
  await expect(firstRow).toBeFocused();
  await page.keyboard.press('End');
  await expect(row(page, oldest)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: `订单 ${oldest.orderNo}` })).toBeVisible();
});
