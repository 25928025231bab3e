// The overlay (what viewers see over the picture): its settings, the scene drawn from the live show, and the
// outputs painting it for the running show's encoder. The scene is made again after every change to the live
// show, the library or the coupons (the studio hands every event to `observe`), and what changed reaches the
// encoder's picture and the OBS page at once: 'overlay.changed' goes to the host and to the page.
import crypto from 'node:crypto';
import type { Writer } from '../db/writer.ts';
import type { EventName } from '../protocol/contract.ts';
import type { Coupon } from '../protocol/coupon-schemas.ts';
import { StudioError } from '../protocol/errors.ts';
import type { OverlayScene, OverlaySettings, OverlayState } from '../protocol/overlay-schemas.ts';
import type { Publish } from '../publish.ts';
import type { Frame } from './shared/overlay-layout.ts';
import { couponTicks } from './shared/overlay-text.ts';
import { OverlayOutput, overlayDir } from './overlay-output.ts';
import { sceneOf, type OnAir } from './overlay-scene.ts';
import type { OverlayStore } from './overlay-store.ts';
import { sniffImage } from '../media/image-store.ts';

function sniffMime(bytes: Buffer): string {
  return sniffImage(bytes)?.mime ?? 'application/octet-stream';
}

/** What the overlay reads of the other domains. */
export interface OverlaySources {
  /** The live show's bag, explanation and running coupon pushes; null when no show is live. */
  onAir(): OnAir | null;
  coupon(id: number): Coupon | null;
  imageBytes(id: string): Buffer | null;
  imageExists(id: string): boolean;
}

/** Serves the OBS page on this machine (host/overlay-host.ts); the service starts it once a page token exists. */
export interface OverlayPageListener {
  start(): Promise<void>;
  /** The page's address with this token, or null while not listening. */
  url(token: string): string | null;
  /** Why it is not listening (a message code), or null. */
  problem(): string | null;
  /** Closes the pages open with the old token (it was replaced). */
  closePages(): void;
  stop(): Promise<void>;
}

/**
 * The events after which the scene may differ: it is made from the live show (its state, bag, explanation and
 * pushes), the bag's products and the pushed coupons. An order's own event is not one: the stock it took comes as
 * its product's change.
 */
export const SCENE_EVENTS = [
  'live.sessionChanged',
  'live.bagChanged',
  'live.explainChanged',
  'live.couponPushChanged',
  'catalog.productChanged',
  'catalog.bulkChanged',
  'coupons.changed',
] as const satisfies readonly EventName[];
const TICK_MS = 1_000;

export class OverlayService {
  private readonly store: OverlayStore;
  private readonly writer: Writer;
  private readonly publish: Publish;
  private readonly sources: OverlaySources;
  private readonly dir: string;
  private readonly now: () => number;
  private scene: OverlayScene;
  /** Read once, then kept: this service is their only writer, and the scene is remade on every order in a rush. */
  private settings: OverlaySettings;
  private sceneKey: string;
  private readonly outputs = new Set<OverlayOutput>();
  private refreshing = false;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private page: OverlayPageListener | null = null;

  constructor(
    store: OverlayStore,
    writer: Writer,
    publish: Publish,
    sources: OverlaySources,
    options: { dataDir: string; now?: () => number },
  ) {
    this.store = store;
    this.writer = writer;
    this.publish = publish;
    this.sources = sources;
    this.dir = overlayDir(options.dataDir);
    this.now = options.now ?? Date.now;
    this.settings = store.settings();
    this.scene = this.makeScene();
    this.sceneKey = JSON.stringify(this.scene);
  }

  state(): OverlayState {
    const output = [...this.outputs][0];
    const showLimits = output ? { orientation: output.orientation, ...output.limits } : null;
    return { settings: this.settings, scene: this.scene, serverTime: this.now(), showLimits };
  }

  async saveSettings(settings: OverlaySettings): Promise<OverlayState> {
    if (settings.logoImageId && !this.sources.imageExists(settings.logoImageId)) {
      throw new StudioError('invalid', 'the logo picture is not in the library', {
        issues: [{ path: 'settings.logoImageId', code: 'not_found' }],
      });
    }
    await this.writer.write(() => this.store.setSettings(settings));
    this.settings = settings;
    this.changed();
    return this.state();
  }

  /** After one of SCENE_EVENTS: the scene is made again, once for a burst of them (a group commit's events). */
  sceneMayHaveChanged(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    queueMicrotask(() => {
      this.refreshing = false;
      this.refresh();
    });
  }

  /** Makes the scene again; when it differs, the encoder's picture and the OBS page follow. */
  refresh(): void {
    const scene = this.makeScene();
    const key = JSON.stringify(scene);
    if (key === this.sceneKey) return;
    this.scene = scene;
    this.sceneKey = key;
    this.changed();
  }

  /** The files a show of this size composites (see OverlayOutput); closed with `close` when the show ends. */
  async open(frame: Frame, options: { drawtext: boolean }): Promise<OverlayOutput> {
    const output = await OverlayOutput.open(this.dir, frame, this.outputInput(), {
      drawtext: options.drawtext,
      images: this.sources.imageBytes,
    });
    this.outputs.add(output);
    this.tick();
    this.publish('overlay.changed', this.state()); // the settings screen says how large elements can grow now
    return output;
  }

  async close(output: OverlayOutput): Promise<void> {
    this.outputs.delete(output);
    this.tick();
    this.publish('overlay.changed', this.state());
    await output.close();
  }

  async dispose(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await this.page?.stop();
  }

  /** Hands the service its page listener; it listens at once when a page was set up before (OBS keeps the URL). */
  async usePageListener(listener: OverlayPageListener): Promise<void> {
    this.page = listener;
    if (this.store.pageToken()) await listener.start();
  }

  /** The OBS page's address: the token made on first use and kept (rotate makes a new one, the old pages close). */
  async pageLink(rotate: boolean): Promise<{ url: string | null; problem: string | null }> {
    let token = this.store.pageToken();
    if (!token || rotate) {
      token = crypto.randomBytes(24).toString('base64url');
      const fresh = token;
      await this.writer.write(() => this.store.setPageToken(fresh));
      if (rotate) this.page?.closePages();
    }
    if (!this.page) return { url: null, problem: 'overlay_page_unavailable' };
    await this.page.start();
    return { url: this.page.url(token), problem: this.page.problem() };
  }

  /** A picture the overlay draws now; any other picture of the library is not the page's to see. */
  image(imageId: string): { mime: string; dataBase64: string } {
    const drawn = imageId === this.scene.card?.imageId || imageId === this.settings.logoImageId;
    const bytes = drawn ? this.sources.imageBytes(imageId) : null;
    if (!bytes) throw new StudioError('not_found', 'that picture is not in the overlay');
    return { mime: sniffMime(bytes), dataBase64: bytes.toString('base64') };
  }

  /** Whether a token is the OBS page's (compared in constant time). */
  isPageToken(token: string): boolean {
    const current = this.store.pageToken();
    if (!current) return false;
    const a = Buffer.from(current);
    const b = Buffer.from(token);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  private makeScene(): OverlayScene {
    return sceneOf(this.sources.onAir(), (id) => this.sources.coupon(id));
  }

  private outputInput() {
    return { scene: this.scene, settings: this.settings, now: this.now() };
  }

  private changed(): void {
    const input = this.outputInput();
    for (const output of this.outputs) void output.update(input);
    this.tick();
    this.publish('overlay.changed', this.state());
  }

  /** A coupon counting down is painted again every second while a show composites it. */
  private tick(): void {
    const wanted = this.outputs.size > 0 && couponTicks(this.scene.coupon, this.now());
    if (wanted && !this.ticker) {
      this.ticker = setInterval(() => {
        const input = this.outputInput();
        for (const output of this.outputs) void output.update(input);
        if (!couponTicks(this.scene.coupon, this.now())) this.tick();
      }, TICK_MS);
    } else if (!wanted && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }
}
