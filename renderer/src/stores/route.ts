// Which screen is showing, kept in the address hash (#/products, #/live/12) so a reload stays put.
import { create } from 'zustand';

export const SCREENS = ['stream', 'live', 'coupons', 'orders', 'products', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];
/** Screens an assistant device never sees: stream settings and keys, access management. */
export const HOST_ONLY_SCREENS: ReadonlySet<Screen> = new Set(['stream', 'settings']);
// The studio opens on the product library: every show starts from the products it sells.
const DEFAULT_SCREEN: Screen = 'products';

interface Place {
  screen: Screen;
  /** What the screen shows inside itself (`12` in #/live/12: session 12), if anything. */
  param: string | null;
}

export function fromHash(hash: string): Place {
  const [name = '', param = ''] = hash.replace(/^#\/?/, '').split('/');
  if (!(SCREENS as readonly string[]).includes(name)) return { screen: DEFAULT_SCREEN, param: null };
  return { screen: name as Screen, param: param === '' ? null : decodeURIComponent(param) };
}

function toHash({ screen, param }: Place): string {
  return param === null ? `#/${screen}` : `#/${screen}/${encodeURIComponent(param)}`;
}

interface RouteState extends Place {
  go(screen: Screen, param?: string | null): void;
}

export const useRoute = create<RouteState>((set) => ({
  ...fromHash(window.location.hash),
  go(screen, param = null) {
    const hash = toHash({ screen, param });
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ screen, param });
  },
}));

window.addEventListener('popstate', () => useRoute.setState(fromHash(window.location.hash)));
window.addEventListener('hashchange', () => useRoute.setState(fromHash(window.location.hash)));
