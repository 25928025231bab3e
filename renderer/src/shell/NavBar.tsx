// The studio's places, in the order a show runs: stream, live console, coupons, orders; then products and
// settings. An assistant device does not see the host's places (stream settings and keys, access).
import { useT, type MessageKey } from '../i18n/index.ts';
import { useCan, useConnection } from '../stores/connection.ts';
import { HOST_ONLY_SCREENS, useRoute, type Screen } from '../stores/route.ts';
import { useRunningShow } from '../stores/live.ts';
import { Icon, type IconName } from '../ui/Icon.tsx';

const ITEMS: ReadonlyArray<{ screen: Screen; label: MessageKey; icon: IconName }> = [
  { screen: 'stream', label: 'nav.stream', icon: 'stream' },
  { screen: 'live', label: 'nav.live', icon: 'bag' },
  { screen: 'coupons', label: 'nav.coupons', icon: 'coupon' },
  { screen: 'orders', label: 'nav.orders', icon: 'orders' },
  { screen: 'products', label: 'nav.products', icon: 'products' },
  { screen: 'settings', label: 'nav.settings', icon: 'settings' },
];

export function NavBar() {
  const { t } = useT();
  const screen = useRoute((s) => s.screen);
  const go = useRoute((s) => s.go);
  const role = useConnection((s) => s.hello?.role ?? 'host');
  const orders = useCan('orders');
  // 直播中控 opens the running show, not the list of shows.
  const running = useRunningShow()?.id ?? null;
  const items = ITEMS.filter(
    (item) => (role === 'host' || !HOST_ONLY_SCREENS.has(item.screen)) && (orders || item.screen !== 'orders'),
  );
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul className="nav__list">
        {items.map((item) => (
          <li key={item.screen}>
            <a
              href={`#/${item.screen}`}
              className="nav__link"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(item.screen, item.screen === 'live' && running !== null ? String(running) : null);
              }}
            >
              <Icon name={item.icon} className="nav__icon" />
              <span className="nav__text">{t(item.label)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
