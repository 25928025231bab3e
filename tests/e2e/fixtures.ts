// Test fixtures: a fresh studio process per test (killed by PID afterwards), and helpers to open it.
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { ProductInput } from '../../electron/core/protocol/contract.ts';
import { TestClient } from '../support/ws-client.ts';
import { StudioProcess } from './studio-process.ts';

interface Fixtures {
  studio: StudioProcess;
  /** Opens the studio in `page` (the test's page by default) and waits until it is connected. */
  openStudio(page?: Page): Promise<Page>;
  /** Creates products through the protocol (fast arrangement; the UI flows are tested on their own). */
  seedProducts(products: ProductInput[]): Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  studio: async ({}, use, testInfo) => {
    const studio = await StudioProcess.start();
    try {
      await use(studio);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('studio-log', { body: studio.log.join('\n'), contentType: 'text/plain' });
      }
      await studio.dispose();
    }
  },
  openStudio: async ({ page, studio }, use) => {
    await use(async (target = page) => {
      await target.goto(studio.url);
      await expectConnected(target);
      return target;
    });
  },
  seedProducts: async ({ studio }, use) => {
    await use(async (products) => {
      const api = await TestClient.connect(studio.port, studio.token);
      try {
        for (const input of products) await api.call('catalog.create', { input });
      } finally {
        api.close();
      }
    });
  },
});

export { expect };

export async function expectConnected(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
}

/** A second browser window on the same studio (another assistant's tablet). */
export async function secondWindow(
  browser: Browser,
  studio: StudioProcess,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(studio.url);
  await expectConnected(page);
  return { context, page };
}

/** The products table's row for a title. */
export function productRow(page: Page, title: string) {
  return page.locator('tbody tr').filter({
    has: page.getByRole('button', { name: new RegExp(`^编辑“${escape(title)}”$|^Edit “${escape(title)}”$`) }),
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
