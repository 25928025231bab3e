// The studio layout: left navigation, a top bar with the connection, and the current screen.
import { useEffect } from 'react';
import { CatalogScreen } from './features/catalog/CatalogScreen.tsx';
import { CouponsScreen } from './features/coupons/CouponsScreen.tsx';
import { LiveScreen } from './features/live/LiveScreen.tsx';
import { OrdersScreen } from './features/orders/OrdersScreen.tsx';
import { SettingsScreen } from './features/settings/SettingsScreen.tsx';
import { StreamScreen } from './features/stream/StreamScreen.tsx';
import { useT } from './i18n/index.ts';
import { ConnectionBanner, TopBar } from './shell/TopBar.tsx';
import { NavBar } from './shell/NavBar.tsx';
import { UnauthorizedScreen } from './shell/UnauthorizedScreen.tsx';
import { useCan, useConnection } from './stores/connection.ts';
import { HOST_ONLY_SCREENS, useRoute, type Screen } from './stores/route.ts';
import { Notices } from './ui/Notices.tsx';

const SCREENS: Record<Screen, () => React.JSX.Element> = {
  stream: StreamScreen,
  live: LiveScreen,
  coupons: CouponsScreen,
  orders: OrdersScreen,
  products: CatalogScreen,
  settings: SettingsScreen,
};

export function App() {
  const { t } = useT();
  const status = useConnection((s) => s.status);
  const route = useRoute((s) => s.screen);
  const role = useConnection((s) => s.hello?.role ?? 'host');
  const orders = useCan('orders');
  // An assistant following a link to a place it may not see (the host's, or the order log) lands on the console.
  const hidden = (role !== 'host' && HOST_ONLY_SCREENS.has(route)) || (route === 'orders' && !orders);
  const screen: Screen = hidden ? 'live' : route;
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  if (status === 'unauthorized') return <UnauthorizedScreen />;
  const Current = SCREENS[screen];
  return (
    <div className="studio">
      <TopBar />
      <NavBar />
      <main className="studio__main" id="main">
        <ConnectionBanner />
        <Current />
      </main>
      <Notices />
    </div>
  );
}
