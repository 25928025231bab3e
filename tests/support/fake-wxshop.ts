// A 微信小店 (channels ec) on loopback for tests and benches: the documented endpoints the studio calls, with their
// documented rules — stable_token and its force-refresh limits, expiring tokens (42001), 7-day windows and
// next_key paging for orders, 30 per page for products, the IP whitelist (40164), rate limits (45011), and the
// shipping errors (101100, 109001, 606004, 606005, 606031). Sources: developers.weixin.qq.com pages
// api_getstableaccesstoken, api_getproductlist, api_getproduct, api_getorderlist, api_getorder,
// api_getdeliverycompanylistnew, api_senddelivery, commErrCode. Never the real host: it listens on 127.0.0.1 only.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSku {
  sku_id: string;
  out_sku_id?: string;
  thumb_img?: string;
  sale_price: number;
  stock_num: number;
  sku_code?: string;
  sku_attrs: Array<{ attr_key: string; attr_value: string }>;
  status: number;
}

export interface FakeProduct {
  product_id: string;
  title: string;
  head_imgs: string[];
  status: number;
  skus: FakeSku[];
  min_price?: number;
}

export interface FakeOrderLine {
  product_id: string;
  sku_id: string;
  sku_cnt: number;
  sale_price: number;
  title: string;
  sku_code?: string;
  sku_attrs: Array<{ attr_key: string; attr_value: string }>;
  real_price?: number;
  on_aftersale_sku_cnt: number;
  finish_aftersale_sku_cnt: number;
  thumb_img?: string;
}

export interface FakeOrder {
  order_id: string;
  status: number;
  create_time: number;
  update_time: number;
  openid: string;
  order_detail: {
    product_infos: FakeOrderLine[];
    price_info: {
      product_price: number;
      order_price: number;
      freight: number;
      discounted_price?: number;
      /** 商家改价: order_price = original − discounted_price − deduction_price − change_down_price. */
      change_down_price?: number;
    };
    pay_info?: { pay_time?: number; transaction_id?: string; payment_method?: number };
    delivery_info: {
      address_info: {
        user_name: string;
        tel_number: string;
        province_name: string;
        city_name: string;
        county_name: string;
        detail_info: string;
        house_number?: string;
      };
      delivery_product_info: Array<{
        waybill_id: string;
        delivery_id: string;
        delivery_time: number;
        deliver_type: number;
        product_infos: Array<{ product_id: string; sku_id: string; product_cnt: number }>;
      }>;
      deliver_method: number;
    };
    ext_info: {
      customer_notes: string;
      merchant_notes: string;
      live_id?: string;
      finder_id?: string;
      order_scene?: number;
    };
  };
  aftersale_detail: { on_aftersale_order_cnt: number; aftersale_order_list: unknown[] };
}

/** The shop's own list (api_getdeliverycompanylistnew, abridged). */
export const FAKE_DELIVERY_COMPANIES = [
  { delivery_id: 'SF', delivery_name: '顺丰速运' },
  { delivery_id: 'ZTO', delivery_name: '中通快递' },
  { delivery_id: 'YTO', delivery_name: '圆通速递' },
  { delivery_id: 'YUNDA', delivery_name: '韵达快递' },
  { delivery_id: 'STO', delivery_name: '申通快递' },
  { delivery_id: 'JTSD', delivery_name: '极兔速递' },
  { delivery_id: 'EMS', delivery_name: '中国邮政' },
  { delivery_id: 'JD', delivery_name: '京东快递' },
];

const DAY = 86_400;
const SEVEN_DAYS = 7 * DAY;

interface Token {
  value: string;
  expiresAt: number;
}

interface Reply {
  errcode: number;
  errmsg: string;
  [key: string]: unknown;
}

export interface FakeCall {
  path: string;
  errcode: number;
  body: Record<string, unknown>;
}

export interface FakeWxShopOptions {
  appId?: string;
  secret?: string;
  /** Seconds a token lives (7200 on the platform). */
  tokenTtl?: number;
  /** The shop's clock in seconds; tests move it to expire tokens. Defaults to the real one. */
  now?: () => number;
}

const rid = () =>
  `${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}`;
const fail = (errcode: number, errmsg: string): Reply => ({ errcode, errmsg: `${errmsg} rid: ${rid()}` });

export class FakeWxShop {
  readonly appId: string;
  readonly secret: string;
  readonly products = new Map<string, FakeProduct>();
  readonly orders = new Map<string, FakeOrder>();
  /** Every business and token call, in order, with its answer's errcode (the secret never recorded). */
  readonly calls: FakeCall[] = [];
  /** Time spent inside the handlers (ms): the bench's "the fake shop's own serving time". */
  servingMs = 0;
  /** When set, token calls from any address not listed are refused with 40164. */
  whitelist: string[] | null = null;
  /** Answers the next N business calls with this errcode instead (45011 rate limit, -1 busy…). */
  private injected: { count: number; errcode: number; errmsg: string; path?: string } | null = null;
  /** delivery/send refusals by order id: the shop's answer for that order. */
  readonly sendRefusals = new Map<string, { errcode: number; errmsg: string }>();
  /** Called when a business call arrives, before it is answered (a test can kill a client mid-sync). */
  onCall: ((path: string, body: Record<string, unknown>) => void) | null = null;
  private readonly tokens: Token[] = [];
  private readonly forced: number[] = [];
  private readonly tokenTtl: number;
  private readonly now: () => number;
  private readonly pictures = new Map<string, Buffer>();
  private server: http.Server | null = null;
  private base = '';

  constructor(options: FakeWxShopOptions = {}) {
    this.appId = options.appId ?? 'wx0123456789abcdef';
    this.secret = options.secret ?? 'fake-app-secret-0123456789abcdef';
    this.tokenTtl = options.tokenTtl ?? 7200;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** A picture the shop serves (its products' head_imgs point here). */
  picture(name: string, bytes: Buffer): string {
    this.pictures.set(name, bytes);
    return `${this.base}/pic/${name}`;
  }

  /** Every token handed out so far stops working (42001), as when they expire. */
  expireTokens(): void {
    for (const t of this.tokens) t.expiresAt = Math.min(t.expiresAt, this.now() - 1);
  }

  /** The next `count` business calls (of `path`, if given) are answered with `errcode`. */
  inject(count: number, errcode: number, errmsg: string, path?: string): void {
    this.injected = { count, errcode, errmsg, ...(path !== undefined && { path }) };
  }

  callsTo(path: string): FakeCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  addProduct(p: FakeProduct): void {
    this.products.set(p.product_id, { ...p, min_price: Math.min(...p.skus.map((s) => s.sale_price)) });
  }

  addOrder(o: FakeOrder): void {
    this.orders.set(o.order_id, o);
  }

  /** Changes an order the way the shop would, moving its update_time. */
  updateOrder(id: string, change: (o: FakeOrder) => void, at = this.now()): void {
    const o = this.orders.get(id)!;
    change(o);
    o.update_time = Math.max(at, o.update_time);
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    if (req.method === 'GET' && url.pathname.startsWith('/pic/')) {
      const bytes = this.pictures.get(url.pathname.slice(5));
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'image/png' }).end(bytes ?? '');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const started = performance.now();
    let body: Record<string, unknown> = {};
    let reply: Reply;
    if (req.method !== 'POST') reply = fail(43002, 'require POST method');
    else {
      try {
        body =
          chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        reply = this.answer(url, body, req.socket.remoteAddress ?? '');
      } catch {
        reply = fail(47001, 'data format error');
      }
    }
    const { secret: _secret, ...recorded } = body;
    this.calls.push({ path: url.pathname, errcode: reply.errcode, body: recorded });
    this.servingMs += performance.now() - started;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply));
  }

  private answer(url: URL, body: Record<string, unknown>, address: string): Reply {
    if (url.pathname === '/cgi-bin/stable_token') return this.stableToken(body, address);
    const token = url.searchParams.get('access_token');
    if (!token) return fail(41001, 'access_token missing');
    const known = this.tokens.find((t) => t.value === token);
    if (!known) return fail(40001, 'invalid credential, access_token is invalid or not latest');
    if (known.expiresAt <= this.now()) return fail(42001, 'access_token expired');
    this.onCall?.(url.pathname, body);
    const injected = this.injected;
    if (injected && injected.count > 0 && (injected.path === undefined || injected.path === url.pathname)) {
      injected.count--;
      return fail(injected.errcode, injected.errmsg);
    }
    switch (url.pathname) {
      case '/channels/ec/product/list/get':
        return this.productList(body);
      case '/channels/ec/product/get':
        return this.productGet(body);
      case '/channels/ec/order/list/get':
        return this.orderList(body);
      case '/channels/ec/order/get':
        return this.orderGet(body);
      case '/channels/ec/order/deliverycompanylist/new/get':
        if (typeof body.ewaybill_only !== 'boolean') return fail(47001, 'data format error, ewaybill_only');
        return { errcode: 0, errmsg: 'ok', company_list: FAKE_DELIVERY_COMPANIES };
      case '/channels/ec/order/delivery/send':
        return this.deliverySend(body);
      default:
        return fail(40066, 'invalid url');
    }
  }

  // api_getstableaccesstoken: normal mode returns the live token (a new one in its last 5 minutes); force_refresh
  // replaces it, at most 20 times a day and 30 s apart (the page names no errcode for that: 45011 here).
  private stableToken(body: Record<string, unknown>, address: string): Reply {
    if (body.grant_type !== 'client_credential') return fail(40002, 'invalid grant_type');
    if (typeof body.appid !== 'string' || body.appid === '') return fail(41002, 'appid missing');
    if (typeof body.secret !== 'string' || body.secret === '') return fail(41004, 'appsecret missing');
    if (body.appid !== this.appId) return fail(40013, 'invalid appid');
    const ip = address.replace(/^::ffff:/, '');
    if (this.whitelist && !this.whitelist.includes(ip)) {
      return fail(40164, `invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist`);
    }
    if (body.secret !== this.secret) return fail(40125, 'invalid appsecret');
    const now = this.now();
    const live = this.tokens.at(-1);
    if (body.force_refresh === true) {
      const today = this.forced.filter((t) => t > now - DAY);
      if (today.length >= 20) return fail(45009, 'reach max api daily quota limit');
      if (today.length > 0 && now - today.at(-1)! < 30) {
        return fail(45011, 'api minute-quota reach limit must slower retry next minute');
      }
      this.forced.push(now);
      for (const t of this.tokens) t.expiresAt = Math.min(t.expiresAt, now); // the old one stops working
    } else if (live && live.expiresAt - now > 300) {
      return { errcode: 0, errmsg: 'ok', access_token: live.value, expires_in: live.expiresAt - now };
    }
    const token = { value: crypto.randomBytes(48).toString('base64url'), expiresAt: now + this.tokenTtl };
    this.tokens.push(token);
    return { errcode: 0, errmsg: 'ok', access_token: token.value, expires_in: this.tokenTtl };
  }

  private productList(body: Record<string, unknown>): Reply {
    const size = body.page_size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 30) {
      return fail(10020051, 'invalid args, page_size');
    }
    const ids = [...this.products.values()].filter((p) => p.status !== 0 && p.status !== 6).map((p) => p.product_id);
    const offset = body.next_key ? Number(Buffer.from(String(body.next_key), 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) return fail(10020051, 'invalid args, next_key');
    const page = ids.slice(offset, offset + size);
    const next = Buffer.from(String(offset + page.length)).toString('base64url');
    return { errcode: 0, errmsg: 'ok', product_ids: page, next_key: next, total_num: ids.length };
  }

  private productGet(body: Record<string, unknown>): Reply {
    const p = this.products.get(String(body.product_id ?? ''));
    if (!p) return fail(10020052, 'product not exist');
    return { errcode: 0, errmsg: 'ok', product: structuredClone(p) };
  }

  // api_getorderlist: a time range (create or update), each at most 7 days wide; page_size ≤ 100; next_key only
  // with the same request as the page before (606006).
  private orderList(body: Record<string, unknown>): Reply {
    const range = (body.update_time_range ?? body.create_time_range) as { start_time?: unknown; end_time?: unknown };
    const field = body.update_time_range ? 'update_time' : 'create_time';
    if (!range) return fail(40097, 'invalid args, create_time_range or update_time_range required');
    const { start_time: start, end_time: end } = range;
    if (typeof start !== 'number' || typeof end !== 'number' || end < start) {
      return fail(40097, 'invalid args, time range');
    }
    if (end - start > SEVEN_DAYS) return fail(40097, `invalid args, ${field}_range: expecting at most 7 days`);
    const size = body.page_size ?? 10;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 100) {
      return fail(40097, 'invalid args, page_size');
    }
    const context = `${field}:${start}:${end}:${String(body.status ?? '')}`;
    let offset = 0;
    if (body.next_key) {
      const [keyContext, keyOffset] = Buffer.from(String(body.next_key), 'base64url').toString().split('|');
      if (keyContext !== context) return fail(606006, 'next_key参数不正确，本次请求参数与上一页不一致');
      offset = Number(keyOffset);
    }
    const matching = [...this.orders.values()]
      .filter((o) => o[field] >= start && o[field] <= end && (body.status === undefined || o.status === body.status))
      .sort((a, b) => a[field] - b[field] || a.order_id.localeCompare(b.order_id));
    const page = matching.slice(offset, offset + size);
    const nextKey = Buffer.from(`${context}|${offset + page.length}`).toString('base64url');
    return {
      errcode: 0,
      errmsg: 'ok',
      order_id_list: page.map((o) => o.order_id),
      next_key: nextKey,
      has_more: offset + page.length < matching.length,
    };
  }

  private orderGet(body: Record<string, unknown>): Reply {
    const o = this.orders.get(String(body.order_id ?? ''));
    if (!o) return fail(100002, '订单不存在');
    return { errcode: 0, errmsg: 'ok', order: structuredClone(o) };
  }

  // api_senddelivery: only an order waiting to ship (20, 21), a company from the shop's list, a plausible waybill,
  // and the order's own products.
  private deliverySend(body: Record<string, unknown>): Reply {
    const o = this.orders.get(String(body.order_id ?? ''));
    if (!o) return fail(100002, '订单不存在');
    const refusal = this.sendRefusals.get(o.order_id);
    if (refusal) return fail(refusal.errcode, refusal.errmsg);
    if (o.status === 30 || o.status === 100) return fail(109001, '当前订单已经发货完成，不能重复发货');
    if (o.status !== 20 && o.status !== 21) return fail(101100, '当前订单状态不允许发货，请检查订单状态');
    const list = body.delivery_list as Array<Record<string, unknown>> | undefined;
    if (!Array.isArray(list) || list.length === 0) return fail(40097, 'invalid args, delivery_list');
    const shipped: FakeOrder['order_detail']['delivery_info']['delivery_product_info'] = [];
    for (const d of list) {
      if (d.deliver_type !== 1) return fail(606008, 'deliver_type不符合要求');
      if (!FAKE_DELIVERY_COMPANIES.some((c) => c.delivery_id === d.delivery_id)) {
        return fail(606004, 'delivery_id不合法，请使用【获取物流公司列表】接口获取合法的delivery_id');
      }
      if (typeof d.waybill_id !== 'string' || !/^[A-Za-z0-9]{6,32}$/.test(d.waybill_id)) {
        return fail(606005, 'waybill_id不合法，请检查快递单号是否正确填写');
      }
      const infos = d.product_infos as Array<{ product_id: string; sku_id: string; product_cnt: number }>;
      if (!Array.isArray(infos) || infos.length === 0) return fail(109002, '当前发货请求里没有带上发货商品');
      for (const info of infos) {
        const line = o.order_detail.product_infos.find(
          (l) => l.product_id === String(info.product_id) && l.sku_id === String(info.sku_id),
        );
        if (!line || info.product_cnt < 1 || info.product_cnt > line.sku_cnt) {
          return fail(606031, '发货请求里product_id或sku_id填写不正确，请检查订单中是否包含该商品');
        }
      }
      shipped.push({
        waybill_id: d.waybill_id,
        delivery_id: String(d.delivery_id),
        delivery_time: this.now(),
        deliver_type: 1,
        product_infos: infos,
      });
    }
    this.updateOrder(o.order_id, (order) => {
      order.status = 30;
      order.order_detail.delivery_info.delivery_product_info.push(...shipped);
    });
    return { errcode: 0, errmsg: 'ok' };
  }
}

/** A paid order waiting to ship, for tests: one line per [product, sku, count]. */
export function fakeOrder(
  id: string,
  at: number,
  lines: Array<{ product: FakeProduct; sku: FakeSku; count: number }>,
  extra: { freight?: number; discount?: number; buyer?: string; status?: number } = {},
): FakeOrder {
  const productPrice = lines.reduce((sum, l) => sum + l.sku.sale_price * l.count, 0);
  const freight = extra.freight ?? 0;
  const discount = extra.discount ?? 0;
  return {
    order_id: id,
    status: extra.status ?? 20,
    create_time: at,
    update_time: at,
    openid: `o${id.slice(-8)}`,
    order_detail: {
      product_infos: lines.map((l) => ({
        product_id: l.product.product_id,
        sku_id: l.sku.sku_id,
        sku_cnt: l.count,
        sale_price: l.sku.sale_price,
        title: l.product.title,
        ...(l.sku.sku_code !== undefined && { sku_code: l.sku.sku_code }),
        sku_attrs: l.sku.sku_attrs,
        on_aftersale_sku_cnt: 0,
        finish_aftersale_sku_cnt: 0,
      })),
      price_info: {
        product_price: productPrice,
        order_price: productPrice - discount + freight,
        freight,
        ...(discount > 0 && { discounted_price: discount }),
      },
      pay_info: { pay_time: at, transaction_id: `42000${id.slice(-10)}`, payment_method: 1 },
      delivery_info: {
        address_info: {
          user_name: extra.buyer ?? '陈*',
          tel_number: '138****5941',
          province_name: '广东省',
          city_name: '广州市',
          county_name: '海珠区',
          detail_info: '新港中路**号',
        },
        delivery_product_info: [],
        deliver_method: 0,
      },
      ext_info: { customer_notes: '', merchant_notes: '' },
    },
    aftersale_detail: { on_aftersale_order_cnt: 0, aftersale_order_list: [] },
  };
}
