// The order exports of 微信小店 (one row per product line) and 抖店 (one row per 子订单), read as the platforms write
// them: which columns mean what under the names each uses, and what a cell says once the spreadsheet's habits are
// undone (`-` for empty, ids guarded with a tab or a leading `'`). Pure: cells in, rows of meaning out.
import type { Issue } from '../protocol/errors.ts';
import { parseYuanToFen } from '../protocol/money.ts';
import type { OrderStatus } from '../protocol/order-schemas.ts';
import { EXCEL_SCIENTIFIC } from './order-shipping.ts';
import type { Platform } from './platform-orders.ts';

export type OrderFileField =
  | 'orderId'
  | 'subOrderId'
  | 'createdAt'
  | 'paidAt'
  | 'status'
  | 'title'
  | 'spec'
  | 'code'
  | 'quantity'
  | 'unitPrice'
  | 'paid'
  | 'freight'
  | 'buyer'
  | 'phone'
  | 'address'
  | 'note'
  | 'aftersale'
  | 'carrier'
  | 'trackingNo';

// The names each platform's export uses (and the variants its settings or versions give), most common first.
const COLUMNS: Record<Platform, Partial<Record<OrderFileField, readonly string[]>>> = {
  wxshop: {
    orderId: ['订单号', '订单编号', '订单ID'],
    createdAt: ['订单下单时间', '下单时间', '订单创建时间', '创建时间'],
    paidAt: ['支付时间', '付款时间', '订单支付时间'],
    status: ['订单状态'],
    title: ['商品名称', '商品标题'],
    spec: ['商品规格', '规格', 'SKU属性', '商品属性'],
    code: ['商品编码', 'SKU编码', 'sku编码', '商家编码', 'SKU'],
    quantity: ['商品数量', '购买数量', '数量'],
    unitPrice: ['商品单价', '商品价格', '单价', '售卖价'],
    paid: ['订单实际收款金额', '订单实付金额', '实付金额', '实收金额'],
    freight: ['运费'],
    buyer: ['收件人', '收货人', '收件人姓名', '收货人姓名'],
    phone: ['收件人手机', '收件人电话', '收货人手机号', '收件人手机号', '联系电话'],
    address: ['收件人地址', '收货地址', '详细地址', '收件地址'],
    note: ['买家备注', '用户备注', '订单备注', '买家留言'],
    aftersale: ['售后状态'],
    carrier: ['快递公司', '物流公司'],
    trackingNo: ['快递单号', '物流单号', '运单号'],
  },
  douyin: {
    orderId: ['主订单编号'],
    subOrderId: ['子订单编号'],
    createdAt: ['订单提交时间', '下单时间'],
    paidAt: ['支付完成时间', '支付时间'],
    status: ['订单状态'],
    title: ['选购商品', '商品名称'],
    spec: ['商品规格'],
    code: ['商家编码', '商品编码'],
    quantity: ['商品数量'],
    unitPrice: ['商品单价', '商品金额'],
    paid: ['订单应付金额', '应付金额'],
    freight: ['运费'],
    buyer: ['收件人'],
    phone: ['收件人手机号', '收件人电话'],
    address: ['详细地址', '收件地址'],
    note: ['买家留言', '商家备注'],
    aftersale: ['售后状态'],
    carrier: ['快递公司', '物流公司'],
    trackingNo: ['快递单号', '快递信息'],
  },
};

const REQUIRED: readonly OrderFileField[] = ['orderId', 'title', 'quantity', 'paid'];

/** Which platform wrote a header row (by the columns only one of them uses), or null when neither did. */
export function platformOfHeader(cells: readonly string[]): Platform | null {
  const names = new Set(cells.map((c) => c.trim()));
  if (names.has('主订单编号')) return 'douyin';
  const wx = COLUMNS.wxshop;
  const hits = (['orderId', 'title', 'quantity', 'paid'] as const).filter((f) => wx[f]!.some((n) => names.has(n)));
  return hits.length >= 3 ? 'wxshop' : null;
}

export interface OrderFileColumns {
  platform: Platform;
  /** Field → its column index and the header as written. */
  at: Map<OrderFileField, { index: number; name: string }>;
  issues: Issue[];
}

/** The header's columns; a required one missing is an issue naming it as the platform names it. */
export function readOrderHeader(platform: Platform, cells: readonly string[], row: number): OrderFileColumns {
  const at = new Map<OrderFileField, { index: number; name: string }>();
  const names = COLUMNS[platform];
  cells.forEach((raw, index) => {
    const name = raw.trim();
    for (const [field, aliases] of Object.entries(names) as Array<[OrderFileField, readonly string[]]>) {
      if (!at.has(field) && aliases.includes(name)) at.set(field, { index, name: raw });
    }
  });
  const issues: Issue[] = [];
  for (const field of REQUIRED) {
    if (at.has(field)) continue;
    const column = names[field]![0]!;
    issues.push({ path: column, code: 'csv_missing_column', line: row, params: { column } });
  }
  return { platform, at, issues };
}

/** `-`, `--` and `—` are how exports write "nothing here". */
const EMPTY = /^(?:-{1,2}|—|\/)$/;

/** A cell as its author meant it: trimmed, the export's guards against Excel undone, the empty markers empty. */
export function cellText(raw: string | undefined): string {
  let text = (raw ?? '').replace(/^[\t\s]+|[\t\s]+$/g, '');
  if (text.startsWith("'")) text = text.slice(1).trim();
  if (text.startsWith('="') && text.endsWith('"')) text = text.slice(2, -1); // ="123…": another Excel text guard
  return EMPTY.test(text) ? '' : text;
}

// Platform status texts (the exports write words, not codes) onto ours.
const STATUS_WORDS: ReadonlyArray<[RegExp, OrderStatus]> = [
  [/退款成功|已退款|全额退款/, 'refunded'],
  [/已取消|已关闭|交易关闭|订单取消|取消/, 'cancelled'],
  [/待付款|待支付|未付款|待成团|礼物待收下/, 'pending'],
  [/已完成|交易成功|已收货|完成/, 'completed'],
  [/已发货|待收货|部分发货|运输中|已签收/, 'shipped'],
  [/待发货|已付款|备货中|已支付|待出库/, 'paid'],
];

export function statusOfText(text: string): OrderStatus | null {
  return STATUS_WORDS.find(([re]) => re.test(text))?.[1] ?? null;
}

/** `2026-09-22 00:54:10`, `2026/9/22 0:54` as local time (what the platform's backend showed the seller). */
export function parseLocalTime(text: string): number | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const date = new Date(y!, mo! - 1, d!, h, mi, s);
  return date.getMonth() === mo! - 1 && date.getDate() === d ? date.getTime() : null;
}

export interface OrderFileRow {
  row: number;
  platform: Platform;
  orderId: string;
  subOrderId: string | null;
  createdAt: number | null;
  paidAt: number | null;
  statusText: string;
  status: OrderStatus;
  title: string;
  spec: string;
  code: string | null;
  quantity: number;
  unitPriceFen: number | null;
  paidFen: number;
  freightFen: number;
  buyer: string;
  phone: string;
  address: string;
  note: string;
  aftersale: string;
  carrier: string | null;
  trackingNo: string | null;
}

/** One data row read against its header; every bad cell is an issue with its row and column. */
export function readOrderRow(
  columns: OrderFileColumns,
  cells: readonly string[],
  row: number,
  issues: Issue[],
): OrderFileRow | null {
  const before = issues.length;
  const get = (field: OrderFileField) => {
    const col = columns.at.get(field);
    return col ? cellText(cells[col.index]) : '';
  };
  const bad = (field: OrderFileField, code: string, params?: Record<string, string | number>) =>
    issues.push({ path: columns.at.get(field)?.name ?? field, code, line: row, ...(params && { params }) });
  const id = (field: 'orderId' | 'subOrderId') => {
    const text = get(field);
    if (EXCEL_SCIENTIFIC.test(text)) bad(field, 'order_file_id_mangled', { value: text });
    else if (text && !/^[0-9A-Za-z_-]{1,64}$/.test(text)) bad(field, 'order_file_id_invalid', { value: text });
    return text;
  };
  const money = (field: OrderFileField, required: boolean): number | null => {
    const text = get(field);
    if (!text) {
      if (required) bad(field, 'required');
      return null;
    }
    const fen = parseYuanToFen(text);
    if (fen === null) bad(field, 'price_invalid', { value: text });
    return fen;
  };
  const time = (field: 'createdAt' | 'paidAt') => {
    const text = get(field);
    if (!text) return null;
    const ms = parseLocalTime(text);
    if (ms === null) bad(field, 'order_file_time_invalid', { value: text });
    return ms;
  };

  const orderId = id('orderId');
  if (!orderId && !EXCEL_SCIENTIFIC.test(get('orderId'))) bad('orderId', 'required');
  const subOrderId = columns.at.has('subOrderId') ? id('subOrderId') || null : null;
  const title = get('title');
  if (!title) bad('title', 'required');
  const quantityText = get('quantity');
  const quantity = /^\d{1,6}$/.test(quantityText) ? Number(quantityText) : 0;
  if (quantity < 1) bad('quantity', quantityText ? 'order_file_quantity_invalid' : 'required', { value: quantityText });
  const paidFen = money('paid', true);
  const unitPriceFen = money('unitPrice', false);
  const freightFen = money('freight', false) ?? 0;
  const statusText = get('status');
  const status = statusText ? statusOfText(statusText) : 'paid';
  if (status === null) bad('status', 'order_file_status_unknown', { value: statusText });
  const createdAt = time('createdAt');
  const paidAt = time('paidAt');
  if (issues.length > before || paidFen === null || status === null) return null;
  return {
    row,
    platform: columns.platform,
    orderId,
    subOrderId,
    createdAt,
    paidAt,
    statusText,
    status,
    title: title.slice(0, 200),
    spec: get('spec').slice(0, 100),
    code: get('code') || null,
    quantity,
    unitPriceFen,
    paidFen,
    freightFen,
    buyer: get('buyer').slice(0, 40),
    phone: get('phone').slice(0, 40),
    address: get('address').slice(0, 500),
    note: get('note').slice(0, 500),
    aftersale: get('aftersale'),
    carrier: get('carrier') || null,
    trackingNo: get('trackingNo') || null,
  };
}
