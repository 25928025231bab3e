// Assistant access from the LAN (助理访问): off by default; each paired device has its own token.
import { z } from 'zod';
import { CAPABILITIES, type Capability } from './choices.ts';

/**
 * Who is on the other end of a connection. Assistants run the show but never see stream settings or keys; the
 * overlay page (an OBS browser source, with its own read-only token) sees the overlay and nothing else.
 */
export const ROLES = ['host', 'assistant', 'overlay'] as const;
export type Role = (typeof ROLES)[number];

/** Methods and events under these prefixes are the host's alone. */
export const HOST_ONLY_PREFIXES = ['access.', 'stream.', 'settings.', 'overlay.', 'shop.', 'clips.'] as const;

export function isHostOnly(name: string): boolean {
  return HOST_ONLY_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** All the overlay page's token may call or be shown. */
const OVERLAY_PAGE_NAMES: ReadonlySet<string> = new Set([
  'studio.hello',
  'overlay.state',
  'overlay.image',
  'overlay.changed',
]);

/** Whether a role may call a method or be shown an event of this name. */
export function permitted(role: Role, name: string): boolean {
  if (role === 'host') return true;
  if (role === 'overlay') return OVERLAY_PAGE_NAMES.has(name);
  return !isHostOnly(name);
}

/**
 * What the host lets one paired device do, beyond looking at the library, the bag and the shows:
 * - bag: run the bag and explain (and push coupons, fix a product or coupon on the fly);
 * - orders: take orders and see the order log (buyers by nickname);
 * - contacts: see buyers' phone numbers and addresses;
 * - files: export (products, orders) and import (products, batch shipping), and ship orders;
 * - show: start and end the show.
 */
export { CAPABILITIES, type Capability };
/** A newly paired device: the assistant's everyday work, nothing more. */
export const DEFAULT_CAPABILITIES: readonly Capability[] = ['bag', 'orders'];

const NEEDS: Record<string, readonly Capability[]> = {
  'catalog.create': ['bag'],
  'catalog.update': ['bag'],
  'catalog.archive': ['bag'],
  'catalog.restore': ['bag'],
  'catalog.uploadImage': ['bag'],
  'coupons.create': ['bag'],
  'coupons.update': ['bag'],
  'coupons.archive': ['bag'],
  'coupons.restore': ['bag'],
  'live.createSession': ['bag'],
  'live.updateSession': ['bag'],
  'live.bagAdd': ['bag'],
  'live.bagMove': ['bag'],
  'live.bagRemove': ['bag'],
  'live.bagRenumber': ['bag'],
  'live.bagSet': ['bag'],
  'live.explain': ['bag'],
  'live.explainStep': ['bag'],
  'live.stopExplaining': ['bag'],
  'live.pushCoupon': ['bag'],
  'live.stopCoupon': ['bag'],
  'orders.create': ['orders'],
  'orders.quote': ['orders'],
  'orders.list': ['orders'],
  'orders.get': ['orders'],
  'orders.report': ['orders'],
  'orders.setStatus': ['orders'],
  'catalog.exportFile': ['files'],
  'catalog.importFile': ['files'],
  // A file of the order log is the order log: taking it out or shipping from one needs both.
  'orders.exportFile': ['orders', 'files'],
  'orders.shipFile': ['orders', 'files'],
  'orders.importFile': ['orders', 'files'],
  'live.goLive': ['show'],
  'live.end': ['show'],
  'show.goLive': ['show'],
  'show.end': ['show'],
};

/**
 * The capabilities a call needs from an assistant device, all of them; none when any paired device may make it
 * (reading the library, the bag, the shows; its own jobs). Shipping an order needs what shipping from a
 * file needs, whatever method does it.
 */
export function capabilitiesFor(method: string, params: unknown): readonly Capability[] {
  // A file comes in only for what it is for: a CSV to import or ship from, a picture for a product.
  if (method === 'uploads.begin') return (params as { kind?: unknown } | null)?.kind === 'csv' ? ['files'] : ['bag'];
  if (method === 'orders.setStatus' && (params as { to?: unknown } | null)?.to === 'shipped') {
    return NEEDS['orders.shipFile']!;
  }
  return NEEDS[method] ?? [];
}

export const deviceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
  /** Open connections using this device's token now. */
  connected: z.number().int(),
  /** What the host lets it do (see CAPABILITIES). */
  capabilities: z.array(z.enum(CAPABILITIES)),
});
export type Device = z.infer<typeof deviceSchema>;

export const accessStateSchema = z.object({
  enabled: z.boolean(),
  /** Where assistants connect, one per LAN address of this machine (empty while off or not listening). */
  urls: z.array(z.string()),
  /** Why the LAN listener is not running although enabled (a busy port…), as a message code. */
  problem: z.string().nullable(),
  devices: z.array(deviceSchema),
});
export type AccessState = z.infer<typeof accessStateSchema>;

const deviceName = z.string().trim().min(1).max(40);

export const accessMethods = {
  'access.state': { params: z.strictObject({}), result: accessStateSchema },
  'access.setEnabled': { params: z.strictObject({ enabled: z.boolean() }), result: accessStateSchema },
  /** The token is returned once, here, inside `pairingUrls`; only its hash is kept. */
  'access.pairDevice': {
    params: z.strictObject({ name: deviceName }),
    result: z.object({ device: deviceSchema, pairingUrls: z.array(z.string()) }),
  },
  /** Refuses the token from now on and closes its open connections. */
  'access.revoke': { params: z.strictObject({ id: z.number().int().positive() }), result: accessStateSchema },
  /** What a paired device may do from now on; its open pages reconnect to pick it up. */
  'access.setCapabilities': {
    params: z.strictObject({
      id: z.number().int().positive(),
      capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length),
    }),
    result: accessStateSchema,
  },
} as const;

export interface AccessEvents {
  'access.changed': { state: AccessState };
}
