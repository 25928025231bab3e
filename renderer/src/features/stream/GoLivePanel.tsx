// The two big moments: Go Live (every reason the core refuses, shown right under it) and End show (asked
// first: a stray click must not end a show). Also what the show does with the picture — where it goes, whether
// it is recorded — and, when the encoder failed, why the show stopped by itself.
import { useState } from 'react';
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useCall } from '../../ui/useCall.ts';
import { useRunningShow } from '../../stores/live.ts';
import { useRoute } from '../../stores/route.ts';
import { refusalReasons, streamCalls } from '../../stores/stream-calls.ts';

export function GoLivePanel({ state }: { state: StreamState }) {
  const tr = useT();
  const { t, msg } = tr;
  const stopping = useCall();
  const dismissing = useCall();
  const [refusal, setRefusal] = useState<string[] | null>(null);
  // A refusal lists every reason at once (going live checks everything) where the button is.
  const starting = useCall({ onError: (_message, error) => setRefusal(refusalReasons(tr, error)) });
  const [confirmingStop, setConfirmingStop] = useState(false);
  const { phase } = state;
  const running = phase === 'starting' || phase === 'live' || phase === 'stopping';
  const enabled = state.destinations.filter((d) => d.enabled).length;
  // The show this stream belongs to (one 开播 starts both; see the console).
  const show = useRunningShow();
  const go = useRoute((s) => s.go);
  const record = state.settings.record;

  // Through the store: its start waits for a settings save in flight first, and `starting.busy` covers that too.
  async function goLive(): Promise<void> {
    if (starting.busy || running) return;
    setRefusal(null);
    await starting.run(() => streamCalls.start());
  }

  async function stop(endShow: boolean): Promise<void> {
    if (stopping.busy) return;
    // Ending the show stops its stream too (that state follows by event); stopping the stream alone answers with it.
    const stopped =
      endShow && show
        ? await stopping.call('show.end', { sessionId: show.id })
        : await stopping.run(() => streamCalls.stop());
    if (!stopped) return;
    setConfirmingStop(false);
    notify('success', t('stream.ended'));
  }

  async function dismissFailure(): Promise<void> {
    await dismissing.run(() => streamCalls.stop());
  }

  const plan =
    enabled > 0
      ? t(record ? 'stream.planSendRecord' : 'stream.planSend', { count: enabled })
      : record
        ? t('stream.planRecordOnly')
        : t('stream.planNothing');

  return (
    <section className="stream-golive" aria-label={t('stream.goLiveSection')}>
      <p className="stream-golive__show muted" data-testid="stream-show">
        {show ? (
          <>
            {t('stream.showOf')}{' '}
            <a
              href={`#/live/${show.id}`}
              onClick={(e) => {
                e.preventDefault();
                go('live', String(show.id));
              }}
            >
              {show.title || t('live.untitled')}
            </a>
          </>
        ) : (
          t('stream.noShow')
        )}
      </p>
      {running ? (
        <Button
          variant="danger"
          className="stream-golive__button stream-golive__button--stop"
          disabled={phase === 'stopping' || stopping.busy}
          onClick={() => setConfirmingStop(true)}
        >
          <span aria-hidden="true">■</span> {phase === 'stopping' ? t('stream.stopping') : t('stream.stop')}
        </Button>
      ) : (
        <Button
          variant="danger"
          className="stream-golive__button"
          aria-disabled={starting.busy ? true : undefined}
          aria-describedby="stream-plan"
          onClick={() => void goLive()}
        >
          <span aria-hidden="true">●</span> {starting.busy ? t('stream.starting') : t('stream.goLive')}
        </Button>
      )}
      <p id="stream-plan" className="muted stream-golive__plan">
        {plan}
      </p>

      {refusal && !running ? (
        <div className="callout callout--danger" role="alert" data-testid="go-live-refusal">
          <p className="callout__title">{t('stream.refused')}</p>
          <ul className="callout__list">
            {refusal.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {phase === 'failed' ? (
        <div className="callout callout--danger" role="alert" data-testid="stream-failed">
          <p className="callout__title">{msg(state.errorCode ?? 'stream_encoder_failed')}</p>
          {state.error ? (
            <details className="stream-golive__detail">
              <summary>{t('stream.technicalDetail')}</summary>
              <pre className="mono">{state.error}</pre>
            </details>
          ) : null}
          <div className="callout__actions">
            <Button size="small" onClick={() => void dismissFailure()}>
              {t('stream.dismiss')}
            </Button>
          </div>
        </div>
      ) : null}

      {running && state.recording.file ? (
        <p className="stream-golive__recording" data-testid="recording-now">
          <span className="stream-golive__rec" aria-hidden="true">
            ●
          </span>{' '}
          {t('stream.recordingTo')} <span className="mono">{state.recording.file}</span>
          {state.recording.becomes ? (
            <>
              {' '}
              {t('stream.recordingBecomes')} <span className="mono">{state.recording.becomes}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {!running && state.recording.lastFile ? (
        <div className="callout callout--success" data-testid="recording-file">
          <p className="callout__title">{t('stream.recordingSaved')}</p>
          <p className="mono stream-golive__file">{state.recording.lastFile}</p>
        </div>
      ) : null}

      {confirmingStop && running ? (
        <ConfirmDialog
          title={t('stream.stopConfirmTitle')}
          confirmLabel={t('stream.stop')}
          danger
          busy={stopping.busy}
          onConfirm={() => void stop(false)}
          onCancel={() => setConfirmingStop(false)}
          alternative={show ? { label: t('stream.stopAndEndShow'), onClick: () => void stop(true) } : undefined}
        >
          <p>{t(state.recording.file ? 'stream.stopConfirmBodyRecord' : 'stream.stopConfirmBody')}</p>
          {show ? <p>{t('stream.stopShowStillLive', { title: show.title || t('live.untitled') })}</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
