// A 微信小店 orders sync of N orders, from a fake shop in another process on loopback: the studio's sync (windows,
// pages, every order read whole, written with its lines and history, the products' stock read again) beside the
// floor — the same HTTP calls made by a bare loop that keeps nothing — and the fake shop's own serving time.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { openStudio } from '../../electron/core/studio.ts';
import { now } from './measure.ts';
import type { Row } from './report.ts';

export interface ShopSyncResult {
  orders: number;
  studio: { seconds: number; created: number; servingMs: number; calls: number };
  baseline: { seconds: number; orders: number; servingMs: number; calls: number };
}

const CHILD = new URL('./fake-shop-child.ts', import.meta.url);
const WINDOW = 7 * 86_400;

/** The floor: the studio's calls (token, 7-day windows of 100-id pages, 4 order reads at a time), nothing kept. */
async function bareSync(base: string, appId: string, secret: string, since: number): Promise<number> {
  const post = async (path: string, body: unknown) =>
    (await (await fetch(base + path, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<
      string,
      unknown
    >;
  const token = (await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret }))
    .access_token;
  const q = `?access_token=${String(token)}`;
  const until = Math.floor(Date.now() / 1000) + 1;
  let read = 0;
  for (let start = since; start < until; start += WINDOW) {
    const range = { start_time: start, end_time: Math.min(start + WINDOW, until) };
    let nextKey: string | undefined;
    for (;;) {
      const page = await post(`/channels/ec/order/list/get${q}`, {
        update_time_range: range,
        page_size: 100,
        ...(nextKey && { next_key: nextKey }),
      });
      const ids = (page.order_id_list as string[]) ?? [];
      for (let i = 0; i < ids.length; i += 4) {
        await Promise.all(ids.slice(i, i + 4).map((id) => post(`/channels/ec/order/get${q}`, { order_id: id })));
      }
      read += ids.length;
      if (!page.has_more || ids.length === 0) break;
      nextKey = page.next_key as string;
    }
  }
  return read;
}

export async function benchShopSync(options: { dataDir: string; orders: number }): Promise<ShopSyncResult> {
  const child = spawn(process.execPath, [CHILD.pathname, '--orders', String(options.orders)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
  const stats = async (reset = false) => {
    child.stdin.write(reset ? 'reset\n' : 'stats\n');
    return (await next()) as { servingMs: number; calls: number };
  };
  try {
    const shop = (await next()) as { base: string; appId: string; secret: string; since: number };
    process.env.LIVECART_WXSHOP_API = shop.base;
    const studio = await openStudio({ dataDir: options.dataDir });
    let studioSide: ShopSyncResult['studio'];
    try {
      await studio.shop.connect(shop.appId, shop.secret);
      await studio.shop.sync('products');
      await stats(true);
      const t0 = now();
      const outcome = await studio.shop.sync('orders', { since: shop.since });
      const seconds = (now() - t0) / 1000;
      if (!outcome.ok) throw new Error(`the sync failed: ${JSON.stringify(outcome.error)}`);
      const served = await stats();
      studioSide = { seconds, created: outcome.counts.created ?? 0, ...served };
    } finally {
      await studio.close();
    }
    await stats(true);
    const t1 = now();
    const read = await bareSync(shop.base, shop.appId, shop.secret, shop.since);
    const seconds = (now() - t1) / 1000;
    const served = await stats();
    return { orders: options.orders, studio: studioSide, baseline: { seconds, orders: read, ...served } };
  } finally {
    child.stdin.end();
    child.kill();
    delete process.env.LIVECART_WXSHOP_API;
  }
}

export function shopSyncRows(r: ShopSyncResult): Row[] {
  const n = r.orders.toLocaleString('en-US');
  return [
    {
      name: `shop orders sync, ${n} orders: time`,
      unit: 's',
      studio: r.studio.seconds,
      baseline: r.baseline.seconds,
      note: `studio = ShopService.sync('orders') from a fake 微信小店 in another process (7-day windows, 100-id pages, each order read whole, 4 at a time; written with lines and history; then each sold product read again for its stock): ${r.studio.created} orders created; baseline = the same list and order calls from a bare fetch loop that keeps nothing (${r.baseline.orders} orders read)`,
    },
    {
      name: 'shop orders sync: the fake shop’s serving time',
      unit: 's',
      studio: r.studio.servingMs / 1000,
      baseline: r.baseline.servingMs / 1000,
      note: `time inside the fake shop's handlers while each side ran (${r.studio.calls} and ${r.baseline.calls} calls): what the shop itself cost`,
    },
  ];
}
