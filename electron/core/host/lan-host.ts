// The LAN listener for assistant devices (助理访问): the same renderer and /ws as the host's listener, on the
// network instead of loopback, opened only by paired-device tokens. It runs only while access is on; the
// studio's AccessService starts and stops it.
import os from 'node:os';
import type { LanListener } from '../access/access-service.ts';
import { CLOSE_UNAUTHORIZED } from '../protocol/bridge.ts';
import type { Studio } from '../studio.ts';
import { AuthGate } from './auth-guard.ts';
import { listenerUrls, type NetworkInterfaces } from './lan-addresses.ts';
import { DEFAULT_RENDERER_DIR, listen, type Listener } from './studio-listener.ts';

export const DEFAULT_LAN_HOST = '0.0.0.0';
/** Fixed rather than random, so a QR code printed or saved on a phone keeps working across launches. */
export const DEFAULT_LAN_PORT = 17880;

export interface LanOptions {
  host?: string;
  port?: number;
  rendererDir?: string;
  /** os.networkInterfaces by default; tests pass their own. */
  interfaces?: () => NetworkInterfaces;
}

type LanStudio = Pick<Studio, 'server' | 'access'>;

export function lanListener(studio: LanStudio, options: LanOptions = {}): LanListener {
  const host = options.host ?? DEFAULT_LAN_HOST;
  const port = options.port ?? DEFAULT_LAN_PORT;
  const interfaces = options.interfaces ?? os.networkInterfaces;
  // Outlives restarts: switching access off and on again does not forgive a guesser.
  const gate = new AuthGate();
  let running: Listener | null = null;

  return {
    async start() {
      if (running) return;
      running = await listen(studio.server, {
        host,
        port,
        rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
        gate,
        resolvePrincipal: (given) => {
          const device = typeof given === 'string' && given !== '' ? studio.access.resolveToken(given) : null;
          return device === null ? null : { role: 'assistant', deviceId: device.id, capabilities: device.capabilities };
        },
        onConnect: ({ deviceId }, channel) => {
          if (deviceId === undefined) return;
          studio.access.deviceConnected(deviceId);
          channel.onClose(() => studio.access.deviceDisconnected(deviceId));
        },
      });
    },
    async stop() {
      const listener = running;
      running = null;
      await listener?.close();
    },
    urls() {
      return running ? listenerUrls(host, running.port, interfaces()) : [];
    },
    closeDevice(deviceId) {
      running?.closeWhere((principal) => principal.deviceId === deviceId, CLOSE_UNAUTHORIZED, 'revoked');
    },
  };
}

/** Hands the studio its LAN listener; it listens now if access was left on, and whenever it is switched on. */
export function attachLan(studio: LanStudio, options: LanOptions = {}): Promise<void> {
  return studio.access.useListener(lanListener(studio, options));
}
