// The live room through the real protocol: a real SQLite file, a real web host, two real WebSocket clients.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BagItem, Product, Segment } from '../../electron/core/protocol/contract.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { runStudio, type Running } from '../support/studio-fixture.ts';

let run: Running;
let a: TestClient;
let b: TestClient;
const products: Product[] = [];

before(async () => {
  run = await runStudio();
  a = await TestClient.connect(run.host.port, run.host.token);
  b = await TestClient.connect(run.host.port, run.host.token);
  for (const [title, priceFen, stock] of [
    ['东北大米 5kg', 5990, 100],
    ['野生蜂蜜', 3900, 20],
    ['手工挂面', 1290, 0],
    ['红枣夹核桃', 2990, 50],
    ['小米 2kg', 2490, 80],
  ] as const) {
    products.push(await a.call('catalog.create', { input: { title, priceFen, stock } }));
  }
});
after(async () => {
  a.close();
  b.close();
  await run.stop();
});

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    assert.equal(error.error.code, 'refused', error.message);
    return error.error.issues![0]!.code;
  }
  assert.fail('expected a refusal');
}

const ids = (bag: BagItem[]) => bag.map((i) => i.productId);
const links = (bag: BagItem[]) => bag.map((i) => i.linkNo);
const p = (n: number) => products[n - 1]!.id;

test('a session cannot go live with an empty bag; with a product it can, and only one show runs at a time', async () => {
  const show = await a.call('live.createSession', {
    input: { title: '双十一助农专场', plannedAt: Date.now() + 3_600_000 },
  });
  assert.equal(show.state, 'planned');
  assert.equal(await refusal(a.call('live.goLive', { id: show.id })), 'session_bag_empty');

  const bag = await a.call('live.bagAdd', { sessionId: show.id, productId: p(1) });
  assert.deepEqual(links(bag), [1]);
  const live = await a.call('live.goLive', { id: show.id });
  assert.equal(live.state, 'live');
  assert.ok(live.startedAt !== null && live.startedAt <= Date.now());

  const other = await a.call('live.createSession', { input: { title: '第二场' } });
  await a.call('live.bagAdd', { sessionId: other.id, productId: p(2) });
  assert.equal(await refusal(a.call('live.goLive', { id: other.id })), 'session_other_live');
  assert.equal(await refusal(a.call('live.goLive', { id: show.id })), 'session_live');

  await a.call('live.end', { id: show.id });
  assert.equal(await refusal(a.call('live.bagAdd', { sessionId: show.id, productId: p(2) })), 'session_ended');
});

test('bad session details are refused field by field, and nothing is stored', async () => {
  const before = (await a.call('live.sessions', {})).items.length;
  await assert.rejects(
    a.call('live.createSession', { input: { title: '  ', promoLink: 'weixin://not-a-web-link' } }),
    (error: CallFailed) => {
      assert.equal(error.error.code, 'invalid');
      assert.deepEqual(
        error.error.issues!.map((i) => [i.path, i.code]),
        [
          ['title', 'required'],
          ['promoLink', 'promo_link_invalid'],
        ],
      );
      return true;
    },
  );
  assert.equal((await a.call('live.sessions', {})).items.length, before);
});

test('link numbers follow the order before the show and stay stable while live until renumbered', async () => {
  const show = await a.call('live.createSession', { input: { title: '编号测试' } });
  for (const n of [1, 2, 3, 4]) await a.call('live.bagAdd', { sessionId: show.id, productId: p(n) });
  let bag = await a.call('live.bagMove', { sessionId: show.id, productId: p(4), toIndex: 0 });
  assert.deepEqual(ids(bag), [p(4), p(1), p(2), p(3)]);
  assert.deepEqual(links(bag), [1, 2, 3, 4], 'before the show numbers follow the order');

  await a.call('live.goLive', { id: show.id });
  bag = await a.call('live.bagMove', { sessionId: show.id, productId: p(3), toIndex: 0 });
  assert.deepEqual(links(bag), [4, 1, 2, 3], 'while live, 4号 stays 4号 wherever it sits');
  await a.call('live.bagRemove', { sessionId: show.id, productId: p(3) });
  bag = await a.call('live.bagAdd', { sessionId: show.id, productId: p(5) });
  assert.deepEqual(links(bag), [1, 2, 3, 5], '4号 was heard for another product, so the new one is 5号');
  bag = await a.call('live.bagRenumber', { sessionId: show.id });
  assert.deepEqual(links(bag), [1, 2, 3, 4]);
  assert.equal(bag[0]!.product.stock, 50, 'each line carries the stock left');
  await a.call('live.bagSet', { sessionId: show.id, productId: p(1), soldOut: true, listed: false });
  await a.call('live.end', { id: show.id });

  // Only what happened during the show is logged, each on the session clock.
  const { log, session } = await a.call('live.session', { id: show.id });
  assert.deepEqual(
    log.map((e) => [e.kind, e.productId === null ? null : products.findIndex((x) => x.id === e.productId) + 1]),
    [
      ['went_live', null],
      ['bag_moved', 3],
      ['bag_removed', 3],
      ['bag_added', 5],
      ['bag_renumbered', null],
      ['bag_delisted', 1],
      ['bag_sold_out', 1],
      ['ended', null],
    ],
  );
  for (const e of log) assert.equal(e.clockMs, e.at - session.startedAt!);
  assert.equal(log.at(-1)!.at, session.endedAt);
});

test('now explaining: one product at a time, segments on the session clock, every client told in order', async () => {
  const show = await a.call('live.createSession', { input: { title: '讲解测试' } });
  for (const n of [1, 2, 3, 4]) await a.call('live.bagAdd', { sessionId: show.id, productId: p(n) });
  assert.equal(await refusal(a.call('live.explain', { sessionId: show.id, linkNo: 1 })), 'session_not_live');
  const live = await a.call('live.goLive', { id: show.id });
  const fromSeq = (await b.call('live.session', { id: show.id })).seq;

  const first = await a.call('live.explain', { sessionId: show.id, linkNo: 3 });
  assert.equal(first.productId, p(3));
  assert.equal(first.linkNo, 3);
  assert.ok(first.startClockMs >= 0 && first.startClockMs === first.startedAt - live.startedAt!);
  const again = await a.call('live.explain', { sessionId: show.id, linkNo: 3 });
  assert.equal(again.id, first.id, 'pressing explain twice is not a new segment');

  const second = await b.call('live.explainStep', { sessionId: show.id, direction: 'next' });
  assert.equal(second?.productId, p(4));
  const back = await a.call('live.explainStep', { sessionId: show.id, direction: 'previous' });
  assert.equal(back?.productId, p(3));
  assert.equal(await b.call('live.explainStep', { sessionId: show.id, direction: 'next' }).then((s) => s?.linkNo), 4);
  assert.equal(await a.call('live.explainStep', { sessionId: show.id, direction: 'next' }), null, 'the end of the bag');

  await a.call('live.bagSet', { sessionId: show.id, productId: p(2), listed: false });
  assert.equal(await refusal(a.call('live.explain', { sessionId: show.id, productId: p(2) })), 'bag_item_delisted');
  assert.equal(await refusal(a.call('live.explain', { sessionId: show.id, linkNo: 9 })), 'bag_item_missing');
  const prev = await a.call('live.explainStep', { sessionId: show.id, direction: 'previous' });
  assert.equal(prev?.productId, p(3), 'previous skips the delisted 2号');
  await a.call('live.bagSet', { sessionId: show.id, productId: p(3), listed: false });

  const detail = await a.call('live.session', { id: show.id });
  assert.equal(detail.explaining, null, 'delisting the product being explained ends its explanation');
  const segs = detail.segments;
  assert.deepEqual(
    segs.map((s) => s.linkNo),
    [3, 4, 3, 4, 3],
  );
  for (const [i, s] of segs.entries()) {
    assert.ok(s.endedAt !== null && s.endClockMs! >= s.startClockMs);
    if (i > 0) assert.equal(s.startedAt, segs[i - 1]!.endedAt, 'the next one starts when the last one ends');
  }

  // Client b saw every change as ordered events, and its picture matches the stored one.
  await b.until(() => b.events.filter((e) => e.name === 'live.explainChanged' && e.seq > fromSeq).length >= 5);
  const seen = b.events.filter((e) => e.seq > fromSeq);
  seen.forEach((e, i) => assert.equal(e.seq, fromSeq + i + 1, 'gapless and in order'));
  const opened = seen
    .filter((e) => e.name === 'live.explainChanged')
    .map((e) => (e.data as { explaining: Segment | null }).explaining?.linkNo ?? null);
  assert.deepEqual(opened, [3, 4, 3, 4, 3, null]);
  await a.call('live.end', { id: show.id });
});

test('two assistants editing the bag at the same moment: both end with the stored bag, nothing lost', async () => {
  const show = await a.call('live.createSession', { input: { title: '并发测试' } });
  for (const n of [1, 2, 3, 4, 5]) await a.call('live.bagAdd', { sessionId: show.id, productId: p(n) });
  await a.call('live.goLive', { id: show.id });
  const fromSeq = (await a.call('live.session', { id: show.id })).seq;

  const moves: Promise<unknown>[] = [];
  for (let i = 0; i < 40; i++) {
    const client = i % 2 === 0 ? a : b;
    moves.push(client.call('live.bagMove', { sessionId: show.id, productId: p((i % 5) + 1), toIndex: (i * 3) % 5 }));
    if (i % 10 === 0)
      moves.push(client.call('live.bagSet', { sessionId: show.id, productId: p(2), soldOut: i % 20 === 0 }));
  }
  await Promise.all(moves);
  const stored = (await a.call('live.session', { id: show.id })).bag;
  assert.deepEqual([...ids(stored)].sort(), [p(1), p(2), p(3), p(4), p(5)].sort());
  assert.deepEqual([...links(stored)].sort(), [1, 2, 3, 4, 5], 'while live, moves never change a number');

  for (const client of [a, b]) {
    await client.until(() => client.events.filter((e) => e.name === 'live.bagChanged' && e.seq > fromSeq).length >= 44);
    const last = client.events.filter((e) => e.name === 'live.bagChanged').at(-1)!;
    assert.deepEqual((last.data as { bag: BagItem[] }).bag, stored, 'the last event is the stored bag');
  }
  await a.call('live.end', { id: show.id });
});

test('ending a show closes the open explanation; the session lists its segments afterwards', async () => {
  const show = await a.call('live.createSession', { input: { title: '结束测试' } });
  await a.call('live.bagAdd', { sessionId: show.id, productId: p(1) });
  await a.call('live.goLive', { id: show.id });
  await a.call('live.explain', { sessionId: show.id, productId: p(1) });
  const ended = await a.call('live.end', { id: show.id });
  assert.equal(ended.state, 'ended');
  const detail = await a.call('live.session', { id: show.id });
  assert.equal(detail.explaining, null);
  assert.equal(detail.segments.length, 1);
  assert.equal(detail.segments[0]!.endedAt, ended.endedAt);
  assert.equal(await refusal(a.call('live.explain', { sessionId: show.id, linkNo: 1 })), 'session_not_live');
});
