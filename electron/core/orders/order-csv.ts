// The order export's format: its columns (zh / en headers, the kind of value each holds), one row per order line.
// Pure: no DB, no files. The same row is written as CSV or as .xlsx (csv/table.ts); the shipping import reads the
// same header names back (order-ship-import.ts).
import { tableCsvRow, type CellKind, type CellValue, type TableColumn } from '../csv/table.ts';
import type { Locale } from '../protocol/messages.ts';
import { ORDER_STATUS_NAMES } from '../protocol/order-messages.ts';
import type { OrderStatus } from '../protocol/order-status.ts';

// `own`: what we write ourselves (our order numbers, status names), as it is. `text`: from a user or a product
// title, defused against formulas in CSV. Order numbers, codes, phones and tracking numbers are text in .xlsx.
const COLUMNS = [
  { key: 'orderNo', zh: '订单号', en: 'order_no', kind: 'own', width: 14 },
  { key: 'createdAt', zh: '下单时间', en: 'created_at', kind: 'time', width: 20 },
  { key: 'session', zh: '场次', en: 'session', kind: 'text', width: 16 },
  { key: 'linkNo', zh: '链接号', en: 'link_no', kind: 'count', width: 8 },
  { key: 'product', zh: '商品', en: 'product', kind: 'text', width: 28 },
  { key: 'spec', zh: '规格', en: 'spec', kind: 'text', width: 12 },
  { key: 'sku', zh: '商品编码', en: 'sku', kind: 'text', width: 14 },
  { key: 'unitPrice', zh: '单价', en: 'unit_price', kind: 'fen', width: 10 },
  { key: 'quantity', zh: '数量', en: 'quantity', kind: 'count', width: 8 },
  { key: 'coupon', zh: '优惠券', en: 'coupon', kind: 'text', width: 14 },
  { key: 'discount', zh: '优惠金额', en: 'discount', kind: 'fen', width: 10 },
  { key: 'paid', zh: '实付', en: 'paid', kind: 'fen', width: 10 },
  { key: 'buyer', zh: '买家', en: 'buyer', kind: 'text', width: 12 },
  { key: 'phone', zh: '手机', en: 'phone', kind: 'text', width: 14 },
  { key: 'address', zh: '收货地址', en: 'address', kind: 'text', width: 36 },
  { key: 'note', zh: '备注', en: 'note', kind: 'text', width: 16 },
  { key: 'status', zh: '状态', en: 'status', kind: 'own', width: 10 },
  // Filled in for 批量发货 (the export round-trips through it).
  { key: 'carrier', zh: '快递公司', en: 'carrier', kind: 'text', width: 12, fillIn: true },
  { key: 'trackingNo', zh: '快递单号', en: 'tracking_no', kind: 'text', width: 20, fillIn: true },
] as const satisfies ReadonlyArray<{
  key: string;
  zh: string;
  en: string;
  kind: CellKind;
  width: number;
  fillIn?: true;
}>;

export type OrderCsvColumn = (typeof COLUMNS)[number]['key'];

const KINDS: readonly CellKind[] = COLUMNS.map((c) => c.kind);

/** One order line joined with its order and session, as the export query selects it (SQL column names). */
export interface OrderCsvSource {
  order_no: string;
  created_at: number;
  session_title: string | null;
  link_no: number | null;
  title: string;
  /** The 规格 as sold ('' for a product without specifications). */
  spec: string;
  sku: string | null;
  unit_price_fen: number;
  quantity: number;
  coupon_name: string | null;
  /** The line's own share of the order's coupon discount (order_lines.discount_fen). */
  line_discount_fen: number;
  buyer: string;
  phone: string;
  address: string;
  note: string;
  status: OrderStatus;
  carrier: string | null;
  tracking_no: string | null;
}

/** The export header, in the file's language. */
export function orderCsvHeader(locale: Locale): string[] {
  return COLUMNS.map((c) => (locale === 'zh-CN' ? c.zh : c.en));
}

/** The columns for an .xlsx export, headed in the file's language. */
export function orderTableColumns(locale: Locale): TableColumn[] {
  return COLUMNS.map((c) => ({
    header: locale === 'zh-CN' ? c.zh : c.en,
    kind: c.kind,
    width: c.width,
    fillIn: 'fillIn' in c,
  }));
}

/** A column's header names, for the shipping import (which accepts either language). */
export function orderCsvColumnNames(key: OrderCsvColumn): { zh: string; en: string } {
  const column = COLUMNS.find((c) => c.key === key)!;
  return { zh: column.zh, en: column.en };
}

/**
 * One line's values in export order: amounts in fen and the time in epoch ms, each writer formats them its way.
 * In a CSV, phone numbers go out plain, as the buyer gave them: an 11-digit mobile number is within Excel's 15
 * significant digits, so Excel keeps its exact value even when it reads it as a number (a narrow column shows
 * 1.38E+10 until widened). Every way to force text in a CSV changes the cell: `="…"` is a formula, a leading tab
 * or invisible character travels on into the courier's system, and a leading `'` shows literally. (A landline
 * with a leading 0 and no dash is the one case Excel would alter: the .xlsx export, whose cells are text, keeps it.)
 */
export function orderCells(row: OrderCsvSource, locale: Locale): CellValue[] {
  const lineFen = row.unit_price_fen * row.quantity;
  return [
    row.order_no,
    row.created_at,
    row.session_title,
    row.link_no,
    row.title,
    row.spec,
    row.sku,
    row.unit_price_fen,
    row.quantity,
    row.coupon_name,
    row.line_discount_fen,
    lineFen - row.line_discount_fen,
    row.buyer,
    row.phone,
    row.address,
    row.note,
    ORDER_STATUS_NAMES[row.status][locale],
    row.carrier,
    row.tracking_no,
  ];
}

/** One exported CSV line (with CRLF): user text defused, amounts `99.90`, our own values raw. */
export function orderCsvLine(row: OrderCsvSource, locale: Locale): string {
  return tableCsvRow(orderCells(row, locale), KINDS);
}
