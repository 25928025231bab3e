// The 微信小店 connection: connect (checked with the shop before anything is kept), disconnect, syncs of products
// and orders (one of each at a time), and, while a show is live, the shop's new orders every few seconds so they
// reach the log, the console and the report during the show.
import type { CatalogService } from '../catalog/catalog-service.ts';
import { ShopProducts } from '../catalog/shop-products.ts';
import { OrderLineProducts } from '../catalog/order-line-products.ts';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { OrderStore } from '../orders/order-store.ts';
import { PlatformOrders } from '../orders/platform-orders.ts';
import { refused, StudioError } from '../protocol/errors.ts';
import type { ShopStatus } from '../protocol/shop-schemas.ts';
import type { Publish } from '../publish.ts';
import type { SecretBox } from '../system/secret-box.ts';
import { syncOrders, type OrderSyncOptions } from './order-sync.ts';
import { syncProducts } from './product-sync.ts';
import { ShopShipping } from './shop-shipping.ts';
import { ShopStore, type SyncKind, type SyncOutcome } from './shop-store.ts';
import type { ShopSyncContext, SyncProgress } from './sync-context.ts';
import { WxShopClient, wxshopBase } from './wxshop-client.ts';

export const DEFAULT_POLL_SECONDS = 5;

export interface ShopDeps {
  db: Db;
  writer: Writer;
  secrets: SecretBox;
  catalog: CatalogService;
  orders: OrderStore;
  publish: Publish;
  /** The shop's HTTP (tests: the global fetch, pointed at a fake shop by LIVECART_WXSHOP_API). */
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Waits between retries (tests record them instead). */
  sleep?: (ms: number) => Promise<void>;
}

/** The error a run ended with, as the status shows it: a messages.ts code and its parameters. */
function errorOf(error: unknown): NonNullable<SyncOutcome['error']> {
  if (error instanceof StudioError) {
    const issue = error.issues?.[0];
    if (error.code === 'refused' && issue) return { code: issue.code, ...(issue.params && { params: issue.params }) };
    return { code: error.code };
  }
  return { code: 'internal' };
}

export class ShopService {
  readonly store: ShopStore;
  readonly shopProducts: ShopProducts;
  readonly platformOrders: PlatformOrders;
  /** Ships the shop's orders in the shop (the order log calls it: OrderService.setPlatformShipper). */
  readonly shipping: ShopShipping;
  private readonly deps: ShopDeps;
  private readonly now: () => number;
  private readonly running = new Map<SyncKind, Promise<SyncOutcome>>();
  private progress: { phase: string; done: number; total: number } | null = null;
  private poller: NodeJS.Timeout | null = null;
  private isLive: (() => boolean) | null = null;
  private closing = false;
  readonly pollSeconds: number;

  constructor(deps: ShopDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.store = new ShopStore(deps.db, deps.secrets);
    this.shopProducts = new ShopProducts(deps.db, deps.catalog);
    this.platformOrders = new PlatformOrders(deps.db, deps.orders);
    this.shipping = new ShopShipping(
      deps.db,
      deps.writer,
      () => this.context().client,
      () => this.store.credentials() !== null,
      this.now,
    );
    const poll = Number(deps.env?.LIVECART_WXSHOP_POLL_SECONDS ?? process.env.LIVECART_WXSHOP_POLL_SECONDS);
    this.pollSeconds = Number.isInteger(poll) && poll >= 1 && poll <= 300 ? poll : DEFAULT_POLL_SECONDS;
  }

  status(): ShopStatus {
    const account = this.store.account();
    const state = (kind: SyncKind) => {
      const record = this.store.sync(kind, {});
      return {
        startedAt: record.startedAt,
        finishedAt: record.finishedAt,
        outcome: record.outcome,
        running:
          this.running.has(kind) ||
          (record.startedAt !== null && (record.finishedAt === null || record.finishedAt < record.startedAt)),
      };
    };
    return {
      connected: account !== null,
      appId: account?.appId ?? null,
      connectedAt: account?.connectedAt ?? null,
      secretUnavailable: account !== null && this.store.credentials() === null,
      api: this.base(),
      pollSeconds: this.pollSeconds,
      orders: state('orders'),
      products: state('products'),
    };
  }

  /** Keeps the AppID and AppSecret only once the shop has given a token for them. */
  async connect(appId: string, secret: string): Promise<ShopStatus> {
    await this.client({ appId, secret }).verify();
    await this.deps.writer.write(() => this.store.connect(appId, secret, this.now()));
    if (this.isLive) this.startPolling(this.isLive);
    return this.changed();
  }

  async disconnect(): Promise<ShopStatus> {
    this.stopPolling(); // connect starts it again
    await this.deps.writer.write(() => this.store.disconnect());
    return this.changed();
  }

  /**
   * Runs a sync of one kind, or joins the one already running. Resolves with how it ended (also kept in the
   * status); a failure is an outcome, not a rejection, unless the shop is not connected.
   */
  sync(kind: SyncKind, options: OrderSyncOptions = {}): Promise<SyncOutcome> {
    const current = this.running.get(kind);
    if (current) return current;
    const context = this.context(); // throws when not connected: nothing starts
    const run = this.run(kind, context, options).finally(() => {
      this.running.delete(kind);
      this.progress = null;
      this.changed();
    });
    this.running.set(kind, run);
    return run;
  }

  /**
   * While a show is live: the shop's orders every pollSeconds, each poll after the last one ended. Stopped by
   * disconnect (started again by connect) and by closing the studio.
   */
  startPolling(isLive: () => boolean): void {
    this.isLive = isLive;
    if (this.poller || this.closing) return;
    const tick = () => {
      if (this.closing || !this.isLive) return;
      this.poller = setTimeout(() => {
        if (this.closing) return;
        if (!this.isLive?.() || !this.store.account()) return tick();
        this.sync('orders', { client: 'wxshop' })
          .catch(() => undefined) // said in the status; the next poll tries again
          .finally(() => {
            if (this.poller) tick();
          });
      }, this.pollSeconds * 1000);
      this.poller.unref();
    };
    tick();
  }

  stopPolling(): void {
    if (this.poller) clearTimeout(this.poller);
    this.poller = null;
  }

  /** Waits for running syncs (closing the studio). */
  async settle(): Promise<void> {
    this.closing = true;
    this.stopPolling();
    await Promise.allSettled([...this.running.values()]);
  }

  private async run(kind: SyncKind, context: ShopSyncContext, options: OrderSyncOptions): Promise<SyncOutcome> {
    await context.writer.write(() => this.store.started(kind, this.now()));
    this.changed();
    let last = 0;
    const progress: SyncProgress = (phase, done, total) => {
      this.progress = { phase, done, total };
      const now = this.now();
      if (now - last < 250 && done < total) return; // a progress event four times a second is plenty
      last = now;
      this.changed();
    };
    let outcome: SyncOutcome;
    try {
      outcome =
        kind === 'orders' ? await syncOrders(context, options, progress) : await syncProducts(context, progress);
    } catch (error) {
      outcome = { ok: false, counts: {}, error: errorOf(error) };
    }
    await context.writer.write(() => this.store.finished(kind, this.now(), outcome));
    return outcome;
  }

  private changed(): ShopStatus {
    const status = this.status();
    this.deps.publish('shop.changed', { status, progress: this.progress });
    return status;
  }

  private base(): string {
    return wxshopBase(this.deps.env ?? process.env);
  }

  private client(credentials: { appId: string; secret: string }): WxShopClient {
    return new WxShopClient({
      ...credentials,
      base: this.base(),
      ...(this.deps.fetch && { fetch: this.deps.fetch }),
      ...(this.deps.sleep && { sleep: this.deps.sleep }),
    });
  }

  private context(): ShopSyncContext {
    const credentials = this.store.credentials();
    if (!credentials) {
      if (this.store.account()) throw refused('shop_secret_unavailable', 'the stored AppSecret cannot be opened');
      throw refused('shop_not_connected', 'no shop is connected');
    }
    return {
      client: this.cachedClient(credentials),
      db: this.deps.db,
      writer: this.deps.writer,
      store: this.store,
      catalog: this.deps.catalog,
      shopProducts: this.shopProducts,
      lineProducts: new OrderLineProducts(this.deps.db, this.deps.catalog),
      skipped: [],
      platformOrders: this.platformOrders,
      publish: this.deps.publish,
      fetch: this.deps.fetch ?? globalThis.fetch,
      now: this.now,
      carriers: () => this.shipping.carriers(),
    };
  }

  // One client per AppID, so its token lives from one poll to the next.
  private clientCache: { appId: string; secret: string; client: WxShopClient } | null = null;
  private cachedClient(credentials: { appId: string; secret: string }): WxShopClient {
    const cached = this.clientCache;
    if (cached && cached.appId === credentials.appId && cached.secret === credentials.secret) return cached.client;
    const client = this.client(credentials);
    this.clientCache = { ...credentials, client };
    return client;
  }
}
