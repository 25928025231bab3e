// Assistant access (助理访问): the on/off switch, paired devices and their tokens, and the LAN listener's
// lifecycle. Every change — including a device connecting or leaving — is announced as 'access.changed'.
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { AccessState, Capability, Device } from '../protocol/access-schemas.ts';
import { StudioError } from '../protocol/errors.ts';
import type { StudioServer } from '../rpc/server.ts';
import type { Publish } from '../publish.ts';
import { AccessStore, parseCapabilities, type DeviceRow } from './access-store.ts';
import { hashToken, newPairingToken, pairingUrl } from './pairing-token.ts';

/** The LAN face of the web host (host/lan-host.ts), described here so the core does not depend on the host. */
export interface LanListener {
  /** Rejects with the listen error (`code: 'EADDRINUSE'`…) when it cannot listen. */
  start(): Promise<void>;
  /** Closes the listener and every connection on it. */
  stop(): Promise<void>;
  /** Where assistants reach it now (`http://192.168.1.5:17880/`), one per LAN address; empty when stopped. */
  urls(): string[];
  /** Closes a revoked device's sockets with the unauthorized code, so its page forgets the token. */
  closeDevice(deviceId: number): void;
}

type Problem = 'lan_port_busy' | 'lan_listen_failed' | 'lan_no_network';

export class AccessService {
  readonly store: AccessStore;
  private readonly writer: Writer;
  private readonly publish: Publish;
  private readonly server: Pick<StudioServer, 'closeDevice' | 'deviceConnections'>;
  private readonly now: () => number;
  private listener: LanListener | null = null;
  private listening = false;
  private failure: Problem | null = null;
  /** Listener starts and stops run one after another, so a quick off-on-off ends where the switch is. */
  private transition: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly rightsListeners: Array<(deviceId: number) => void> = [];

  constructor(
    db: Db,
    writer: Writer,
    publish: Publish,
    server: Pick<StudioServer, 'closeDevice' | 'deviceConnections'>,
    now: () => number = Date.now,
  ) {
    this.store = new AccessStore(db);
    this.writer = writer;
    this.publish = publish;
    this.server = server;
    this.now = now;
  }

  state(): AccessState {
    const enabled = this.store.enabled();
    const urls = enabled && this.listening ? this.listener!.urls() : [];
    let problem: Problem | null = enabled ? this.failure : null;
    if (enabled && this.listening && urls.length === 0) problem = 'lan_no_network';
    const counts = this.server.deviceConnections();
    return { enabled, urls, problem, devices: this.store.list().map((row) => toDevice(row, counts.get(row.id) ?? 0)) };
  }

  /** Gives the studio its LAN listener; it listens at once when access was left on. */
  async useListener(listener: LanListener): Promise<void> {
    this.listener = listener;
    await this.apply();
    this.changed();
  }

  async setEnabled(enabled: boolean): Promise<AccessState> {
    await this.writer.write(() => this.store.setEnabled(enabled));
    await this.apply();
    this.changed();
    return this.state();
  }

  /** A new device and its token; the token leaves here inside the links and is never readable again. */
  async pairDevice(name: string): Promise<{ device: Device; pairingUrls: string[] }> {
    const state = this.state();
    if (!state.enabled || state.urls.length === 0) {
      throw new StudioError('refused', 'assistant access is not reachable on the LAN', {
        issues: [{ path: '', code: state.problem ?? 'lan_access_off' }],
      });
    }
    const token = newPairingToken();
    const row = await this.writer.write(() => this.store.insert(name, hashToken(token), this.now()));
    this.changed();
    return { device: toDevice(row, 0), pairingUrls: state.urls.map((url) => pairingUrl(url, token)) };
  }

  async revoke(id: number): Promise<AccessState> {
    if (!this.store.get(id)) throw new StudioError('not_found', `device ${id} not found`);
    // The device's sockets close at the commit: nothing more it sent is read while the disk confirms the write.
    const revoked = await this.writer.write(
      () => this.store.revoke(id, this.now()),
      () => {
        // The listener's close carries the unauthorized code (the page forgets the token); it must come first,
        // since the server's own close would end the socket normally.
        this.listener?.closeDevice(id);
        this.server.closeDevice(id);
      },
    );
    this.rightsChanged(id);
    if (revoked) this.changed();
    return this.state();
  }

  /** The device a token opens and what it may do, or null (unknown, revoked, or access off). Counts as seen. */
  resolveToken(token: string): { id: number; capabilities: Capability[] } | null {
    if (this.closed || !this.store.enabled()) return null;
    const device = this.store.activeForHash(hashToken(token));
    if (!device) return null;
    this.touch(device.id);
    return device;
  }

  /**
   * What a paired device may do from now on. Its open pages are closed (normally, not as refused): they reconnect
   * at once and learn what they may do from the new hello.
   */
  async setCapabilities(id: number, capabilities: readonly Capability[]): Promise<AccessState> {
    if (!this.store.get(id)) throw new StudioError('not_found', `device ${id} not found`);
    // Its pages close at the commit, so nothing more is read under the old rights.
    await this.writer.write(
      () => this.store.setCapabilities(id, capabilities),
      () => this.server.closeDevice(id),
    );
    this.rightsChanged(id);
    this.changed();
    return this.state();
  }

  /**
   * Called when a device's rights change (new capabilities, or revoked), after its connections were closed: what
   * it holds under the old rights (job results) must go too.
   */
  onRightsChanged(listener: (deviceId: number) => void): void {
    this.rightsListeners.push(listener);
  }

  private rightsChanged(id: number): void {
    for (const listener of this.rightsListeners) listener(id);
  }

  deviceConnected(_id: number): void {
    this.changed();
  }

  deviceDisconnected(id: number): void {
    if (this.closed) return;
    this.touch(id);
    this.changed();
  }

  /** Stops the listener; called when the studio closes (the flag stays as the host left it). */
  async close(): Promise<void> {
    this.closed = true;
    await this.transition;
    if (this.listening) await this.listener?.stop();
    this.listening = false;
  }

  private apply(): Promise<void> {
    this.transition = this.transition.then(() => this.reconcile());
    return this.transition;
  }

  /** Makes the listener match the switch: start it, stop it, or leave it. */
  private async reconcile(): Promise<void> {
    try {
      if (this.closed || !this.listener) return;
      const wanted = this.store.enabled();
      if (wanted && !this.listening) {
        await this.listener.start();
        this.listening = true;
        this.failure = null;
      } else if (!wanted) {
        this.failure = null;
        if (this.listening) {
          this.listening = false;
          await this.listener.stop();
        }
      }
    } catch (error) {
      // A busy port or a missing address is shown to the host in the state, not thrown at the switch.
      this.failure = (error as { code?: unknown }).code === 'EADDRINUSE' ? 'lan_port_busy' : 'lan_listen_failed';
      console.error('[access] the LAN listener could not start:', (error as Error).message);
    }
  }

  private touch(id: number): void {
    // Last-seen is bookkeeping: behind a bulk import it lands when the import is done.
    void (async () => this.writer.write(() => this.store.touch(id, this.now())))().catch((error: unknown) =>
      console.error('[access] could not record a device as seen:', (error as Error).message),
    );
  }

  private changed(): void {
    if (!this.closed) this.publish('access.changed', { state: this.state() });
  }
}

function toDevice(row: DeviceRow, connected: number): Device {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    connected,
    capabilities: parseCapabilities(row.capabilities),
  };
}
