// When a session is, in the terms that matter now: the countdown to a planned one, the running clock of the
// live one, how long an ended one lasted. Ticks every second.
import type { Session } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { countdownParts, dateTimeWithWeekday } from './format.ts';
import { clock } from '../../ui/clock.ts';
import { useNow } from '../../ui/useNow.ts';

export function Countdown({ plannedAt }: { plannedAt: number | null }) {
  const { t } = useT();
  const now = useNow();
  if (plannedAt === null) return <span className="muted">{t('live.noPlannedTime')}</span>;
  const left = plannedAt - now;
  if (left <= 0) {
    return (
      <span className="countdown countdown--due" data-testid="countdown">
        {t('live.countdownDue')}
      </span>
    );
  }
  const { days, time } = countdownParts(left);
  const text = days > 0 ? t('live.countdownDays', { days, time }) : time;
  return (
    <span className="countdown" data-testid="countdown">
      {t('live.countdown', { time: text })}
    </span>
  );
}

export function SessionClock({ startedAt, label }: { startedAt: number; label: string }) {
  const now = useNow();
  return (
    <time className="session-clock" role="timer" aria-label={label} data-testid="session-clock">
      {clock(now - startedAt)}
    </time>
  );
}

export function SessionTiming({ session }: { session: Session }) {
  const { t, locale } = useT();
  if (session.state === 'live' && session.startedAt !== null) {
    return <SessionClock startedAt={session.startedAt} label={t('live.clockLabel')} />;
  }
  if (session.state === 'ended' && session.startedAt !== null && session.endedAt !== null) {
    return (
      <span className="muted">
        {t('live.endedSummary', {
          when: dateTimeWithWeekday(locale, session.startedAt),
          duration: clock(session.endedAt - session.startedAt),
        })}
      </span>
    );
  }
  return (
    <span className="session-timing">
      {session.plannedAt !== null ? (
        <span className="muted">{dateTimeWithWeekday(locale, session.plannedAt)}</span>
      ) : null}
      <Countdown plannedAt={session.plannedAt} />
    </span>
  );
}
