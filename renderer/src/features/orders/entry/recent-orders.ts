// 本场最新订单: the last few orders of the session open in the console, loaded once and then kept current from
// `orders.changed` (any window's orders, ours included). Subscribed only while the console shows the panel.
import { create } from 'zustand';
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { currentTranslator } from '../../../i18n/index.ts';

export const RECENT_LIMIT = 8;

const newestFirst = (a: Order, b: Order) => b.createdAt - a.createdAt || b.id - a.id;

/** The list with this order in (or updated), newest first, at most `limit`; an older version never wins. */
export function withOrder(list: readonly Order[], order: Order, limit = RECENT_LIMIT): Order[] {
  const known = list.find((o) => o.id === order.id);
  if (known && known.version >= order.version) return list as Order[];
  const next = list.filter((o) => o.id !== order.id);
  next.push(order);
  return next.sort(newestFirst).slice(0, limit);
}

interface RecentOrdersState {
  sessionId: number | null;
  items: Order[];
  loaded: boolean;
  error: string | null;
  open(sessionId: number): void;
  close(): void;
  refetch(): Promise<void>;
  /** An order we just created: shown at once, before its event arrives. */
  apply(order: Order): void;
}

let fetchToken = 0;
/** Orders seen from events while a list call is in flight: replayed on its reply so none is lost. */
let inFlight: Order[] | null = null;
let unsubscribe: Array<() => void> = [];

export const useRecentOrders = create<RecentOrdersState>((set, get) => ({
  sessionId: null,
  items: [],
  loaded: false,
  error: null,

  open(sessionId) {
    get().close();
    set({ sessionId, items: [], loaded: false, error: null });
    unsubscribe = [
      studio.on('orders.changed', ({ order }) => get().apply(order)),
      // A batch (shipping import) changes statuses without one event per order.
      studio.on('orders.bulkChanged', () => void get().refetch()),
      studio.onReady(() => void get().refetch()),
    ];
    void get().refetch();
  },

  close() {
    for (const stop of unsubscribe) stop();
    unsubscribe = [];
    fetchToken++;
    inFlight = null;
    set({ sessionId: null, items: [], loaded: false, error: null });
  },

  async refetch() {
    const { sessionId } = get();
    if (sessionId === null) return;
    const token = ++fetchToken;
    inFlight = [];
    try {
      const reply = await studio.call('orders.list', { filter: { sessionId }, limit: RECENT_LIMIT });
      if (token !== fetchToken) return;
      let items = reply.items.slice(0, RECENT_LIMIT);
      for (const order of [...get().items, ...inFlight]) items = withOrder(items, order);
      inFlight = null;
      set({ items, loaded: true, error: null });
    } catch (error) {
      if (token !== fetchToken) return;
      inFlight = null;
      set({ error: describeError(currentTranslator(), error) });
    }
  },

  apply(order) {
    const { sessionId, items } = get();
    if (sessionId === null || order.sessionId !== sessionId) return;
    inFlight?.push(order);
    const next = withOrder(items, order);
    if (next !== items) set({ items: next });
  },
}));
