// 直播: where the host goes live. The preview (with the health numbers under it while on air) beside Go Live and
// where the show goes — each destination with its own state, in view while live — then what is encoded (source,
// video, encoder).
// Host only: an assistant's window never shows this place (App.tsx), and the core refuses it stream.* anyway.
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useStream } from '../../stores/stream.ts';
import { Screen } from '../../ui/Screen.tsx';
import { DestinationList } from './DestinationList.tsx';
import { EncoderPanel } from './EncoderPanel.tsx';
import { GoLivePanel } from './GoLivePanel.tsx';
import { HealthStrip } from '../../ui/stream/HealthStrip.tsx';
import { SourcePanel } from './SourcePanel.tsx';
import { VideoPanel } from './VideoPanel.tsx';
import { SourceLostBanner } from '../../ui/stream/SourceLost.tsx';
import { DiskBanner, KeysLockedBanner } from '../../ui/stream/DiskNotice.tsx';
import { StreamPreview } from './StreamPreview.tsx';
import { PreflightPanel } from './PreflightPanel.tsx';
import { AudioBar } from '../../ui/stream/AudioBar.tsx';
import { OverlayPanel } from '../overlay/OverlayPanel.tsx';
import { LoadFailed } from '../../ui/LoadFailed.tsx';

const PHASE_LABEL: Record<string, MessageKey> = {
  idle: 'stream.phase.idle',
  starting: 'stream.phase.starting',
  live: 'stream.phase.live',
  stopping: 'stream.phase.stopping',
  failed: 'stream.phase.failed',
};

export function StreamScreen() {
  const { t } = useT();
  const state = useStream((s) => s.state);
  const error = useStream((s) => s.error);

  if (!state) {
    return (
      <Screen name="stream" title={t('nav.stream')}>
        {error ? (
          <LoadFailed
            message={t('stream.loadFailed', { message: error })}
            retryLabel={t('stream.retry')}
            onRetry={() => void useStream.getState().refetch()}
          />
        ) : (
          <p className="muted stream-loading" role="status">
            <span className="stream-spinner" aria-hidden="true" /> {t('stream.loading')}
          </p>
        )}
      </Screen>
    );
  }

  const running = state.phase === 'starting' || state.phase === 'live' || state.phase === 'stopping';
  return (
    <Screen
      name="stream"
      title={t('nav.stream')}
      actions={
        <span className={`stream-phase is-${state.phase}`} data-testid="stream-phase" data-phase={state.phase}>
          {t(PHASE_LABEL[state.phase] ?? 'stream.phase.idle')}
        </span>
      }
    >
      <KeysLockedBanner state={state} />
      <SourceLostBanner state={state} />
      <DiskBanner state={state} />
      <div className="stream-top">
        <div className="stream-stage">
          <StreamPreview state={state} />
          {running ? <AudioBar state={state} /> : null}
          {running ? <HealthStrip state={state} /> : null}
        </div>
        <div className="stream-control">
          <GoLivePanel state={state} />
          <DestinationList state={state} />
          <PreflightPanel state={state} />
        </div>
      </div>
      <div className="stream-settings">
        <SourcePanel state={state} locked={running} />
        <VideoPanel state={state} locked={running} />
        <EncoderPanel />
      </div>
      <OverlayPanel stream={state} />
    </Screen>
  );
}
