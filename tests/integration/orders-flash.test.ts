// A flash sale (秒杀) at full speed: 20 assistants and the order API race for one product's 500 units. Orders that
// arrive while a commit is in flight are written together in the next one (group commit), each in its own
// savepoint: a refused order ("only 2 left") refuses only itself, and exactly 500 units are sold — never 501.
// Every client also sees the events of each order after the reply that made it, in one gapless numbering, and a
// snapshot taken mid-sale agrees with the events after it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runStudio, type Running } from '../support/studio-fixture.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';

const UNITS = 500;
const CLIENTS = 20;

let run: Running;
const clients: TestClient[] = [];
before(async () => {
  run = await runStudio();
});
after(async () => {
  for (const c of clients) c.close();
  await run.stop();
});

/** Orders 1–3 units until "only n left"; then one at a time until even one is refused. Returns the units it got. */
async function taker(order: (quantity: number) => Promise<void>, first: number, refusals: string[]): Promise<number> {
  let units = 0;
  let quantity = first;
  for (;;) {
    try {
      await order(quantity);
      units += quantity;
    } catch (error) {
      const reason = error instanceof CallFailed ? error.error.issues?.[0]?.code : (error as Error).message;
      refusals.push(String(reason));
      if (reason !== 'order_oversold') throw error;
      if (quantity === 1) return units;
      quantity = 1;
    }
  }
}

test('20 clients and the order API race for 500 units: exactly 500 are sold, each refusal refuses only itself', async () => {
  const host = await TestClient.connect(run.host.port, run.host.token);
  clients.push(host);
  const show = await host.call('live.createSession', { input: { title: '秒杀专场' } });
  const product = await host.call('catalog.create', {
    input: { title: '秒杀 五常大米 10kg', priceFen: 3990, stock: UNITS },
  });
  const bag = await host.call('live.bagAdd', { sessionId: show.id, productId: product.id });
  const linkNo = bag.find((s) => s.productId === product.id)!.linkNo;
  await host.call('live.goLive', { id: show.id });
  for (let c = 0; c < CLIENTS; c++) {
    const client = await TestClient.connect(run.host.port, run.host.token);
    await client.call('studio.hello', { client: `assistant-${c}` });
    clients.push(client);
  }

  const refusals: string[] = [];
  let buyer = 0;
  // A snapshot mid-sale (a reconnecting assistant's order log) must agree with the events after it.
  let acked = 0;
  const midSale: { reply: ReturnType<typeof snapshotOf> | null } = { reply: null };
  const snapshotOf = () => host.call('orders.list', { filter: {}, limit: 1 });
  const byClient = clients.slice(1).map((client, c) =>
    taker(
      async (quantity) => {
        await client.call('orders.create', {
          input: { lines: [{ linkNo, quantity }], buyer: `秒杀买家${++buyer}`, address: '杭州' },
          key: `flash-${c}-${buyer}`,
        });
        if (++acked === 50) midSale.reply = snapshotOf();
      },
      1 + (c % 3),
      refusals,
    ),
  );
  const byApi = taker(
    async (quantity) => {
      const res = await fetch(`http://127.0.0.1:${run.host.port}/api/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${run.host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: `api-${++buyer}`, link_no: linkNo, quantity, buyer: `接口买家${buyer}` }),
      });
      const body = (await res.json()) as { error?: { code: string } };
      if (!res.ok) throw new Error(body.error?.code ?? String(res.status));
    },
    2,
    refusals,
  );
  const sold = await Promise.all([...byClient, byApi]);

  const total = sold.reduce((a, b) => a + b, 0);
  assert.equal(total, UNITS, `acknowledged units: ${sold.join(' + ')}`);
  assert.ok(sold.at(-1)! > 0, 'the order API sold some too');
  assert.ok(
    refusals.every((r) => r === 'order_oversold'),
    `only "sold out" refusals: ${[...new Set(refusals)].join(', ')}`,
  );
  const db = run.studio.db;
  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  assert.equal(one('SELECT stock AS n FROM products WHERE id = ?', product.id), 0);
  assert.equal(one('SELECT sum(quantity) AS n FROM order_lines WHERE product_id = ?', product.id), UNITS);
  assert.equal(one('SELECT count(*) AS n FROM live_log WHERE kind = ?', 'bag_sold_out'), 1, 'sold out logged once');

  // Every order's event reached every client once, in one gapless numbering.
  const orders = one('SELECT count(*) AS n FROM orders');
  for (const client of clients) {
    await client.until(() => client.events.filter((e) => e.name === 'orders.changed').length === orders, 10_000);
    const seqs = client.events.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => seqs[0]! + i),
      'gapless',
    );
  }
  // The snapshot holds exactly the orders whose events were numbered up to its seq.
  assert.ok(midSale.reply, 'a snapshot was taken mid-sale');
  const snapshot = await midSale.reply;
  const numbered = clients[0]!.events.filter((e) => e.name === 'orders.changed' && e.seq <= snapshot.seq).length;
  assert.ok(snapshot.total >= 50 && snapshot.total < orders, `mid-sale: ${snapshot.total} of ${orders}`);
  assert.equal(snapshot.total, numbered, 'a snapshot and the events after it never count an order twice');
});
