// Wires the shop's protocol methods (host only: `shop.` is refused to assistants).
import type { StudioServer } from '../rpc/server.ts';
import type { ShopService } from './shop-service.ts';

/** A local day (YYYY-MM-DD) as the shop's seconds at its start. */
export function localDaySeconds(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Math.floor(new Date(y, m - 1, d).getTime() / 1000);
}

export function registerShop(server: StudioServer, shop: ShopService): void {
  server.handle('shop.status', () => shop.status());
  server.handle('shop.connect', ({ appId, appSecret }) => shop.connect(appId, appSecret));
  server.handle('shop.disconnect', () => shop.disconnect());
  server.handle('shop.sync', ({ products, orders, since }) => {
    const both = !products && !orders;
    // Started, not awaited: the answer says it runs; `shop.changed` carries its progress and how it ended. A
    // shop that is not connected is refused here, before anything starts.
    if (products || both) void shop.sync('products').catch(() => undefined);
    if (orders || both) void shop.sync('orders', since ? { since: localDaySeconds(since) } : {}).catch(() => undefined);
    return shop.status();
  });
}
