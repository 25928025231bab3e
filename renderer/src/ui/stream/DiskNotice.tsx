// The recording's disk during a show, and a keychain that will not open: things the host must hear about while
// there is still time to act. Alerts when they appear; their text changes only with the situation (the state
// arrives every second), so a screen reader is not told again and again.
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useStream } from '../../stores/stream.ts';

const GiB = 1024 ** 3;

function DiskText({ disk, compact }: { disk: StreamState['disk']; compact?: boolean }) {
  const { t } = useT();
  if (disk.level === 'critical' || disk.recordingStopped) {
    return <>{t(compact ? 'stream.disk.stoppedShort' : 'stream.disk.stopped')}</>;
  }
  const free = ((disk.freeBytes ?? 0) / GiB).toFixed(1);
  return <>{t('stream.disk.low', { free, minutes: disk.minutesLeft ?? 0 })}</>;
}

function showing(state: StreamState | null): state is StreamState {
  const running = state?.phase === 'live' || state?.phase === 'starting' || state?.phase === 'stopping';
  return running && (state.disk.level !== 'ok' || state.disk.recordingStopped);
}

/** The stream screen's banner. */
export function DiskBanner({ state }: { state: StreamState }) {
  if (!showing(state)) return null;
  const danger = state.disk.level === 'critical' || state.disk.recordingStopped;
  return (
    <div className={`callout ${danger ? 'callout--danger' : 'callout--warning'}`} data-testid="disk-notice">
      <p className="callout__title" role="alert" data-level={state.disk.level}>
        <DiskText disk={state.disk} />
      </p>
    </div>
  );
}

/** The live console's one-line version (host only: an assistant's window has no stream state). */
export function DiskNotice() {
  const state = useStream((s) => s.state);
  if (!showing(state)) return null;
  const danger = state.disk.level === 'critical' || state.disk.recordingStopped;
  return (
    <div
      className={`callout ${danger ? 'callout--danger' : 'callout--warning'} is-compact`}
      data-testid="disk-notice-console"
    >
      <p className="callout__title" role="alert">
        <DiskText disk={state.disk} compact />
      </p>
    </div>
  );
}

/**
 * The stream keys' data key is out of reach: the OS keychain will not open it, or it is the desktop app's and this is
 * the browser studio. Say why keys look missing.
 */
export function KeysLockedBanner({ state }: { state: StreamState }) {
  const tr = useT();
  if (state.keys !== 'locked' && state.keys !== 'desktop') return null;
  return (
    <div className="callout callout--danger" data-testid="keys-locked">
      <p className="callout__title" role="alert">
        {tr.msg(state.keys === 'desktop' ? 'secrets_in_desktop' : 'secrets_locked')}
      </p>
    </div>
  );
}
