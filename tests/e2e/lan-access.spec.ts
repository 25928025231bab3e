// Assistant access from the LAN (助理访问), end to end: the host switches it on in Settings and pairs a phone by
// its link; the phone runs the live console without the host's places; a wrong or missing token is refused;
// revoking shuts the phone out with a page that says what to do. The LAN listener is on 127.0.0.1 here
// (studio-process.ts passes --lan-host 127.0.0.1 --lan-port 0).
import type { Page } from '@playwright/test';
import { TestClient } from '../support/ws-client.ts';
import { expect, expectConnected, test } from './fixtures.ts';

const PAIRING_LINK = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=[A-Za-z0-9_-]{32}$/;

/** No sideways scrolling: the layout fits the device's width. */
async function expectFitsWidth(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test('the host pairs a phone, which runs the live console without the host places, until revoked', async ({
  browser,
  page,
  studio,
  openStudio,
}) => {
  await openStudio();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  const access = page.getByTestId('access-settings');
  const toggle = access.getByRole('switch', { name: '允许局域网访问' });
  await expect(toggle).toHaveAttribute('aria-checked', 'false'); // off by default
  await expect(access.getByRole('button', { name: '配对设备' })).toHaveCount(0);
  // It is disabled until the access state has loaded: a key pressed before then does nothing (and should not).
  await expect(toggle).toBeEnabled();
  await toggle.focus();
  await page.keyboard.press('Space'); // the switch works from the keyboard
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(access.getByTestId('access-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/$/);

  await expect(access.getByLabel('设备名称')).toHaveAttribute('placeholder', '助理 1');
  await access.getByRole('button', { name: '配对设备' }).click();
  const dialog = page.getByRole('dialog', { name: '扫码配对“助理 1”' });
  const qr = dialog.getByRole('img', { name: '“助理 1”的配对二维码' });
  await expect(qr).toBeVisible();
  expect(Number(await qr.getAttribute('data-modules'))).toBeGreaterThanOrEqual(21);
  await expect(dialog).toContainText('只显示这一次');
  const link = await dialog.getByLabel('配对链接').inputValue();
  expect(link).toMatch(PAIRING_LINK);
  const lanPort = Number(PAIRING_LINK.exec(link)![1]);
  expect(lanPort).not.toBe(studio.port);
  await dialog.getByRole('button', { name: '复制链接' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/已复制配对链接|无法自动复制/);
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(dialog).toBeHidden();

  // The assistant's phone opens the link.
  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, hasTouch: true });
  const assistant = await phone.newPage();
  await assistant.goto(link);
  await expectConnected(assistant);
  expect(assistant.url()).not.toContain('token=');
  await expect(assistant).toHaveURL(/#\/live$/);
  const nav = assistant.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '直播中控' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: '优惠券' })).toBeVisible();
  await expect(nav.getByRole('link', { name: '直播', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '设置' })).toHaveCount(0);
  await expectFitsWidth(assistant, 375);
  // A host-only place asked for by hand is not shown either.
  await assistant.goto(`http://127.0.0.1:${lanPort}/#/settings`);
  await expect(assistant.getByTestId('access-settings')).toHaveCount(0);

  // The host sees the phone connected, live.
  const device = page.getByTestId('access-device').filter({ hasText: '助理 1' });
  await expect(device).toContainText('在线');

  // Closing the tab and reopening the studio without the link still works: the phone kept its pairing.
  await assistant.close();
  const reopened = await phone.newPage();
  await reopened.goto(`http://127.0.0.1:${lanPort}/`);
  await expectConnected(reopened);

  await device.getByRole('button', { name: '撤销“助理 1”的访问' }).click();
  const confirm = page.getByRole('dialog', { name: '撤销“助理 1”的访问？' });
  await confirm.getByRole('button', { name: '撤销', exact: true }).click();
  await expect(page.getByTestId('access-device')).toHaveCount(0);
  const refused = reopened.getByTestId('unauthorized');
  await expect(refused).toContainText('访问令牌无效');
  await expect(refused).toContainText('请让主播在工作室的“设置 → 助理访问”中重新配对');
  await expectFitsWidth(reopened, 375);
  // The revoked token was forgotten: a reload stays out.
  await reopened.reload();
  await expect(reopened.getByTestId('unauthorized')).toBeVisible();
  await phone.close();
});

test('on the LAN a wrong token or none is refused; a tablet gets the assistant layout', async ({ browser, studio }) => {
  const host = await TestClient.connect(studio.port, studio.token);
  const lanUrl = (await host.call('access.setEnabled', { enabled: true })).urls[0]!;
  const { pairingUrls } = await host.call('access.pairDevice', { name: 'iPad' });
  host.close();

  const tablet = await browser.newContext({ locale: 'en', viewport: { width: 820, height: 1180 }, hasTouch: true });
  const page = await tablet.newPage();
  await page.goto(`${lanUrl}#token=not-the-token`);
  await expect(page.getByTestId('unauthorized')).toContainText('Access token refused');
  expect(page.url()).not.toContain('not-the-token');
  await page.goto(lanUrl);
  await expect(page.getByTestId('unauthorized')).toBeVisible(); // no token at all
  // The host's own token opens nothing on the LAN either.
  await page.goto(`${lanUrl}#token=${studio.token}`);
  await expect(page.getByTestId('unauthorized')).toBeVisible();

  await page.goto(pairingUrls[0]!);
  await expectConnected(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Coupons' })).toBeVisible();
  await expectFitsWidth(page, 820);
  await tablet.close();
});

test('the access settings fit a phone-width window', async ({ page, openStudio }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openStudio();
  await page.goto(`${new URL(page.url()).origin}/#/settings`);
  const toggle = page.getByRole('switch', { name: '允许局域网访问' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: '配对设备' }).click();
  const dialog = page.getByRole('dialog', { name: '扫码配对“助理 1”' });
  await expect(dialog.getByRole('img', { name: '“助理 1”的配对二维码' })).toBeInViewport();
  await expectFitsWidth(page, 375);
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('access-device')).toHaveCount(1);
  await expectFitsWidth(page, 375);
});

test('what a phone may do is the host’s choice: it shows only that, and picks up a change at once', async ({
  browser,
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([{ title: '蜂蜜', priceFen: 3900, stock: 10, sku: 'HONEY' }]);
  const host = await TestClient.connect(studio.port, studio.token);
  await host.call('access.setEnabled', { enabled: true });
  const { pairingUrls } = await host.call('access.pairDevice', { name: '助理手机' });
  host.close();
  await openStudio();
  await page.goto(`${new URL(page.url()).origin}/#/settings`);
  const device = page.getByTestId('access-device').filter({ hasText: '助理手机' });
  const may = device.getByRole('group', { name: '“助理手机”可以' });
  await expect(may.getByRole('checkbox', { name: '管理购物袋和讲解' })).toBeChecked();
  await expect(may.getByRole('checkbox', { name: '录单、查看订单' })).toBeChecked();
  await expect(may.getByRole('checkbox', { name: '导出、导入和发货' })).not.toBeChecked();

  const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 } });
  const assistant = await phone.newPage();
  await assistant.goto(pairingUrls[0]!);
  await expectConnected(assistant);
  const nav = assistant.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '订单' })).toBeVisible();
  await nav.getByRole('link', { name: '商品库' }).click();
  await expect(assistant.getByRole('button', { name: '+ 新建商品' })).toBeVisible();
  await expect(assistant.getByRole('button', { name: '导出 CSV' })).toHaveCount(0);
  await expect(assistant.getByRole('button', { name: '导入商品' })).toHaveCount(0);

  // The host allows exports: the phone reconnects by itself and shows them.
  await may.getByRole('checkbox', { name: '导出、导入和发货' }).check();
  await expect(assistant.getByRole('button', { name: '导出 CSV' })).toBeVisible();
  // …and takes the order log away: its place is gone from the phone.
  await may.getByRole('checkbox', { name: '录单、查看订单' }).uncheck();
  await expect(nav.getByRole('link', { name: '订单' })).toHaveCount(0);
  await expect(may.getByRole('checkbox', { name: '录单、查看订单' })).not.toBeChecked();
  await phone.close();
});
