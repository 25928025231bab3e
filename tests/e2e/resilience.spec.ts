// The link to the studio can drop (Wi-Fi on the assistant's tablet, a sleeping laptop) and events can be
// missed. The page must say so, reconnect by itself, and end up showing what the studio has — not what it
// had. Playwright's WebSocket routing sits between the page and the real host to cut the line on purpose.
import type { WebSocketRoute } from '@playwright/test';
import { expect, productRow, test } from './fixtures.ts';
import { TestClient } from '../support/ws-client.ts';

test('reconnects after the connection drops and catches up on what changed meanwhile', async ({
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([{ title: '断线前的商品', priceFen: 1000, stock: 1 }]);
  const routes: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws$/, (ws) => {
    routes.push(ws);
    ws.connectToServer();
  });
  await openStudio();
  await expect(productRow(page, '断线前的商品')).toBeVisible();

  const api = await TestClient.connect(studio.port, studio.token);
  const [before] = (await api.call('catalog.list', {})).items;
  await routes.at(-1)!.close({ code: 1012, reason: 'test: line cut' });
  // While the page is away, the product changes and a new one arrives.
  await api.call('catalog.update', { id: before!.id, expectedVersion: before!.version, patch: { priceFen: 800 } });
  await api.call('catalog.create', { input: { title: '断线期间新增的商品', priceFen: 500, stock: 5 } });
  api.close();

  await expect(page.getByTestId('disconnected-banner')).toBeVisible();
  await expect(page.getByTestId('disconnected-banner')).toBeHidden();
  await expect(productRow(page, '断线期间新增的商品')).toBeVisible();
  await expect(productRow(page, '断线前的商品').locator('.col-price')).toHaveText('¥8.00');
  expect(routes.length).toBeGreaterThan(1);
});

test('a missed event (a gap in seq) makes the page resynchronise', async ({
  page,
  studio,
  openStudio,
  seedProducts,
}) => {
  await seedProducts([
    { title: '甲商品', priceFen: 1000, stock: 1 },
    { title: '乙商品', priceFen: 2000, stock: 2 },
  ]);
  let dropNextEvent = false;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (dropNextEvent && typeof message === 'string' && message.includes('"type":"event"')) {
        dropNextEvent = false;
        // A frame may hold several messages (a JSON array): only the first event is lost, the rest go through.
        const frame = JSON.parse(message) as unknown;
        if (!Array.isArray(frame)) return;
        const lost = frame.findIndex((m: { type?: string }) => m.type === 'event');
        const rest = frame.filter((_, i) => i !== lost);
        if (rest.length > 0) ws.send(JSON.stringify(rest));
        return;
      }
      ws.send(message);
    });
  });
  await openStudio();
  await expect(page.locator('tbody tr')).toHaveCount(2);

  const api = await TestClient.connect(studio.port, studio.token);
  const items = (await api.call('catalog.list', {})).items;
  const a = items.find((p) => p.title === '甲商品')!;
  const b = items.find((p) => p.title === '乙商品')!;
  dropNextEvent = true;
  await api.call('catalog.update', { id: a.id, expectedVersion: a.version, patch: { stock: 77 } }); // this event is lost
  await api.call('catalog.update', { id: b.id, expectedVersion: b.version, patch: { stock: 88 } }); // this one shows the gap
  api.close();

  await expect(productRow(page, '乙商品').locator('.col-stock')).toHaveText('88');
  await expect(productRow(page, '甲商品').locator('.col-stock')).toHaveText('77');
});
