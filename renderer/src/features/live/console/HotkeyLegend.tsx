// The console's keys at a glance (toggled with ? or the header button, closed with Esc), floating over the console:
// opening it mid-show must not push the bag down under the assistant's finger.
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';

/** `sequence`: pressed one after the other (3 then Enter), not alternatives. */
const KEYS: ReadonlyArray<{ keys: string[]; label: MessageKey; sequence?: true }> = [
  { keys: ['PageDown', ']'], label: 'live.key.next' },
  { keys: ['PageUp', '['], label: 'live.key.previous' },
  { keys: ['.'], label: 'live.key.stop' },
  { keys: ['3', 'Enter'], label: 'live.key.link', sequence: true },
  { keys: ['O'], label: 'orderEntry.key' },
  { keys: ['3', 'O'], label: 'orderEntry.keyLink', sequence: true },
  { keys: ['Alt+↑', 'Alt+↓'], label: 'live.key.move' },
  { keys: ['F'], label: 'live.key.cue' },
  { keys: ['M'], label: 'live.key.mute' },
  { keys: ['?'], label: 'live.key.legend' },
];

export function HotkeyLegend({ onClose }: { onClose(): void }) {
  const { t } = useT();
  return (
    <section
      className="panel hotkey-legend"
      role="dialog"
      aria-modal="false"
      aria-labelledby="hotkey-legend-title"
      data-testid="hotkey-legend"
    >
      <div className="panel__header">
        <h2 id="hotkey-legend-title" className="panel__title">
          {t('live.hotkeys')}
        </h2>
        <Button size="small" variant="ghost" onClick={onClose} aria-keyshortcuts="Escape">
          {t('common.close')}
        </Button>
      </div>
      <dl className="hotkey-legend__list">
        {KEYS.map(({ keys, label, sequence }) => (
          <div key={label} className="hotkey-legend__row">
            <dt>
              {keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? (sequence ? ' ' : ' / ') : null}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('live.key.note')}</p>
    </section>
  );
}
