// Orders in (api_getorderlist + api_getorder): by update time, in windows of at most 7 days ("距离end_time不可超过
// 7天"), 100 ids a page with next_key, each order read whole. Each page's orders and the position reached are
// written in one transaction, so a run killed anywhere resumes at the page it was on: an order already in is
// found by its shop id and changes nothing, none is lost. Afterwards the products those orders sold are read
// again, so the library's stock is the shop's.
import type { PlatformOrder, PlatformOrderLine } from '../orders/platform-orders.ts';
import { StudioError } from '../protocol/errors.ts';
import { pullProduct } from './product-sync.ts';
import { shopErrcode } from './wxshop-client.ts';
import type { SyncOutcome } from './shop-store.ts';
import type { ShopSyncContext, SyncProgress } from './sync-context.ts';
import { platformOrder, specOf, type WxOrder, type WxOrderLine } from './wxshop-mapping.ts';

const DAY_S = 86_400;
export const WINDOW_S = 7 * DAY_S;
const PAGE = 100; // "每页数量(不超过100)"
/** A first sync without --since reaches back this far. */
export const FIRST_SYNC_DAYS = 30;
/**
 * Each run starts this far before where the last one ended: an order the shop stamped a moment before our clock
 * said the window closed is read again rather than missed (reading it again changes nothing).
 */
const OVERLAP_S = 10;
const DETAIL_CONCURRENCY = 4;

export interface OrderCursor {
  /** Every order the shop updated before this (seconds) is in the log. */
  since: number | null;
  /** The window being read and the page reached in it (next_key), when a run stopped inside one. */
  window: { start: number; end: number; nextKey: string | null } | null;
}

export const EMPTY_ORDER_CURSOR: OrderCursor = { since: null, window: null };

interface ListReply {
  order_id_list?: Array<string | number>;
  next_key?: string;
  has_more?: boolean;
}

/** Runs `work` over `items`, at most `limit` at a time, results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The library's product and SKU for a shop order line: the linked one, reading the shop's product when it is not
 * linked yet; failing that (a SKU the shop has since deleted, a product it no longer has, one the library refuses),
 * found or made by title and 规格 as a file's line is, so the order always comes in and the sync never sticks on it.
 */
/**
 * A shipped order names its carrier by id: the shop's list names it as the seller picked it (顺丰速运, not SF). Asked
 * only when a page has a shipped order; a list that cannot be read leaves the id, and the next sync tries again.
 */
async function carrierNames(ctx: ShopSyncContext, orders: readonly WxOrder[]): Promise<(id: string) => string | null> {
  const shipped = orders.some((o) =>
    (o.order_detail?.delivery_info?.delivery_product_info ?? []).some((d) => d.delivery_id && !d.delivery_name),
  );
  if (!shipped) return () => null;
  const list = await ctx.carriers().catch(() => []);
  const names = new Map(list.map((c) => [c.id, c.name]));
  return (id) => names.get(id) ?? null;
}

async function resolveLine(ctx: ShopSyncContext, line: WxOrderLine, pulled: Set<string>): Promise<PlatformOrderLine> {
  const shopProductId = String(line.product_id);
  const shopSkuId = String(line.sku_id);
  let linked = ctx.shopProducts.linkedSku(shopSkuId);
  if (!linked && !pulled.has(shopProductId)) {
    pulled.add(shopProductId);
    try {
      const result = await pullProduct(ctx, shopProductId);
      if (result.outcome === 'refused')
        ctx.skipped.push({ id: shopProductId, code: result.issues[0]?.code ?? 'invalid' });
    } catch (error) {
      // Only "no such product" (10020052) is the product's own: anything else (the network, a quota) ends the run
      // before this page is written, to be read again.
      if (shopErrcode(error) !== 10020052) throw error;
    }
    linked = ctx.shopProducts.linkedSku(shopSkuId);
  }
  const spec = specOf(line.sku_attrs);
  const title = (line.title ?? '').trim() || shopProductId;
  const code = line.sku_code?.trim() || null;
  if (!linked) {
    const taken = code !== null && ctx.catalog.store.skus.withCode(code) !== undefined;
    const found = await ctx.writer.write(() =>
      ctx.lineProducts.resolve({ title, spec, code: taken ? null : code, priceFen: line.sale_price }, ctx.now()),
    );
    linked = { productId: found.productId, skuId: found.skuId };
  }
  return {
    platformProductId: shopProductId,
    platformSkuId: shopSkuId,
    productId: linked.productId,
    skuId: linked.skuId,
    title,
    spec,
    sku: code,
    unitPriceFen: line.sale_price,
    quantity: Math.max(1, line.sku_cnt),
  };
}

export interface OrderSyncOptions {
  /** Start from here (seconds) instead of where the last run ended (`livecart shop sync --since`). */
  since?: number;
  /** Polling during a show: the products sold are read again every time, for the bag's stock. */
  client?: string;
}

export async function syncOrders(
  ctx: ShopSyncContext,
  options: OrderSyncOptions,
  progress: SyncProgress,
): Promise<SyncOutcome> {
  // The shop's clock, not ours: a window ends where the shop's time is now. Orders updated after this run began
  // are the next run's.
  const until = await ctx.client.shopSeconds();
  const saved = ctx.store.sync<OrderCursor>('orders', EMPTY_ORDER_CURSOR).cursor;
  let cursor: OrderCursor =
    options.since !== undefined
      ? { since: options.since, window: null }
      : saved.window
        ? saved
        : { since: saved.since === null ? until - FIRST_SYNC_DAYS * DAY_S : saved.since - OVERLAP_S, window: null };
  const counts = { orders: 0, created: 0, updated: 0, unchanged: 0 };
  const soldProducts = new Set<string>();
  const pulled = new Set<string>();
  const started = cursor.window?.start ?? cursor.since!;
  for (let guard = 0; guard < 1_000_000; guard++) {
    if (!cursor.window) {
      const start = cursor.since!;
      const end = Math.min(start + WINDOW_S, until);
      if (end < start) break;
      cursor = { since: start, window: { start, end, nextKey: null } };
    }
    const window = cursor.window!;
    progress('shop_phase_orders', Math.max(0, window.start - started), Math.max(1, until - started));
    let reply: ListReply;
    try {
      reply = await ctx.client.call<ListReply>('/channels/ec/order/list/get', {
        update_time_range: { start_time: window.start, end_time: window.end },
        page_size: PAGE,
        ...(window.nextKey && { next_key: window.nextKey }),
      });
    } catch (error) {
      // 606006: the saved next_key no longer fits (a resumed run): read the window again from its first page.
      if (shopErrcode(error) === 606006 && window.nextKey) {
        cursor = { since: cursor.since, window: { ...window, nextKey: null } };
        continue;
      }
      throw error;
    }
    const ids = (reply.order_id_list ?? []).map(String);
    const orders = await mapLimited(ids, DETAIL_CONCURRENCY, async (id) => {
      const { order } = await ctx.client.call<{ order?: WxOrder }>('/channels/ec/order/get', { order_id: id });
      if (!order) throw new Error(`order ${id}: no order in the answer`);
      return order;
    });
    const mapped: PlatformOrder[] = [];
    const carrierName = await carrierNames(ctx, orders);
    for (const o of orders) {
      const lines = [];
      for (const line of o.order_detail?.product_infos ?? []) lines.push(await resolveLine(ctx, line, pulled));
      if (lines.length === 0) continue; // an order without goods (none expected) has nothing to log
      mapped.push(platformOrder(o, lines, carrierName));
      for (const line of o.order_detail?.product_infos ?? []) soldProducts.add(String(line.product_id));
    }
    const more = Boolean(reply.has_more) && ids.length > 0 && Boolean(reply.next_key);
    const next: OrderCursor = more
      ? { since: cursor.since, window: { ...window, nextKey: reply.next_key! } }
      : { since: window.end, window: null };
    await ctx.writer.write((emit) => {
      const now = ctx.now();
      const touched: number[] = [];
      for (const order of mapped) {
        const { outcome, id } = ctx.platformOrders.upsert(order, now, options.client ?? 'wxshop');
        counts[outcome]++;
        if (outcome !== 'unchanged') touched.push(id);
      }
      ctx.store.saveCursor('orders', next);
      // A few (a live poll): each order, so the log and the console patch their rows; many: lists refetch.
      if (touched.length > 20) emit('orders.bulkChanged', { count: touched.length });
      else for (const id of touched) emit('orders.changed', { order: ctx.platformOrders.get(id)! });
    });
    counts.orders += mapped.length;
    cursor = next;
    if (!more && window.end >= until) break;
  }
  // The shop took the stock: the library follows it for what these orders sold.
  for (const id of soldProducts) {
    if (pulled.has(id)) continue;
    try {
      await pullProduct(ctx, id);
    } catch (error) {
      // The orders are in; a product the shop no longer has keeps the stock it had here.
      const issue = error instanceof StudioError ? error.issues?.[0] : undefined;
      ctx.skipped.push({ id, code: issue?.code ?? 'internal', ...(issue?.params && { params: issue.params }) });
    }
  }
  progress('shop_phase_orders', 1, 1);
  const skipped = ctx.skipped.slice(0, 100);
  return { ok: true, counts: { ...counts, products: soldProducts.size }, ...(skipped.length > 0 && { skipped }) };
}
