// Which product the entry would order: the link number typed, or (left empty) the product being explained now.
// Pure, from the console's own bag, so what the assistant sees named is exactly what gets ordered.
import type { BagItem, Segment } from '../../../../../electron/core/protocol/contract.ts';

export type EntryProduct =
  | { ok: true; item: BagItem; following: boolean }
  | { ok: false; reason: 'digits' | 'unknown_link' | 'nothing_explaining'; linkNo?: number };

export function entryProduct(linkText: string, bag: readonly BagItem[], explaining: Segment | null): EntryProduct {
  const typed = linkText.trim();
  if (typed === '') {
    const item = explaining ? bag.find((i) => i.productId === explaining.productId) : undefined;
    return item ? { ok: true, item, following: true } : { ok: false, reason: 'nothing_explaining' };
  }
  if (!/^\d{1,4}$/.test(typed)) return { ok: false, reason: 'digits' };
  const linkNo = Number(typed);
  const item = bag.find((i) => i.linkNo === linkNo);
  return item ? { ok: true, item, following: false } : { ok: false, reason: 'unknown_link', linkNo };
}

/** The quantity typed, or null when it is not a whole number in range. */
export function parseQuantity(text: string, max: number): number | null {
  const typed = text.trim();
  if (!/^\d{1,5}$/.test(typed)) return null;
  const n = Number(typed);
  return n >= 1 && n <= max ? n : null;
}
