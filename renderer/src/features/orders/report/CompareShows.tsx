// "Compare with other shows": up to four shows that went live, chosen by checkbox in a disclosure (a list of
// checkboxes is a multi-select that every keyboard and screen reader already knows).
import { useEffect } from 'react';
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { useT, type Translator } from '../../../i18n/index.ts';
import { useLive } from '../../../stores/live.ts';
import { orderTime } from '../format.ts';

export const MAX_COMPARED = 4;

/** A show as the legend and the tooltip name it: its title, or its number when it has none. */
export function showName(t: Translator['t'], sessions: readonly Session[], id: number): string {
  const title = sessions.find((s) => s.id === id)?.title;
  return title || t('orders.filter.sessionNo', { id });
}

interface CompareShowsProps {
  sessionId: number;
  chosen: readonly number[];
  onChange: (chosen: number[]) => void;
}

export function CompareShows({ sessionId, chosen, onChange }: CompareShowsProps) {
  const { t, locale } = useT();
  const sessions = useLive((s) => s.sessions);
  const sessionsLoaded = useLive((s) => s.sessionsLoaded);

  useEffect(() => {
    if (!sessionsLoaded) void useLive.getState().loadSessions();
  }, [sessionsLoaded]);

  // Ended shows only: one that never went live has no clock to compare on, and a compared show is read once, so
  // one still live would fall behind.
  const others = sessions.filter((s) => s.id !== sessionId && s.state === 'ended' && s.startedAt !== null);
  const full = chosen.length >= MAX_COMPARED;
  const toggle = (id: number, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));

  return (
    <details className="sales-compare">
      <summary>
        {chosen.length > 0
          ? t('orders.report.compareChosen', { count: chosen.length, most: MAX_COMPARED })
          : t('orders.report.compare')}
      </summary>
      <fieldset className="sales-compare__list">
        <legend className="visually-hidden">{t('orders.report.compareLegend', { most: MAX_COMPARED })}</legend>
        {others.length === 0 ? <p className="muted">{t('orders.report.compareNone')}</p> : null}
        {others.map((s) => {
          const on = chosen.includes(s.id);
          return (
            <label key={s.id} className="sales-compare__show">
              <input
                type="checkbox"
                checked={on}
                disabled={!on && full}
                onChange={(e) => toggle(s.id, e.currentTarget.checked)}
              />{' '}
              {showName(t, sessions, s.id)}
              <span className="muted"> · {orderTime(locale, s.startedAt!)}</span>
            </label>
          );
        })}
        {full ? <p className="muted">{t('orders.report.compareFull', { most: MAX_COMPARED })}</p> : null}
      </fieldset>
    </details>
  );
}
