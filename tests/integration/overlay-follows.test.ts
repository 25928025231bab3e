// The overlay follows the live show through the events it subscribes to (core/events.ts): an order that takes the
// explained product's stock changes the card viewers see. It does so through the product's change (an order's own
// event is not one the overlay follows), and it sells out on the card when the last unit goes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OverlayState } from '../../electron/core/protocol/overlay-schemas.ts';
import { runStudio } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';

test('orders of the product being explained change its stock on the card viewers see, down to sold out', async () => {
  const run = await runStudio();
  const client = await TestClient.connect(run.host.port, run.host.token);
  try {
    const show = await client.call('live.createSession', { input: { title: '讲解测试' } });
    const input = { title: '东北大米 5kg', priceFen: 3990, stock: 3, sku: 'OV-1' };
    const product = await client.call('catalog.create', { input });
    await client.call('live.bagAdd', { sessionId: show.id, productId: product.id });
    await client.call('live.goLive', { id: show.id });
    await client.call('live.explain', { sessionId: show.id, productId: product.id });
    const card = () =>
      (client.events.filter((e) => e.name === 'overlay.changed').at(-1)?.data as OverlayState | undefined)?.scene.card;
    await client.until(() => card()?.productId === product.id);
    assert.equal(card()!.stock, 3);

    await client.call('orders.create', { input: { lines: [{ linkNo: 1, quantity: 2 }], buyer: '小王' } });
    await client.until(() => card()?.stock === 1);
    assert.equal(card()!.soldOut, false);
    await client.call('orders.create', { input: { lines: [{ linkNo: 1, quantity: 1 }], buyer: '小李' } });
    await client.until(() => card()?.soldOut === true);
    assert.equal(card()!.stock, 0);
  } finally {
    client.close();
    await run.stop();
  }
});
