// What a sync works with: the shop's client, the library and the order log through their narrow interfaces, the
// clock, and where to announce changes.
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { OrderLineProducts } from '../catalog/order-line-products.ts';
import type { ShopProducts } from '../catalog/shop-products.ts';
import type { ShopStore, SyncOutcome } from './shop-store.ts';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { PlatformOrders } from '../orders/platform-orders.ts';
import type { Publish } from '../publish.ts';
import type { WxShopClient } from './wxshop-client.ts';

export interface ShopSyncContext {
  client: WxShopClient;
  db: Db;
  writer: Writer;
  store: ShopStore;
  catalog: CatalogService;
  shopProducts: ShopProducts;
  /** Lines the shop's links cannot name, found or made by title and 规格. */
  lineProducts: OrderLineProducts;
  /** What a run could not take in, said in its outcome. */
  skipped: NonNullable<SyncOutcome['skipped']>;
  platformOrders: PlatformOrders;
  publish: Publish;
  /** Pictures are fetched with it (tests: the fake shop's). */
  fetch: typeof fetch;
  now: () => number;
  /** The shop's carriers (its id → the name it is picked by); read once per run of the studio. */
  carriers(): Promise<Array<{ id: string; name: string }>>;
}

/** A phase (a messages.ts code) and how far it is. */
export type SyncProgress = (phase: string, done: number, total: number) => void;
