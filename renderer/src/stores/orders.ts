// The order log as the 订单 screen shows it: one query (filters, sort) over possibly 200,000 orders, held as
// pages of PAGE_SIZE fetched around what is on screen. Far pages are dropped; any change (an order event, a
// batch, a resync) refetches the pages in view together with the totals, throttled, while the row an event
// names is patched at once. Rows carry versions, so a page reply that raced an event never rolls a row back.
import { create } from 'zustand';
import type {
  Order,
  OrderFilter,
  OrderSort,
  OrderStatus,
  OrderTotals,
} from '../../../electron/core/protocol/contract.ts';
import type { StudioClient } from '../api/index.ts';
import { describeError } from '../i18n/describe.ts';
import { currentTranslator } from '../i18n/index.ts';

export type SortDir = 'asc' | 'desc';
export const PAGE_SIZE = 200;
/** Pages kept either side of the ones in view; anything further is dropped. */
const KEEP_AROUND = 2;
const TEXT_DEBOUNCE_MS = 250;
const REFRESH_THROTTLE_MS = 300;
/** Dragging the scrollbar across thousands of rows fetches only where it comes to rest. */
const VIEW_SETTLE_MS = 40;

/** What the filter bar holds; dates are the `YYYY-MM-DD` of the date inputs (local days). */
export interface OrderFilterForm {
  sessionId: number | null;
  status: OrderStatus | null;
  fromDate: string;
  toDate: string;
  product: { id: number; title: string } | null;
  buyer: string;
  query: string;
}

const EMPTY_FORM: OrderFilterForm = {
  sessionId: null,
  status: null,
  fromDate: '',
  toDate: '',
  product: null,
  buyer: '',
  query: '',
};

interface OrdersState {
  form: OrderFilterForm;
  /** The filter the pages were fetched with (the text fields debounced). */
  filter: OrderFilter;
  sort: OrderSort;
  dir: SortDir;
  /** Bumped whenever the query changes: the table goes back to the top. */
  generation: number;
  total: number;
  totals: OrderTotals | null;
  pages: Readonly<Record<number, Order[]>>;
  loaded: boolean;
  error: string | null;
  setForm(patch: Partial<OrderFilterForm>): void;
  clearFilters(): void;
  toggleSort(sort: OrderSort): void;
  /** The table's rows in view (with overscan): fetches the pages they need and drops far ones. */
  view(first: number, last: number): void;
  refresh(): void;
  apply(order: Order): void;
}

const DEFAULT_DIR: Record<OrderSort, SortDir> = { created: 'desc', paid: 'desc', buyer: 'asc', orderNo: 'desc' };

let client: StudioClient | null = null;
let active = false;
let wanted = { first: 0, last: -1 };
/** The latest request per page: an older reply for the same page is ignored. */
const pageTokens = new Map<number, number>();
let nextToken = 0;
let newestTotalsSeq = -1;
let textTimer: ReturnType<typeof setTimeout> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let viewTimer: ReturnType<typeof setTimeout> | undefined;
/** The newest version of each order seen in events. */
const newest = new Map<number, Order>();

/** The epoch ms at local midnight starting `YYYY-MM-DD`, moved by `days`; undefined when empty or unreadable. */
export function localDayStart(date: string, days = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The protocol's filter for a form: `to` is the start of the day after the chosen one (exclusive). */
export function filterOf(form: OrderFilterForm): OrderFilter {
  const filter: OrderFilter = {};
  if (form.sessionId !== null) filter.sessionId = form.sessionId;
  if (form.status !== null) filter.status = form.status;
  const from = localDayStart(form.fromDate);
  const to = localDayStart(form.toDate, 1);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (form.product) filter.productId = form.product.id;
  if (form.buyer.trim()) filter.buyer = form.buyer.trim();
  if (form.query.trim()) filter.query = form.query.trim();
  return filter;
}

const pageOf = (row: number) => Math.floor(row / PAGE_SIZE);

function freshen(items: Order[]): Order[] {
  return items.map((item) => {
    const seen = newest.get(item.id);
    return seen && seen.version > item.version ? seen : item;
  });
}

function fetchPage(page: number): void {
  if (!client || !active) return;
  const token = ++nextToken;
  pageTokens.set(page, token);
  const { filter, sort, dir, generation } = useOrders.getState();
  client
    .call('orders.list', { filter, sort, dir, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
    .then((reply) => {
      const state = useOrders.getState();
      if (pageTokens.get(page) !== token || state.generation !== generation) return;
      pageTokens.delete(page);
      const patch: Partial<OrdersState> = {
        pages: { ...state.pages, [page]: freshen(reply.items) },
        loaded: true,
        error: null,
      };
      // Replies can land out of order: the count and sums from the newest snapshot win.
      if (reply.seq >= newestTotalsSeq) {
        newestTotalsSeq = reply.seq;
        patch.total = reply.total;
        patch.totals = reply.totals;
      }
      useOrders.setState(patch);
    })
    .catch((error: unknown) => {
      if (pageTokens.get(page) !== token) return;
      pageTokens.delete(page);
      if (useOrders.getState().generation === generation) {
        useOrders.setState({ error: describeError(currentTranslator(), error) });
      }
    });
}

function wantedPages(): number[] {
  const { first, last } = wanted;
  const pages = [pageOf(Math.max(0, first))];
  for (let p = pages[0]! + 1; p <= pageOf(Math.max(first, last)); p++) pages.push(p);
  return pages;
}

/** A new query: forget the rows, start again from the top. */
function restart(): void {
  clearTimeout(refreshTimer);
  refreshTimer = undefined;
  pageTokens.clear();
  newestTotalsSeq = -1;
  wanted = { first: 0, last: Math.max(0, wanted.last - wanted.first) };
  useOrders.setState((s) => ({ generation: s.generation + 1, pages: {}, filter: filterOf(s.form) }));
  fetchPage(0);
}

export const useOrders = create<OrdersState>((set, get) => ({
  form: EMPTY_FORM,
  filter: {},
  sort: 'created',
  dir: 'desc',
  generation: 0,
  total: 0,
  totals: null,
  pages: {},
  loaded: false,
  error: null,

  setForm(patch) {
    set({ form: { ...get().form, ...patch } });
    clearTimeout(textTimer);
    // Typing waits for a pause; a select or a date applies at once.
    const typed = Object.keys(patch).every((key) => key === 'query' || key === 'buyer');
    if (!typed) {
      restart();
      return;
    }
    textTimer = setTimeout(() => {
      const next = filterOf(get().form);
      if (next.query !== get().filter.query || next.buyer !== get().filter.buyer) restart();
    }, TEXT_DEBOUNCE_MS);
  },
  clearFilters() {
    clearTimeout(textTimer);
    set({ form: EMPTY_FORM });
    restart();
  },
  toggleSort(sort) {
    const { sort: current, dir } = get();
    set({ sort, dir: sort === current ? (dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[sort] });
    restart();
  },

  view(first, last) {
    wanted = { first, last };
    const keepFrom = pageOf(Math.max(0, first)) - KEEP_AROUND;
    const keepTo = pageOf(Math.max(first, last)) + KEEP_AROUND;
    const { pages } = get();
    const far = Object.keys(pages)
      .map(Number)
      .filter((p) => p < keepFrom || p > keepTo);
    if (far.length > 0) {
      const kept = { ...pages };
      for (const p of far) delete kept[p];
      set({ pages: kept });
    }
    clearTimeout(viewTimer);
    viewTimer = setTimeout(() => {
      for (const page of wantedPages()) {
        if (!(page in get().pages) && !pageTokens.has(page)) fetchPage(page);
      }
    }, VIEW_SETTLE_MS);
  },

  refresh() {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
    if (!active) return;
    const keep = new Set(wantedPages());
    const pages = get().pages;
    const kept: Record<number, Order[]> = {};
    for (const p of keep) if (pages[p]) kept[p] = pages[p];
    set({ pages: kept });
    for (const page of keep) fetchPage(page);
  },

  apply(order) {
    const known = newest.get(order.id);
    if (known && known.version >= order.version) return;
    if (newest.size > 5000) newest.clear();
    newest.set(order.id, order);
    const { pages } = get();
    for (const [key, items] of Object.entries(pages)) {
      const index = items.findIndex((o) => o.id === order.id);
      const row = index >= 0 ? items[index] : undefined;
      if (!row || row.version >= order.version) continue;
      const next = items.slice();
      next[index] = order;
      set({ pages: { ...pages, [key]: next } });
      break;
    }
    // The totals, and where a new or changed order now falls, are the core's to say.
    scheduleRefresh();
  },
}));

function scheduleRefresh(): void {
  if (!active || refreshTimer !== undefined) return;
  refreshTimer = setTimeout(() => useOrders.getState().refresh(), REFRESH_THROTTLE_MS);
}

/** Listens for order events (bound once, from stores/index.ts). */
export function bindOrders(studio: StudioClient): void {
  if (client === studio) return;
  client = studio;
  studio.on('orders.changed', ({ order }) => useOrders.getState().apply(order));
  studio.on('orders.bulkChanged', () => scheduleRefresh());
  studio.onReady(() => {
    newest.clear();
    if (active) useOrders.getState().refresh();
  });
}

/** The screen is showing: fetch what is in view. While hidden, nothing is fetched and no rows are kept. */
export function setOrdersActive(on: boolean): void {
  active = on;
  if (on) {
    newestTotalsSeq = -1;
    useOrders.getState().refresh();
  } else {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
    pageTokens.clear();
    useOrders.setState({ pages: {} });
  }
}

/** The order at a row of the current query, when its page is loaded. */
export function orderAt(pages: Readonly<Record<number, Order[]>>, row: number): Order | undefined {
  return pages[pageOf(row)]?.[row % PAGE_SIZE];
}
