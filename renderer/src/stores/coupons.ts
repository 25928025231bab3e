// Every coupon, active and archived (a studio has dozens, not thousands): the 优惠券 screen filters them and the
// live console's push panel lists the active ones. Patched from `coupons.changed` by version; a list reply that
// raced an event never rolls a coupon back, and one created while the reply was in flight is kept.
import { create } from 'zustand';
import type { Coupon } from '../../../electron/core/protocol/contract.ts';
import type { StudioClient } from '../api/index.ts';
import { describeError } from '../i18n/describe.ts';
import { currentTranslator } from '../i18n/index.ts';

interface CouponsState {
  /** Newest first (by id), as the core lists them. */
  all: Coupon[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  refetch(): Promise<void>;
  apply(coupon: Coupon): void;
}

let client: StudioClient | null = null;
let fetchToken = 0;
/** The newest version of each coupon seen from events and our own calls. */
const newest = new Map<number, Coupon>();

const byIdDesc = (a: Coupon, b: Coupon) => b.id - a.id;

function remember(coupon: Coupon): boolean {
  const known = newest.get(coupon.id);
  if (known && known.version >= coupon.version) return false;
  newest.set(coupon.id, coupon);
  return true;
}

export const useCoupons = create<CouponsState>((set, get) => ({
  all: [],
  loaded: false,
  loading: false,
  error: null,

  async refetch() {
    if (!client) return;
    const token = ++fetchToken;
    set({ loading: true });
    try {
      const [active, archived] = await Promise.all([
        client.call('coupons.list', { archived: false }),
        client.call('coupons.list', { archived: true }),
      ]);
      if (token !== fetchToken) return;
      const merged = new Map<number, Coupon>();
      for (const coupon of [...active.items, ...archived.items]) {
        remember(coupon);
        merged.set(coupon.id, coupon);
      }
      // Coupons are never deleted, so anything seen newer than (or missing from) the reply came after it.
      for (const coupon of newest.values()) {
        const listed = merged.get(coupon.id);
        if (!listed || listed.version < coupon.version) merged.set(coupon.id, coupon);
      }
      set({ all: [...merged.values()].sort(byIdDesc), loaded: true, loading: false, error: null });
    } catch (error) {
      if (token !== fetchToken) return;
      set({ loading: false, error: describeError(currentTranslator(), error) });
    }
  },

  apply(coupon) {
    if (!remember(coupon)) return;
    const all = get().all;
    const index = all.findIndex((c) => c.id === coupon.id);
    if (index >= 0) {
      const next = all.slice();
      next[index] = coupon;
      set({ all: next });
    } else {
      set({ all: [...all, coupon].sort(byIdDesc) });
    }
  },
}));

export function bindCoupons(studio: StudioClient): void {
  client = studio;
  studio.on('coupons.changed', ({ coupon }) => useCoupons.getState().apply(coupon));
  studio.onReady(() => {
    // A fresh hello: what was remembered may belong to a core that restarted; only what arrives from now counts.
    newest.clear();
    void useCoupons.getState().refetch();
  });
}
