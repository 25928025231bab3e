// The shopping bag's ordering rules, as pure functions over the bag in order. Every operation names its
// intent (add this product, move that one to index 3), so two assistants acting at the same moment are
// applied one after the other to whatever the bag is by then: nothing is lost, nothing duplicated.
//
// Link numbers (3号链接) are what viewers say. Before the show they simply follow the bag's order. Once the
// session is live they stay put when products move or leave, because viewers have already heard them; a new
// product gets a number never heard in this show, and only an explicit renumber closes the gaps.
//
// Runtime-neutral: the core decides with these, and a window moves a row at once with the same rule (so a
// second Alt+↑ pressed before the first comes back starts from where the row now is).
import { MAX_BAG_ITEMS } from './limits.ts';
import { refused } from './errors.ts';

export interface Slot {
  productId: number;
  linkNo: number;
}

export type Numbering = 'follow-order' | 'stable';

export function renumbered<T extends Slot>(bag: readonly T[]): T[] {
  return bag.map((slot, index) => (slot.linkNo === index + 1 ? slot : { ...slot, linkNo: index + 1 }));
}

function settle<T extends Slot>(bag: T[], numbering: Numbering): T[] {
  return numbering === 'follow-order' ? renumbered(bag) : bag;
}

export function highestLinkNo(bag: readonly Slot[], lastShown = 0): number {
  return bag.reduce((max, s) => Math.max(max, s.linkNo), lastShown);
}

export function indexOf(bag: readonly Slot[], productId: number): number {
  const index = bag.findIndex((slot) => slot.productId === productId);
  if (index < 0) throw refused('bag_item_missing', `product ${productId} is not in the bag`);
  return index;
}

/** `lastShown` is the highest number given out so far in the session, even to a product since removed. */
export function added<T extends Slot>(
  bag: readonly T[],
  slot: Omit<T, 'linkNo'>,
  numbering: Numbering,
  lastShown = 0,
): T[] {
  if (bag.some((s) => s.productId === slot.productId)) {
    throw refused('bag_item_present', `product ${slot.productId} is already in the bag`);
  }
  if (bag.length >= MAX_BAG_ITEMS) throw refused('bag_full', 'the bag is full', { max: MAX_BAG_ITEMS });
  const next = highestLinkNo(bag, lastShown) + 1;
  return settle([...bag, { ...slot, linkNo: next } as T], numbering);
}

export function removed<T extends Slot>(bag: readonly T[], productId: number, numbering: Numbering): T[] {
  const index = indexOf(bag, productId);
  return settle([...bag.slice(0, index), ...bag.slice(index + 1)], numbering);
}

/** `toIndex` is read against the bag as it is when the move lands, clamped to its ends. */
export function moved<T extends Slot>(
  bag: readonly T[],
  productId: number,
  toIndex: number,
  numbering: Numbering,
): T[] {
  const from = indexOf(bag, productId);
  const to = Math.max(0, Math.min(bag.length - 1, toIndex));
  if (from === to) return [...bag];
  const rest = [...bag.slice(0, from), ...bag.slice(from + 1)];
  rest.splice(to, 0, bag[from]!);
  return settle(rest, numbering);
}

/**
 * The product to explain after (or before) `currentProductId`, among those `eligible` (listed ones), in bag
 * order. With nothing explained, next starts from the top and previous from the bottom; at either end it stops.
 */
export function stepFrom<T extends Slot>(
  bag: readonly T[],
  currentProductId: number | null,
  direction: 'next' | 'previous',
  eligible: (slot: T) => boolean,
): T | null {
  const order = direction === 'next' ? bag : [...bag].reverse();
  const start = currentProductId === null ? -1 : order.findIndex((slot) => slot.productId === currentProductId);
  return order.slice(start + 1).find(eligible) ?? null;
}
