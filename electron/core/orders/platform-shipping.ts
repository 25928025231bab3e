// Shipping an order placed on a platform means telling the platform: what the order log needs of whoever does
// that (the shop domain), and how a carrier a person or a file names is found in the platform's own list.
import type { Order } from '../protocol/order-schemas.ts';

export interface Carrier {
  /** The platform's code (微信小店 delivery_id: SF, ZTO…). */
  id: string;
  name: string;
}

export type ShipAnswer =
  { ok: true; already: boolean } | { ok: false; code: string; params: Record<string, string | number> };

export interface PlatformShipper {
  handles(order: Order): boolean;
  carriers(): Promise<Carrier[]>;
  /** Sends the shipment; `already` when the platform had this very shipment (nothing was sent twice). */
  send(order: Order, carrier: Carrier, trackingNo: string): Promise<ShipAnswer>;
}

// What people add to a carrier's name, or leave out of it: 顺丰 = 顺丰速运, 中通 = 中通快递.
const SUFFIX = /(股份有限公司|有限公司|快递|速运|速递|快运|物流|express)$/i;
const norm = (text: string) => text.toLowerCase().replace(/\s+/g, '').replace(SUFFIX, '');

/** The platform's carrier for what was written: its code, its name, or a name only one carrier's contains. */
export function matchCarrier(text: string, carriers: readonly Carrier[]): Carrier | null {
  const given = text.trim();
  if (!given) return null;
  const exact = carriers.find((c) => c.id.toLowerCase() === given.toLowerCase() || c.name === given);
  if (exact) return exact;
  const want = norm(given);
  if (want.length < 2) return null;
  const same = carriers.filter((c) => norm(c.name) === want);
  if (same.length === 1) return same[0]!;
  const near = carriers.filter((c) => norm(c.name).includes(want) || want.includes(norm(c.name)));
  return near.length === 1 ? near[0]! : null;
}
