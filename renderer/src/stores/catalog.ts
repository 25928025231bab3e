// The product list as the 商品库 screen shows it: one query (search, filter, sort, page) and its rows.
// Rows are patched from `catalog.productChanged` when the event is newer; anything the patch cannot place
// (a new product, one that left the filter, a bulk import) triggers a refetch of the current page.
import { create } from 'zustand';
import type { Product, ProductSort } from '../../../electron/core/protocol/contract.ts';
import type { StudioClient } from '../api/index.ts';
import { describeError } from '../i18n/describe.ts';
import { currentTranslator } from '../i18n/index.ts';

export type SortDir = 'asc' | 'desc';
export const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 200;
const REFETCH_COALESCE_MS = 100;

interface CatalogState {
  /** What the search box shows; `appliedQuery` is what the list was fetched with. */
  query: string;
  appliedQuery: string;
  archived: boolean;
  sort: ProductSort;
  dir: SortDir;
  offset: number;
  items: Product[];
  total: number;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  setQuery(query: string): void;
  setArchived(archived: boolean): void;
  toggleSort(sort: ProductSort): void;
  setOffset(offset: number): void;
  refetch(): Promise<void>;
  applyProduct(product: Product): void;
}

let client: StudioClient | null = null;
let fetchToken = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let refetchTimer: ReturnType<typeof setTimeout> | undefined;
/** The newest version of each product seen in events, so a list reply that raced an event cannot roll it back. */
const newest = new Map<number, Product>();

const DEFAULT_DIR: Record<ProductSort, SortDir> = {
  updated: 'desc',
  created: 'desc',
  title: 'asc',
  price: 'asc',
  stock: 'asc',
  sku: 'asc',
};

function scheduleRefetch(): void {
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(() => void useCatalog.getState().refetch(), REFETCH_COALESCE_MS);
}

export const useCatalog = create<CatalogState>((set, get) => ({
  query: '',
  appliedQuery: '',
  archived: false,
  sort: 'updated',
  dir: 'desc',
  offset: 0,
  items: [],
  total: 0,
  loading: false,
  loaded: false,
  error: null,

  setQuery(query) {
    set({ query });
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      if (get().appliedQuery === query.trim()) return;
      set({ appliedQuery: query.trim(), offset: 0 });
      void get().refetch();
    }, SEARCH_DEBOUNCE_MS);
  },
  setArchived(archived) {
    set({ archived, offset: 0 });
    void get().refetch();
  },
  toggleSort(sort) {
    const { sort: current, dir } = get();
    set({ sort, dir: sort === current ? (dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[sort], offset: 0 });
    void get().refetch();
  },
  setOffset(offset) {
    set({ offset: Math.max(0, offset) });
    void get().refetch();
  },

  async refetch() {
    if (!client) return;
    const token = ++fetchToken;
    const { appliedQuery, archived, sort, dir, offset } = get();
    set({ loading: true });
    try {
      const page = await client.call('catalog.list', {
        query: appliedQuery,
        archived,
        sort,
        dir,
        offset,
        limit: PAGE_SIZE,
      });
      if (token !== fetchToken) return;
      const items = page.items.map((item) => {
        const seen = newest.get(item.id);
        return seen && seen.version > item.version ? seen : item;
      });
      // A page past the end (after archiving the last rows) steps back instead of showing nothing.
      if (items.length === 0 && offset > 0 && page.total > 0) {
        set({ offset: Math.max(0, Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE) });
        void get().refetch();
        return;
      }
      set({ items, total: page.total, loading: false, loaded: true, error: null });
    } catch (error) {
      if (token !== fetchToken) return;
      set({ loading: false, error: describeError(currentTranslator(), error) });
    }
  },

  applyProduct(product) {
    const known = newest.get(product.id);
    if (known && known.version >= product.version) return;
    if (newest.size > 5000) newest.clear();
    newest.set(product.id, product);
    const { items, archived } = get();
    const index = items.findIndex((p) => p.id === product.id);
    const row = index >= 0 ? items[index] : undefined;
    if (row && row.version >= product.version) return;
    if (row && product.archived === archived) {
      const next = items.slice();
      next[index] = product;
      set({ items: next });
      return;
    }
    // New, or moved between active and archived: only the core knows where it sorts now.
    scheduleRefetch();
  },
}));

export function bindCatalog(studio: StudioClient): void {
  client = studio;
  studio.on('catalog.productChanged', ({ product }) => useCatalog.getState().applyProduct(product));
  studio.on('catalog.bulkChanged', () => scheduleRefetch());
  studio.onReady(() => void useCatalog.getState().refetch());
}

/** The product as the store knows it, for an editor that wants to notice someone else's save. */
export function knownProduct(id: number): Product | undefined {
  return newest.get(id) ?? useCatalog.getState().items.find((p) => p.id === id);
}
