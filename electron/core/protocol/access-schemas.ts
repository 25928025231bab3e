// Assistant access from the LAN (助理访问): off by default; each paired device has its own token.
import { z } from 'zod';

/** Who is on the other end of a connection. Assistants run the show but never see stream settings or keys. */
export const ROLES = ['host', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

/** Methods and events under these prefixes are the host's alone. */
export const HOST_ONLY_PREFIXES = ['access.', 'stream.', 'settings.'] as const;

export function isHostOnly(name: string): boolean {
  return HOST_ONLY_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export const deviceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
  /** Open connections using this device's token now. */
  connected: z.number().int(),
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
} as const;

export interface AccessEvents {
  'access.changed': { state: AccessState };
}
