// The studio's five places, in the order a show runs: stream, bag, orders; then products and settings.
import { useT, type MessageKey } from '../i18n/index.ts';
import { useRoute, type Screen } from '../stores/route.ts';

const ITEMS: ReadonlyArray<{ screen: Screen; label: MessageKey; icon: string }> = [
  { screen: 'stream', label: 'nav.stream', icon: '🎥' },
  { screen: 'live', label: 'nav.live', icon: '🛒' },
  { screen: 'orders', label: 'nav.orders', icon: '🧾' },
  { screen: 'products', label: 'nav.products', icon: '📦' },
  { screen: 'settings', label: 'nav.settings', icon: '⚙️' },
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
              <span className="nav__icon" aria-hidden="true">
                {item.icon}
              </span>
              <span className="nav__text">{t(item.label)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
