// 全局快捷键: the desktop app's global hotkeys, set by pressing them. Each binding is checked as it is typed, by the
// same rules the core and the shell apply (protocol/hotkeys.ts), and after saving the desktop app says which ones
// another app already holds. Keyboard: each key box is a button; while it listens, the next combination is taken.
import { useState } from 'react';
import {
  acceleratorFromKey,
  acceleratorLabel,
  DEFAULT_HOTKEYS,
  HOTKEY_ACTIONS,
  hotkeyProblems,
  type HotkeyAction,
  type HotkeyBindings,
} from '../../../../electron/core/protocol/hotkeys.ts';
import { useT } from '../../i18n/index.ts';
import { useConnection } from '../../stores/connection.ts';
import { useHotkeys } from '../../stores/hotkeys.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { useCall } from '../../ui/useCall.ts';

export function HotkeySettings() {
  const { t, msg } = useT();
  const state = useHotkeys((s) => s.state);
  const transport = useConnection((s) => s.transport);
  const [draft, setDraft] = useState<HotkeyBindings | null>(null);
  const [listening, setListening] = useState<HotkeyAction | null>(null);
  const { run, busy: saving } = useCall();
  // The draft follows the saved set only when that changes (not on every report from the shell): edits survive.
  // Adjusted while rendering, React's way for state derived from props.
  const saved = state ? JSON.stringify(state.bindings) : null;
  const [base, setBase] = useState<string | null>(null);
  if (saved !== base) {
    setBase(saved);
    setDraft(saved ? (JSON.parse(saved) as HotkeyBindings) : null);
  }
  if (!state || !draft) return null;
  const platform = state.platform;
  const problems = hotkeyProblems(draft, platform);
  const changed = JSON.stringify(draft) !== saved;
  const actionName = (action: HotkeyAction) => t(`hotkeys.action.${action}`);

  function onKey(action: HotkeyAction, event: React.KeyboardEvent): void {
    if (listening !== action) return;
    if (event.key === 'Tab') return; // leaving the box stays possible
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') return setListening(null);
    const bare = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (bare && (event.key === 'Backspace' || event.key === 'Delete')) {
      setDraft({ ...draft!, [action]: null });
      return setListening(null);
    }
    const accelerator = acceleratorFromKey(event.nativeEvent, platform);
    if (!accelerator) return; // only modifiers so far
    setDraft({ ...draft!, [action]: accelerator });
    setListening(null);
  }

  async function save(): Promise<void> {
    if (await run(() => useHotkeys.getState().save(draft!))) notify('success', t('hotkeys.saved'));
  }

  function status(action: HotkeyAction): { text: string; level: 'ok' | 'warn' | 'fail' | 'none' } {
    const problem = problems.find((p) => p.action === action);
    if (problem?.other) return { text: t('hotkeys.duplicateOf', { other: actionName(problem.other) }), level: 'fail' };
    if (problem) return { text: msg(problem.code), level: 'fail' };
    if (changed || draft![action] === null || !state!.shell) return { text: '', level: 'none' };
    if (state!.shell.taken.includes(action)) return { text: msg('hotkey_taken'), level: 'warn' };
    if (state!.shell.registered.includes(action)) return { text: t('hotkeys.active'), level: 'ok' };
    return { text: '', level: 'none' };
  }

  return (
    <section className="hotkeys" aria-labelledby="hotkeys-title" data-testid="hotkeys">
      <h2 id="hotkeys-title" className="settings__subtitle">
        {t('hotkeys.title')}
      </h2>
      <p className="muted hotkeys__explain">{t('hotkeys.explain')}</p>
      {transport !== 'electron' ? <p className="muted">{t('hotkeys.webOnly')}</p> : null}
      {transport === 'electron' && !state.shell ? <p className="muted">{t('hotkeys.notRegistered')}</p> : null}
      <table className="hotkeys__table">
        <tbody>
          {HOTKEY_ACTIONS.map((action) => {
            const binding = draft[action];
            const { text, level } = status(action);
            return (
              <tr key={action} data-testid={`hotkey-${action}`} data-level={level}>
                <th scope="row">{actionName(action)}</th>
                <td>
                  <button
                    type="button"
                    className={`hotkeys__key${listening === action ? ' is-listening' : ''}`}
                    aria-label={t('hotkeys.editNamed', { action: actionName(action) })}
                    aria-pressed={listening === action}
                    onClick={() => setListening(listening === action ? null : action)}
                    onKeyDown={(event) => onKey(action, event)}
                    onBlur={() => setListening((now) => (now === action ? null : now))}
                  >
                    {listening === action ? (
                      t('hotkeys.press')
                    ) : binding ? (
                      <kbd>{acceleratorLabel(binding, platform)}</kbd>
                    ) : (
                      t('hotkeys.off')
                    )}
                  </button>
                </td>
                <td className={`hotkeys__status is-${level}`} role={level === 'fail' ? 'alert' : undefined}>
                  {text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="hotkeys__actions">
        <Button variant="primary" onClick={() => void save()} disabled={!changed || problems.length > 0 || saving}>
          {t('hotkeys.save')}
        </Button>
        <Button onClick={() => setDraft(DEFAULT_HOTKEYS)}>{t('hotkeys.reset')}</Button>
      </div>
    </section>
  );
}
