// The bag's ordering rules: link numbers before and during the show, and two assistants' edits interleaved
// in every order never losing, duplicating or renumbering anything they did not ask to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  added,
  moved,
  removed,
  renumbered,
  stepFrom,
  type Numbering,
  type Slot,
} from '../../electron/core/protocol/bag-order.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import { MAX_BAG_ITEMS } from '../../electron/core/protocol/limits.ts';

const bagOf = (...ids: number[]): Slot[] => ids.map((productId, i) => ({ productId, linkNo: i + 1 }));
const ids = (bag: readonly Slot[]) => bag.map((s) => s.productId);
const links = (bag: readonly Slot[]) => bag.map((s) => s.linkNo);

function refusalCode(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof StudioError);
    assert.equal(error.code, 'refused');
    return error.issues![0]!.code;
  }
  assert.fail('expected a refusal');
}

test('before the show, numbers follow the order through add, move and remove', () => {
  let bag = bagOf(10, 20, 30);
  bag = moved(bag, 30, 0, 'follow-order');
  assert.deepEqual(ids(bag), [30, 10, 20]);
  assert.deepEqual(links(bag), [1, 2, 3]);
  bag = removed(bag, 10, 'follow-order');
  assert.deepEqual(ids(bag), [30, 20]);
  assert.deepEqual(links(bag), [1, 2]);
  bag = added(bag, { productId: 40 }, 'follow-order');
  assert.deepEqual(links(bag), [1, 2, 3]);
});

test('while live, numbers viewers have heard stay put; new products take the next free number', () => {
  let bag = bagOf(10, 20, 30, 40);
  bag = moved(bag, 40, 0, 'stable');
  assert.deepEqual(ids(bag), [40, 10, 20, 30]);
  assert.deepEqual(links(bag), [4, 1, 2, 3], '4号 is still 4号 at the top');
  bag = removed(bag, 20, 'stable');
  assert.deepEqual(links(bag), [4, 1, 3], 'a gap, not a silent shift of 3号 to 2号');
  bag = added(bag, { productId: 50 }, 'stable');
  assert.deepEqual(links(bag), [4, 1, 3, 5], 'the next number after the highest in the bag');
  bag = removed(bag, 50, 'stable');
  bag = added(bag, { productId: 60 }, 'stable', 5);
  assert.deepEqual(links(bag), [4, 1, 3, 6], '5号 was heard for another product: never reused before a renumber');
  bag = renumbered(bag);
  assert.deepEqual(links(bag), [1, 2, 3, 4], 'renumber on purpose closes the gaps in bag order');
  assert.deepEqual(ids(bag), [40, 10, 30, 60]);
});

test('a move index is read against the bag as it is when the move lands, clamped to its ends', () => {
  assert.deepEqual(ids(moved(bagOf(1, 2, 3), 1, 99, 'stable')), [2, 3, 1]);
  assert.deepEqual(ids(moved(bagOf(1, 2, 3), 3, 0, 'stable')), [3, 1, 2]);
  assert.deepEqual(ids(moved(bagOf(1, 2, 3), 2, 1, 'stable')), [1, 2, 3]);
  assert.deepEqual(ids(moved(bagOf(1, 2, 3), 1, 1, 'follow-order')), [2, 1, 3]);
});

test('refusals: a product twice, a missing product, a full bag', () => {
  assert.equal(
    refusalCode(() => added(bagOf(1), { productId: 1 }, 'stable')),
    'bag_item_present',
  );
  assert.equal(
    refusalCode(() => removed(bagOf(1), 2, 'stable')),
    'bag_item_missing',
  );
  assert.equal(
    refusalCode(() => moved(bagOf(1), 2, 0, 'stable')),
    'bag_item_missing',
  );
  const full = bagOf(...Array.from({ length: MAX_BAG_ITEMS }, (_, i) => i + 1));
  assert.equal(
    refusalCode(() => added(full, { productId: MAX_BAG_ITEMS + 1 }, 'stable')),
    'bag_full',
  );
});

test('next / previous walk listed products in bag order and stop at the ends', () => {
  const bag = [...bagOf(1, 2, 3, 4)];
  const listed = (s: Slot) => s.productId !== 3;
  assert.equal(stepFrom(bag, null, 'next', listed)?.productId, 1);
  assert.equal(stepFrom(bag, null, 'previous', listed)?.productId, 4);
  assert.equal(stepFrom(bag, 2, 'next', listed)?.productId, 4, 'skips the delisted 3');
  assert.equal(stepFrom(bag, 4, 'previous', listed)?.productId, 2);
  assert.equal(stepFrom(bag, 4, 'next', listed), null);
  assert.equal(stepFrom(bag, 1, 'previous', listed), null);
  assert.equal(stepFrom(bag, 99, 'next', listed)?.productId, 1, 'a product no longer in the bag restarts at the top');
});

// Two assistants each send a short script of intents; the core applies them one at a time in whatever
// interleaving the network produces. Every interleaving must leave a bag that is a permutation of what was
// added minus what was removed, with unique numbers, and (live) numbers that only the adder chose.
type Op =
  | { kind: 'add'; productId: number }
  | { kind: 'remove'; productId: number }
  | { kind: 'move'; productId: number; toIndex: number };

function apply(bag: Slot[], op: Op, numbering: Numbering): Slot[] {
  try {
    if (op.kind === 'add') return added(bag, { productId: op.productId }, numbering);
    if (op.kind === 'remove') return removed(bag, op.productId, numbering);
    return moved(bag, op.productId, op.toIndex, numbering);
  } catch (error) {
    // A move or remove of something the other assistant just removed is refused, and changes nothing.
    if (error instanceof StudioError && error.code === 'refused') return bag;
    throw error;
  }
}

function interleavings<T>(a: readonly T[], b: readonly T[]): T[][] {
  if (a.length === 0) return [[...b]];
  if (b.length === 0) return [[...a]];
  return [
    ...interleavings(a.slice(1), b).map((rest) => [a[0]!, ...rest]),
    ...interleavings(a, b.slice(1)).map((rest) => [b[0]!, ...rest]),
  ];
}

for (const numbering of ['follow-order', 'stable'] as const) {
  test(`concurrent edits by two assistants, every interleaving (${numbering})`, () => {
    const start = bagOf(1, 2, 3, 4, 5);
    const alice: Op[] = [
      { kind: 'move', productId: 5, toIndex: 0 },
      { kind: 'add', productId: 6 },
      { kind: 'remove', productId: 2 },
      { kind: 'move', productId: 3, toIndex: 4 },
    ];
    const bob: Op[] = [
      { kind: 'move', productId: 2, toIndex: 3 },
      { kind: 'remove', productId: 4 },
      { kind: 'add', productId: 7 },
      { kind: 'move', productId: 6, toIndex: 1 },
    ];
    const orders = interleavings(alice, bob);
    assert.equal(orders.length, 70);
    const finals = new Set<string>();
    for (const order of orders) {
      let bag = start;
      for (const op of order) {
        const before = bag;
        bag = apply(bag, op, numbering);
        const numbers = links(bag);
        assert.equal(new Set(numbers).size, numbers.length, 'link numbers stay unique');
        assert.ok(numbers.every((n) => Number.isInteger(n) && n >= 1));
        if (numbering === 'follow-order')
          assert.deepEqual(
            numbers,
            bag.map((_, i) => i + 1),
          );
        else {
          // While live, a product keeps the number it had: only its own addition gives it one.
          for (const slot of bag) {
            const earlier = before.find((s) => s.productId === slot.productId);
            if (earlier) assert.equal(slot.linkNo, earlier.linkNo);
          }
        }
      }
      assert.deepEqual(
        [...ids(bag)].sort((x, y) => x - y),
        [1, 3, 5, 6, 7],
        'everything added is there once, everything removed is gone',
      );
      finals.add(ids(bag).join(','));
    }
    assert.ok(finals.size > 1, 'the order really does depend on who was first (so the test exercises it)');
  });
}
