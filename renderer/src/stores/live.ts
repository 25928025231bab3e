// The live room as this window sees it: the sessions list, and the one session open in the console (its bag,
// what is being explained, the segments so far, coupon pushes). Coupons themselves are stores/coupons.ts's.
// How events and snapshots combine is in live-detail.ts; this file wires it to the client.
import { create } from 'zustand';
import type { Session, SessionDetail } from '../../../electron/core/protocol/contract.ts';
import type { StudioClient } from '../api/index.ts';
import { moved } from '../../../electron/core/protocol/bag-order.ts';
import { describeError } from '../i18n/describe.ts';
import { currentTranslator } from '../i18n/index.ts';
import {
  DetailSync,
  NewestProducts,
  patches,
  sortSessions,
  upsertById,
  withProduct,
  type Patch,
} from './live-detail.ts';

interface LiveState {
  sessions: Session[];
  sessionsLoaded: boolean;
  sessionsError: string | null;
  /** The session the console shows, and its detail once fetched. */
  openId: number | null;
  detail: SessionDetail | null;
  detailError: string | null;
  loadSessions(): Promise<void>;
  open(id: number): void;
  close(): void;
  refetchDetail(): Promise<void>;
  /**
   * Moves a row on screen at once, by the core's own rule; the core's bag event then replaces it (or a refusal
   * leaves the next event to put it back). A second Alt+↑ pressed meanwhile starts from where the row now is.
   */
  moveNow(productId: number, toIndex: number): void;
}

let client: StudioClient | null = null;
let sessionsToken = 0;
let detailToken = 0;
const sync = new DetailSync();
const products = new NewestProducts();

export const useLive = create<LiveState>((set, get) => ({
  sessions: [],
  sessionsLoaded: false,
  sessionsError: null,
  openId: null,
  detail: null,
  detailError: null,

  async loadSessions() {
    if (!client) return;
    const token = ++sessionsToken;
    try {
      const { items } = await client.call('live.sessions', { includeEnded: true });
      if (token !== sessionsToken) return;
      // An event that raced the reply may hold a newer version of a session than the list does.
      const known = new Map(get().sessions.map((s) => [s.id, s]));
      const merged = items.map((s) => {
        const seen = known.get(s.id);
        return seen && seen.version > s.version ? seen : s;
      });
      set({ sessions: sortSessions(merged), sessionsLoaded: true, sessionsError: null });
    } catch (error) {
      if (token !== sessionsToken) return;
      set({ sessionsError: describeError(currentTranslator(), error) });
    }
  },

  open(id) {
    if (get().openId === id && (get().detail || sync.waiting)) return;
    set({ openId: id, detail: get().detail?.session.id === id ? get().detail : null, detailError: null });
    void get().refetchDetail();
  },

  close() {
    detailToken++;
    sync.cancel();
    set({ openId: null, detail: null, detailError: null });
  },

  moveNow(productId, toIndex) {
    const detail = get().detail;
    if (!detail || !detail.bag.some((item) => item.productId === productId)) return;
    const numbering = detail.session.state === 'live' ? 'stable' : 'follow-order';
    set({ detail: { ...detail, bag: moved(detail.bag, productId, toIndex, numbering) } });
  },

  async refetchDetail() {
    const id = get().openId;
    if (!client || id === null) return;
    const token = ++detailToken;
    sync.begin();
    try {
      const snapshot = await client.call('live.session', { id });
      if (token !== detailToken) return;
      set({ detail: sync.settle({ ...snapshot, bag: products.freshen(snapshot.bag) }), detailError: null });
    } catch (error) {
      if (token !== detailToken) return;
      sync.cancel();
      set({ detailError: describeError(currentTranslator(), error) });
    }
  },
}));

/** An event for one session: applied to the console's detail when that session is open. */
function onSessionEvent(sessionId: number, seq: number, patch: Patch): void {
  const { openId, detail } = useLive.getState();
  if (openId !== sessionId) return;
  const next = sync.apply(detail?.session.id === sessionId ? detail : null, seq, patch);
  if (next !== detail) useLive.setState({ detail: next });
}

function onSessionChanged(session: Session, seq: number): void {
  const { sessions } = useLive.getState();
  const known = sessions.find((s) => s.id === session.id);
  if (!known || known.version < session.version) {
    useLive.setState({ sessions: sortSessions(upsertById(sessions, session)) });
  }
  onSessionEvent(session.id, seq, patches.session(session));
}

export function bindLive(studio: StudioClient): void {
  client = studio;
  studio.on('live.sessionChanged', ({ session }, seq) => onSessionChanged(session, seq));
  studio.on('live.bagChanged', ({ sessionId, bag }, seq) =>
    onSessionEvent(sessionId, seq, patches.bag(products.freshen(bag))),
  );
  studio.on('live.explainChanged', ({ sessionId, explaining, ended }, seq) =>
    onSessionEvent(sessionId, seq, patches.explain(explaining, ended)),
  );
  studio.on('live.couponPushChanged', ({ push }, seq) => onSessionEvent(push.sessionId, seq, patches.push(push)));
  studio.on('live.logged', ({ entry }, seq) => onSessionEvent(entry.sessionId, seq, patches.log(entry)));
  // Not a bag change, so no seq bookkeeping: the version decides (stock falls as orders come in).
  studio.on('catalog.productChanged', ({ product }) => {
    if (!products.remember(product)) return;
    const { detail } = useLive.getState();
    if (detail) useLive.setState({ detail: withProduct(detail, product) });
  });
  studio.onReady(() => {
    const state = useLive.getState();
    // Always: the header shows the running show on every screen (ShowStatus), not only on the sessions list.
    void state.loadSessions();
    if (state.openId !== null) void state.refetchDetail();
  });
}

/** The show live now (one at a time), or null: the top bar, the navigation and the stream screen follow it. */
export function useRunningShow(): Session | null {
  return useLive((s) => s.sessions.find((session) => session.state === 'live') ?? null);
}
