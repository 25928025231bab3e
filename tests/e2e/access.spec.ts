// The web host's door: a wrong or missing token is refused with a clear message; health answers.
import { expect, test } from './fixtures.ts';

test('a wrong token is refused and the page says what to do', async ({ page, studio }) => {
  await page.goto(`${studio.origin}/#token=not-the-token`);
  await expect(page.getByTestId('unauthorized')).toContainText('访问令牌无效，请使用工作室显示的链接重新打开');
  // The token never stays in the address bar.
  expect(page.url()).not.toContain('not-the-token');
});

test('opening the right link in a refused tab lets it in', async ({ page, studio }) => {
  await page.goto(`${studio.origin}/#token=stale`);
  await expect(page.getByTestId('unauthorized')).toBeVisible();
  // Same host, only the hash changes: no navigation happens unless the page reacts to it.
  await page.goto(studio.url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
});

test('a page opened without a token is refused', async ({ page, studio }) => {
  await page.goto(studio.origin);
  await expect(page.getByRole('heading', { name: '无法访问工作室' })).toBeVisible();
});

test('the token survives a reload but not the address bar', async ({ page, openStudio }) => {
  await openStudio();
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
});

test('/api/health answers ok', async ({ request, studio }) => {
  const response = await request.get(`${studio.origin}/api/health`);
  expect(response.ok()).toBe(true);
  expect(await response.json()).toMatchObject({ ok: true });
});
