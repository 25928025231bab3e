// The order export's CSV format: its columns (zh / en headers), one row per order line, and how each cell is
// written. Pure: no DB, no files. The shipping import reads the same header names back (order-ship-import.ts).
import { csvRow } from '../csv/write.ts';
import type { CsvValue } from '../csv/write.ts';
import { formatFen } from '../protocol/money.ts';
import type { Locale } from '../protocol/messages.ts';
import { ORDER_STATUS_NAMES } from '../protocol/order-messages.ts';
import type { OrderStatus } from '../protocol/order-status.ts';

// `defuse: false` marks cells we format ourselves (amounts, times, our order numbers and status names): they are
// written raw. Every other string came from a user (or a product title) and is defused against formulas.
const COLUMNS = [
  { key: 'orderNo', zh: '订单号', en: 'order_no', defuse: false },
  { key: 'createdAt', zh: '下单时间', en: 'created_at', defuse: false },
  { key: 'session', zh: '场次', en: 'session', defuse: true },
  { key: 'linkNo', zh: '链接号', en: 'link_no', defuse: false },
  { key: 'product', zh: '商品', en: 'product', defuse: true },
  { key: 'spec', zh: '规格', en: 'spec', defuse: true },
  { key: 'sku', zh: '商品编码', en: 'sku', defuse: true },
  { key: 'unitPrice', zh: '单价', en: 'unit_price', defuse: false },
  { key: 'quantity', zh: '数量', en: 'quantity', defuse: false },
  { key: 'coupon', zh: '优惠券', en: 'coupon', defuse: true },
  { key: 'discount', zh: '优惠金额', en: 'discount', defuse: false },
  { key: 'paid', zh: '实付', en: 'paid', defuse: false },
  { key: 'buyer', zh: '买家', en: 'buyer', defuse: true },
  { key: 'phone', zh: '手机', en: 'phone', defuse: true },
  { key: 'address', zh: '收货地址', en: 'address', defuse: true },
  { key: 'note', zh: '备注', en: 'note', defuse: true },
  { key: 'status', zh: '状态', en: 'status', defuse: false },
  { key: 'carrier', zh: '快递公司', en: 'carrier', defuse: true },
  { key: 'trackingNo', zh: '快递单号', en: 'tracking_no', defuse: true },
] as const;

export type OrderCsvColumn = (typeof COLUMNS)[number]['key'];

const DEFUSE: readonly boolean[] = COLUMNS.map((c) => c.defuse);

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

/** A column's header names, for the shipping import (which accepts either language). */
export function orderCsvColumnNames(key: OrderCsvColumn): { zh: string; en: string } {
  const column = COLUMNS.find((c) => c.key === key)!;
  return { zh: column.zh, en: column.en };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch ms → `YYYY-MM-DD HH:mm:ss` in the machine's local time (what the seller saw when the order came in). */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Epoch ms → the local date `YYYY-MM-DD` (the export's file name). */
export function formatLocalDate(ms: number): string {
  return formatLocalTime(ms).slice(0, 10);
}

/**
 * One line's cells in export order, not yet defused. Phone numbers go out plain, as the buyer gave them: an
 * 11-digit mobile number is within Excel's 15 significant digits, so Excel keeps its exact value even when it
 * reads it as a number (a narrow column shows 1.38E+10 until widened). Every way to force text in a CSV changes
 * the cell: `="…"` is a formula, a leading tab or invisible character travels on into the courier's system,
 * and a leading `'` shows literally. (A landline with a leading 0 and no dash is the one case Excel would alter.)
 */
export function orderToCsvCells(row: OrderCsvSource, locale: Locale): CsvValue[] {
  const lineFen = row.unit_price_fen * row.quantity;
  return [
    row.order_no,
    formatLocalTime(row.created_at),
    row.session_title,
    row.link_no,
    row.title,
    row.spec,
    row.sku,
    formatFen(row.unit_price_fen),
    row.quantity,
    row.coupon_name,
    formatFen(row.line_discount_fen),
    formatFen(lineFen - row.line_discount_fen),
    row.buyer,
    row.phone,
    row.address,
    row.note,
    ORDER_STATUS_NAMES[row.status][locale],
    row.carrier,
    row.tracking_no,
  ];
}

/** One exported line (with CRLF): user text defused, amounts and our own values raw. */
export function orderCsvLine(row: OrderCsvSource, locale: Locale): string {
  return csvRow(orderToCsvCells(row, locale), { defuse: DEFUSE });
}
