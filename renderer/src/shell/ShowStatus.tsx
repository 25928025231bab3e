// The running show on every screen: LIVE, the show's clock, its title, and a dot per destination (the host's
// window: live, reconnecting, failed), or REHEARSAL when nothing is broadcast. A click opens its console.
import type { StreamState } from '../../../electron/core/protocol/contract.ts';
import { clock } from '../ui/clock.ts';
import { useT } from '../i18n/index.ts';
import { useRunningShow } from '../stores/live.ts';
import { useRoute } from '../stores/route.ts';
import { useStream } from '../stores/stream.ts';
import { useNow } from '../ui/useNow.ts';

type Dot = { id: number; name: string; phase: string };

function dotsOf(state: StreamState | null): Dot[] {
  if (!state || (state.phase !== 'live' && state.phase !== 'starting')) return [];
  return state.destinations
    .filter((d) => d.enabled)
    .map((d) => ({ id: d.id, name: d.name, phase: d.live?.phase ?? 'connecting' }));
}

export function ShowStatus() {
  const { t } = useT();
  const now = useNow();
  const live = useRunningShow();
  const stream = useStream((s) => s.state);
  const go = useRoute((s) => s.go);
  if (!live || live.startedAt === null) return null;
  const dots = dotsOf(stream);
  const broadcasting = dots.length > 0;
  return (
    <a
      className={`show-status ${broadcasting || !stream ? 'is-live' : 'is-rehearsal'}`}
      href={`#/live/${live.id}`}
      data-testid="show-status"
      onClick={(e) => {
        e.preventDefault();
        go('live', String(live.id));
      }}
    >
      <span className="show-status__badge">{stream && !broadcasting ? t('show.rehearsal') : 'LIVE'}</span>
      <time role="timer" aria-label={t('show.clock')}>
        {clock(now - live.startedAt)}
      </time>
      <span className="show-status__title">{live.title || t('live.untitled')}</span>
      {dots.length > 0 ? (
        <span className="show-status__dots" aria-label={t('show.destinations')}>
          {dots.map((dot) => (
            <span
              key={dot.id}
              className={`show-status__dot is-${dot.phase}`}
              title={`${dot.name}: ${t(`show.phase.${dot.phase}` as 'show.phase.live')}`}
              data-testid="show-status-dot"
              data-phase={dot.phase}
            />
          ))}
        </span>
      ) : null}
    </a>
  );
}
