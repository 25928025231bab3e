// Which screen is showing, kept in the address hash (#/products) so a reload stays put.
import { create } from 'zustand';

export const SCREENS = ['stream', 'live', 'orders', 'products', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];
// The product library is the only working screen in this version, so it is where the studio opens.
const DEFAULT_SCREEN: Screen = 'products';

function fromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : DEFAULT_SCREEN;
}

interface RouteState {
  screen: Screen;
  go(screen: Screen): void;
}

export const useRoute = create<RouteState>((set) => ({
  screen: fromHash(window.location.hash),
  go(screen) {
    if (window.location.hash !== `#/${screen}`) window.history.pushState(null, '', `#/${screen}`);
    set({ screen });
  },
}));

window.addEventListener('popstate', () => useRoute.setState({ screen: fromHash(window.location.hash) }));
window.addEventListener('hashchange', () => useRoute.setState({ screen: fromHash(window.location.hash) }));
