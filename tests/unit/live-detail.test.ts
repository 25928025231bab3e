// The rules that keep the console's session detail equal to the core's: a snapshot and the events around it
// give the same show whatever order replies and events race in; products and sessions never roll back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BagItem, Product, Segment, Session, SessionDetail } from '../../electron/core/protocol/contract.ts';
import {
  DetailSync,
  NewestProducts,
  patches,
  sortSessions,
  withProduct,
} from '../../renderer/src/stores/live-detail.ts';

function product(id: number, version = 1, stock = 10): Product {
  return {
    id,
    title: `P${id}`,
    priceFen: 100,
    originalPriceFen: null,
    stock,
    sku: null,
    skus: [{ id, spec: '', priceFen: 100, originalPriceFen: null, stock, code: null }],
    link: null,
    linkKind: null,
    sellingPoints: '',
    imageId: null,
    shopProductId: null,
    archived: false,
    version,
    createdAt: 0,
    updatedAt: 0,
  };
}

function item(productId: number, linkNo: number, p = product(productId)): BagItem {
  return { productId, linkNo, listed: true, soldOut: false, addedAt: 0, product: p };
}

function session(id: number, version = 1, state: Session['state'] = 'live'): Session {
  return {
    id,
    title: `S${id}`,
    coverImageId: null,
    plannedAt: null,
    notes: '',
    promoLink: null,
    state,
    startedAt: 1000,
    endedAt: null,
    bagCount: 0,
    version,
    createdAt: 0,
    updatedAt: 0,
  };
}

function segment(id: number, productId: number, start: number, end: number | null = null): Segment {
  return {
    id,
    sessionId: 1,
    productId,
    linkNo: productId,
    title: `P${productId}`,
    startedAt: 1000 + start,
    endedAt: end === null ? null : 1000 + end,
    startClockMs: start,
    endClockMs: end,
  };
}

function snapshot(seq: number, bag: BagItem[], extra: Partial<SessionDetail> = {}): SessionDetail {
  return { session: session(1), bag, explaining: null, segments: [], pushes: [], log: [], seq, ...extra };
}

const ids = (detail: SessionDetail | null) => detail?.bag.map((i) => i.productId);

test('events that race a snapshot are replayed on it only when newer than it', () => {
  const sync = new DetailSync();
  sync.begin();
  assert.equal(sync.waiting, true);
  // Before the reply: seq 5 (already inside the snapshot) and seq 7 (after it). Nothing to show yet.
  assert.equal(sync.apply(null, 5, patches.bag([item(1, 1)])), null);
  assert.equal(sync.apply(null, 7, patches.bag([item(1, 1), item(2, 2), item(3, 3)])), null);
  const detail = sync.settle(snapshot(6, [item(1, 1), item(2, 2)]));
  assert.deepEqual(ids(detail), [1, 2, 3]);
  assert.equal(detail.seq, 7);
  assert.equal(sync.waiting, false);

  // After it: an event it already holds changes nothing; a newer one applies.
  assert.equal(sync.apply(detail, 7, patches.bag([item(9, 1)])), detail);
  const moved = sync.apply(detail, 8, patches.bag([item(3, 3), item(1, 1), item(2, 2)]));
  assert.deepEqual(ids(moved), [3, 1, 2]);
  assert.equal(moved?.seq, 8);
});

test('a refetch (after a reconnect) shows events at once and still ends on the snapshot plus newer events', () => {
  const sync = new DetailSync();
  const shown = snapshot(20, [item(1, 1)]);
  sync.begin();
  // A restarted core numbers from scratch: seq 2 is below what we hold, yet shown while the snapshot comes.
  const meanwhile = sync.apply(shown, 2, patches.bag([item(4, 1)]));
  assert.deepEqual(ids(meanwhile), [4]);
  const settled = sync.settle(snapshot(1, [item(5, 1)]));
  assert.deepEqual(ids(settled), [4]);
  assert.equal(settled.seq, 2);
});

test('explainChanged opens and closes segments; the list stays in clock order', () => {
  let d = snapshot(0, [item(1, 1), item(3, 3)]);
  d = patches.explain(segment(1, 3, 0), null)(d);
  d = patches.explain(segment(2, 1, 5000), segment(1, 3, 0, 5000))(d);
  assert.equal(d.explaining?.id, 2);
  assert.deepEqual(
    d.segments.map((s) => [s.id, s.endClockMs]),
    [
      [1, 5000],
      [2, null],
    ],
  );
  // A late close of an older segment does not end the one open now.
  assert.equal(patches.explain(null, segment(1, 3, 0, 5000))(d).explaining?.id, 2);
  d = patches.explain(null, segment(2, 1, 5000, 9000))(d);
  assert.equal(d.explaining, null);
  assert.equal(d.segments[1]?.endClockMs, 9000);
});

test('products: newest version wins, in product events and in bags that raced them', () => {
  const newest = new NewestProducts();
  let d = snapshot(0, [item(1, 1)]);
  assert.equal(newest.remember(product(1, 3, 4)), true);
  d = withProduct(d, product(1, 3, 4));
  assert.equal(d.bag[0]?.product.stock, 4);
  assert.equal(newest.remember(product(1, 2, 9)), false);
  assert.equal(withProduct(d, product(1, 2, 9)), d);
  // A bag event carrying an older copy of the product keeps the newer one already seen.
  assert.equal(newest.freshen([item(1, 1, product(1, 2, 9))])[0]?.product.stock, 4);
  // A product not in the bag leaves the detail as it was.
  assert.equal(withProduct(d, product(7, 5)), d);
});

test('sessions: an older version never replaces a newer one; the list puts the live one first', () => {
  const d = snapshot(0, [], { session: session(1, 3, 'ended') });
  assert.equal(patches.session(session(1, 2, 'live'))(d).session.state, 'ended');
  const planned = (id: number, plannedAt: number | null): Session => ({ ...session(id, 1, 'planned'), plannedAt });
  const sorted = sortSessions([
    planned(1, 5000),
    session(2, 1, 'ended'),
    planned(3, null),
    planned(4, 1000),
    session(5),
  ]);
  assert.deepEqual(
    sorted.map((s) => s.id),
    [5, 4, 1, 3, 2],
  );
});
