// What one destination is doing during a show, better than OBS's "reconnecting in N s (attempt K)": the
// countdown ticks on the studio's clock, the reason is in words, "Reconnect now" skips the wait, and a key the
// platform keeps refusing says so (with what to do) instead of retrying forever; and a destination that is not
// live can get a new key (and address) right here, without ending the show (the core restarts its publisher).
import type { StreamDestination } from '../../../../electron/core/protocol/contract.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { useCall } from '../../ui/useCall.ts';
import { useNow } from '../../ui/useNow.ts';
import { streamCalls } from '../../stores/stream-calls.ts';
import { reasonText } from './describe.ts';
import { bytesText, kbpsText } from '../../ui/stream/rates.ts';

type Live = NonNullable<StreamDestination['live']>;

const PHASE_LABEL: Record<Live['phase'], MessageKey> = {
  idle: 'stream.dest.idle',
  connecting: 'stream.dest.connecting',
  live: 'stream.dest.live',
  reconnecting: 'stream.dest.reconnecting',
  failed: 'stream.dest.failed',
  stopped: 'stream.dest.stopped',
};

function Countdown({ retryAt, attempt }: { retryAt: number; attempt: number | null }) {
  const { t } = useT();
  const now = useNow();
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return (
    <span className="stream-dest__countdown" role="timer" data-testid="reconnect-countdown" data-seconds={seconds}>
      {seconds > 0
        ? t('stream.dest.reconnectingIn', { seconds, attempt: attempt ?? 1 })
        : t('stream.dest.reconnectingNow', { attempt: attempt ?? 1 })}
    </span>
  );
}

/** Phases in which the core takes a new key or address mid-show: anything but live (a working stream is not cut). */
const REPLACEABLE: ReadonlySet<Live['phase']> = new Set(['connecting', 'reconnecting', 'failed']);

interface DestinationStatusProps {
  destination: StreamDestination;
  live: Live;
  onReplaceKey(): void;
}

export function DestinationStatus({ destination, live, onReplaceKey }: DestinationStatusProps) {
  const tr = useT();
  const { t, locale } = tr;
  const { run, busy } = useCall();
  const canRetry = live.phase === 'reconnecting' || live.phase === 'failed';
  const keyRejected = live.phase === 'failed' && live.reason === 'key_rejected';

  async function reconnect(): Promise<void> {
    await run(() => streamCalls.reconnect(destination.id));
  }

  return (
    <div className={`stream-dest__status is-${live.phase}`} data-testid="destination-status" data-phase={live.phase}>
      <p className="stream-dest__phase">
        <span className="stream-dest__dot" aria-hidden="true" />
        <strong>
          {keyRejected ? (
            t('stream.dest.keyRejected')
          ) : live.phase === 'reconnecting' && live.retryAt !== null ? (
            <Countdown retryAt={live.retryAt} attempt={live.attempt} />
          ) : (
            t(PHASE_LABEL[live.phase])
          )}
        </strong>
        {live.phase === 'connecting' && live.attempt !== null && live.attempt > 1 ? (
          <span className="muted"> · {t('stream.dest.attempt', { attempt: live.attempt })}</span>
        ) : null}
        {live.phase === 'live' ? (
          <span className="stream-dest__kbps" data-testid="destination-kbps" data-kbps={Math.round(live.kbps)}>
            · {kbpsText(locale, live.kbps)}
          </span>
        ) : null}
      </p>
      {live.reason ? (
        <p
          className={keyRejected ? 'stream-dest__reason is-key' : 'stream-dest__reason'}
          role={keyRejected ? 'alert' : undefined}
          data-testid="destination-reason"
        >
          {reasonText(tr, live.reason)}
          {live.detail ? (
            <span className="stream-dest__detail" data-testid="destination-detail">
              {' '}
              ({live.detail})
            </span>
          ) : null}
          {keyRejected ? <span className="stream-dest__hint"> {t('stream.dest.keyRejectedHint')}</span> : null}
        </p>
      ) : null}
      <p className="muted stream-dest__numbers">
        {t('stream.dest.sent', { bytes: bytesText(locale, live.bytesSent) })}
        {live.reconnects > 0 ? ` · ${t('stream.dest.reconnects', { count: live.reconnects })}` : ''}
        {live.droppedTags > 0 ? ` · ${t('stream.dest.droppedTags', { count: live.droppedTags })}` : ''}
      </p>
      {canRetry || REPLACEABLE.has(live.phase) ? (
        <div className="stream-dest__retry">
          {canRetry ? (
            <Button size="small" onClick={() => void reconnect()} disabled={busy}>
              <span aria-hidden="true">↻</span> {t('stream.dest.reconnectNow')}
            </Button>
          ) : null}
          {REPLACEABLE.has(live.phase) ? (
            <Button
              size="small"
              variant={keyRejected ? 'primary' : 'secondary'}
              onClick={onReplaceKey}
              aria-label={t('stream.dest.replaceKeyNamed', { name: destination.name })}
            >
              {t('stream.dest.replaceKey')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
