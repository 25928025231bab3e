// Wires the stores to the window's one client; called once from main.tsx.
import type { StudioClient } from '../api/index.ts';
import { bindCatalog } from './catalog.ts';
import { bindConnection } from './connection.ts';
import { bindCoupons } from './coupons.ts';
import { bindJobs } from './jobs.ts';
import { bindLive } from './live.ts';
import { bindOrders } from './orders.ts';
import { bindOverlay } from './overlay.ts';
import { bindHotkeys } from './hotkeys.ts';
import { bindShop } from './shop.ts';
import { bindPreflight } from './preflight.ts';
import { bindStream } from './stream.ts';
import { bindThumbnails } from './thumbnails.ts';

export function bindStores(client: StudioClient): void {
  bindConnection(client);
  bindCatalog(client);
  bindJobs(client);
  bindLive(client);
  bindCoupons(client);
  bindThumbnails(client);
  bindStream(client);
  bindPreflight(client);
  bindHotkeys(client);
  bindShop(client);
  bindOrders(client);
  bindOverlay(client);
}
