// How the order screens write times, statuses and people, in the user's language and local time zone.
import type {
  Order,
  OrderHistoryEntry,
  OrderStatus,
  Segment,
  SessionReport,
} from '../../../../electron/core/protocol/contract.ts';
import { ORDER_STATUS_NAMES } from '../../../../electron/core/protocol/order-messages.ts';
import type { Locale, MessageKey, Translator } from '../../i18n/index.ts';
import { dateFormat } from '../../i18n/dates.ts';

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateFormat(locale, { hourCycle: 'h23', ...options });
}

/** `2025/06/01 20:15` in the viewer's own clock: the log's time column. */
export function orderTime(locale: Locale, ms: number): string {
  const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
  return formatter(locale, options).format(ms);
}

/** With seconds, for the detail and the history. */
export function orderTimeExact(locale: Locale, ms: number): string {
  const options = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  } as const;
  return formatter(locale, options).format(ms);
}

export function statusName(locale: Locale, status: OrderStatus): string {
  return ORDER_STATUS_NAMES[status][locale];
}

const CLIENTS = {
  desktop: 'orders.client.desktop',
  browser: 'orders.client.browser',
  api: 'orders.client.api',
  cli: 'orders.client.cli',
  wxshop: 'orders.client.wxshop',
  file: 'orders.client.file',
} as const;

/** "主播 · 工作室" or "前台平板 · 工作室": who made a change, and from where. */
export function actorLabel(tr: Translator, entry: OrderHistoryEntry): string {
  const who =
    entry.role === 'host'
      ? tr.t('orders.actor.host')
      : entry.role === 'shop'
        ? tr.t('orders.actor.shop')
        : (entry.deviceName ?? tr.t('orders.actor.assistant'));
  const known = CLIENTS[entry.client as keyof typeof CLIENTS];
  return `${who} · ${known ? tr.t(known) : entry.client}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A point on the session clock for the chart's axis: mm:ss in the first hour's span, hh:mm beyond. */
export function clockLabel(ms: number, spanMs: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (spanMs <= 3_600_000) return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}`;
}

/** How much of the show's clock the report covers: the show, every minute that sold, every explanation. */
export function reportSpan(report: SessionReport, segments: readonly Segment[], durationMs: number): number {
  const lastSegmentEnd = Math.max(0, ...segments.map((s) => s.endClockMs ?? durationMs));
  return Math.max(report.buckets.length * report.bucketMs, lastSegmentEnd, durationMs, 5 * 60_000);
}

// 微信小店's own order statuses (api_getorder); a file's status text is shown as it is.
const WXSHOP_STATUS: Record<string, MessageKey> = {
  '10': 'orders.wxshop.10',
  '12': 'orders.wxshop.12',
  '13': 'orders.wxshop.13',
  '20': 'orders.wxshop.20',
  '21': 'orders.wxshop.21',
  '30': 'orders.wxshop.30',
  '100': 'orders.wxshop.100',
  '200': 'orders.wxshop.200',
  '250': 'orders.wxshop.250',
};

/** The platform's own status of a platform order, in words. */
export function platformStatusName(tr: Translator, order: Pick<Order, 'platform' | 'platformStatus'>): string {
  const status = order.platformStatus ?? '';
  const key = order.platform === 'wxshop' ? WXSHOP_STATUS[status] : undefined;
  return key ? tr.t(key) : status;
}
