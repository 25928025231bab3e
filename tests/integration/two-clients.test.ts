// Two clients editing one catalogue: no silent overwrite, and both converge on the same state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Product } from '../../electron/core/protocol/contract.ts';
import type { CallFailed } from '../support/ws-client.ts';
import { TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';

let run: Running;
let a: TestClient;
let b: TestClient;

before(async () => {
  run = await runStudio();
  a = await TestClient.connect(run.host.port, run.host.token);
  b = await TestClient.connect(run.host.port, run.host.token);
});
after(async () => {
  a.close();
  b.close();
  await run.stop();
});

/** A client's view: the hello snapshot, then events applied by version. */
function applyEvents(client: TestClient, fromSeq: number, products: Map<number, Product>) {
  let seq = fromSeq;
  for (const e of client.events) {
    if (e.seq <= fromSeq) continue;
    assert.equal(e.seq, seq + 1, 'events arrive in order with no gaps');
    seq = e.seq;
    if (e.name === 'catalog.productChanged') {
      const p = (e.data as { product: Product }).product;
      const known = products.get(p.id);
      if (!known || known.version < p.version) products.set(p.id, p);
    }
  }
  return seq;
}

test('concurrent edits of one product: one wins, the other gets a conflict with the winner', async () => {
  const created = await a.call('catalog.create', { input: { title: '蜂蜜', priceFen: 3900, stock: 20 } });
  await b.until(() => b.events.some((e) => e.name === 'catalog.productChanged'));
  const [ra, rb] = await Promise.allSettled([
    a.call('catalog.update', { id: created.id, expectedVersion: created.version, patch: { priceFen: 3500 } }),
    b.call('catalog.update', { id: created.id, expectedVersion: created.version, patch: { stock: 5 } }),
  ]);
  const outcomes = [ra, rb];
  const won = outcomes.filter((r) => r.status === 'fulfilled');
  const lost = outcomes.filter((r) => r.status === 'rejected');
  assert.equal(won.length, 1);
  assert.equal(lost.length, 1);
  const reason = (lost[0] as PromiseRejectedResult).reason as CallFailed;
  assert.equal(reason.error.code, 'conflict');
  const winner = (won[0] as PromiseFulfilledResult<Product>).value;
  assert.deepEqual(reason.error.current, winner);
  const stored = await a.call('catalog.get', { id: created.id });
  assert.deepEqual(stored, winner, 'the losing edit was not applied');
});

test('many interleaved edits from two clients converge to the stored state', async () => {
  const helloA = await a.call('studio.hello', { client: 'a' });
  const helloB = await b.call('studio.hello', { client: 'b' });
  const listA = new Map((await a.call('catalog.list', { limit: 500 })).items.map((p) => [p.id, p]));
  const listB = new Map((await b.call('catalog.list', { limit: 500 })).items.map((p) => [p.id, p]));
  const ops: Promise<unknown>[] = [];
  for (let i = 0; i < 40; i++) {
    const client = i % 2 ? a : b;
    ops.push(client.call('catalog.create', { input: { title: `商品 ${i}`, priceFen: 100 + i, stock: i } }));
  }
  const made = (await Promise.all(ops)) as Product[];
  for (const p of made.slice(0, 10)) {
    // Both try; exactly one succeeds per product.
    const results = await Promise.allSettled([
      a.call('catalog.update', { id: p.id, expectedVersion: p.version, patch: { stock: 1 } }),
      b.call('catalog.update', { id: p.id, expectedVersion: p.version, patch: { stock: 2 } }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  }
  const total = run.studio.server.currentSeq();
  await a.until(() => a.events.at(-1)?.seq === total);
  await b.until(() => b.events.at(-1)?.seq === total);
  applyEvents(a, helloA.seq, listA);
  applyEvents(b, helloB.seq, listB);
  const truth = (await a.call('catalog.list', { limit: 500 })).items.sort((x, y) => x.id - y.id);
  const sorted = (m: Map<number, Product>) => [...m.values()].sort((x, y) => x.id - y.id);
  assert.deepEqual(sorted(listA), truth);
  assert.deepEqual(sorted(listB), truth);
});
