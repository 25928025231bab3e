// Products in: every product the shop lists (api_getproductlist, 30 a page), each read whole (api_getproduct) and
// applied to the library (catalog/shop-products.ts). New ones come with their first picture. A product the
// library refuses is said by id and reason; the others still come in.
import type { ShopProductResult } from '../catalog/shop-products.ts';
import { MAX_IMAGE_BYTES } from '../protocol/limits.ts';
import type { SyncOutcome } from './shop-store.ts';
import type { ShopSyncContext, SyncProgress } from './sync-context.ts';
import { shopErrcode } from './wxshop-client.ts';
import { shopProduct, type WxProduct } from './wxshop-mapping.ts';

const PAGE = 30; // "每页数量（默认10，不超过30）"

interface ListReply {
  product_ids?: Array<string | number>;
  next_key?: string;
  total_num?: number;
}

async function listIds(ctx: ShopSyncContext, progress: SyncProgress): Promise<string[]> {
  const ids: string[] = [];
  let nextKey = '';
  // The list has no has_more: it ends with an empty page, or once total_num ids came (bounded either way).
  for (let page = 0; page < 100_000; page++) {
    const reply = await ctx.client.call<ListReply>('/channels/ec/product/list/get', {
      page_size: PAGE,
      ...(nextKey && { next_key: nextKey }),
    });
    const got = (reply.product_ids ?? []).map(String);
    ids.push(...got);
    progress('shop_phase_listing', ids.length, reply.total_num ?? ids.length);
    if (got.length === 0 || !reply.next_key || (reply.total_num !== undefined && ids.length >= reply.total_num)) break;
    nextKey = reply.next_key;
  }
  return [...new Set(ids)];
}

/** The shop's picture, into the library; null (and the product comes in without it) when it cannot be had. */
export async function downloadPicture(ctx: ShopSyncContext, url: string | undefined): Promise<string | null> {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  try {
    const response = await ctx.fetch(url, { signal: AbortSignal.timeout(20_000) });
    if (!response.ok) return null;
    const size = Number(response.headers.get('content-length') ?? 0);
    if (size > MAX_IMAGE_BYTES) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    return await ctx.catalog.images.save(bytes);
  } catch {
    return null; // a picture that will not come is no reason to leave the product out
  }
}

/** One shop product, read and applied; the picture only for a product that has none yet. */
export async function pullProduct(ctx: ShopSyncContext, shopProductId: string): Promise<ShopProductResult> {
  const { product } = await ctx.client.call<{ product?: WxProduct }>('/channels/ec/product/get', {
    product_id: shopProductId,
    data_type: 1,
  });
  if (!product) return { outcome: 'refused', issues: [{ path: 'product', code: 'shop_product_missing' }] };
  const linked = ctx.shopProducts.linked(shopProductId);
  const imageId = linked?.imageId ? null : await downloadPicture(ctx, product.head_imgs?.[0]);
  const result = await ctx.writer.write(() => ctx.shopProducts.apply(shopProduct(product, imageId), ctx.now()));
  if (result.outcome === 'created' || result.outcome === 'updated') {
    ctx.publish('catalog.productChanged', { product: result.product });
  }
  return result;
}

export async function syncProducts(ctx: ShopSyncContext, progress: SyncProgress): Promise<SyncOutcome> {
  const ids = await listIds(ctx, progress);
  const counts = { products: ids.length, created: 0, updated: 0, unchanged: 0, skipped: 0 };
  const skipped: NonNullable<SyncOutcome['skipped']> = [];
  for (const [i, id] of ids.entries()) {
    progress('shop_phase_products', i, ids.length);
    let result: ShopProductResult;
    try {
      result = await pullProduct(ctx, id);
    } catch (error) {
      // A product deleted since the list was read is no reason to leave the others out; anything else is.
      if (shopErrcode(error) !== 10020052) throw error;
      result = { outcome: 'refused', issues: [{ path: 'product', code: 'shop_product_missing' }] };
    }
    if (result.outcome === 'refused') {
      counts.skipped++;
      const issue = result.issues[0];
      skipped.push({ id, code: issue?.code ?? 'invalid', ...(issue?.params && { params: issue.params }) });
    } else counts[result.outcome]++;
  }
  progress('shop_phase_products', ids.length, ids.length);
  return { ok: true, counts, ...(skipped.length > 0 && { skipped: skipped.slice(0, 100) }) };
}
