// The studio's five places, in the order a show runs: stream, bag, orders; then products and settings.
import { useT, type MessageKey } from '../i18n/index.ts';
import { useRoute, type Screen } from '../stores/route.ts';
import { Icon, type IconName } from '../ui/Icon.tsx';

const ITEMS: ReadonlyArray<{ screen: Screen; label: MessageKey; icon: IconName }> = [
  { screen: 'stream', label: 'nav.stream', icon: 'stream' },
  { screen: 'live', label: 'nav.live', icon: 'bag' },
  { screen: 'orders', label: 'nav.orders', icon: 'orders' },
  { screen: 'products', label: 'nav.products', icon: 'products' },
  { screen: 'settings', label: 'nav.settings', icon: 'settings' },
];

export function NavBar() {
  const { t } = useT();
  const screen = useRoute((s) => s.screen);
  const go = useRoute((s) => s.go);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul className="nav__list">
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <a
              href={`#/${item.screen}`}
              className="nav__link"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(item.screen);
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
