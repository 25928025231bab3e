// The big picture: a low-rate image of what is being encoded (the core's `stream.preview` frames), in the
// shape of the chosen preset, with "LIVE 00:12:34" over it while on air (and a stand-in badge while the test
// pattern covers for a lost camera). Idle, it says what will be sent.
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useStream } from '../../stores/stream.ts';
import { useNow } from '../../ui/useNow.ts';
import { clock } from '../../ui/clock.ts';
import { presetSize, PRESET_LABEL } from './describe.ts';

function LiveBadge({ startedAt }: { startedAt: number }) {
  const { t } = useT();
  const now = useNow();
  return (
    <span className="stream-preview__live" data-testid="live-badge">
      <span className="stream-preview__dot" aria-hidden="true" />
      {t('stream.liveBadge')}{' '}
      <time role="timer" aria-label={t('stream.timeLive')}>
        {clock(now - startedAt)}
      </time>
    </span>
  );
}

export function StreamPreview({ state }: { state: StreamState }) {
  const { t } = useT();
  const preview = useStream((s) => s.preview);
  const { phase, settings, startedAt } = state;
  const portrait = settings.preset === 'vertical';
  const running = phase === 'starting' || phase === 'live' || phase === 'stopping';
  const source = settings.source.kind === 'test-pattern' ? t('stream.source.testPattern') : t('stream.source.devices');

  return (
    <figure
      className={`stream-preview ${portrait ? 'stream-preview--portrait' : 'stream-preview--landscape'}`}
      data-testid="stream-preview"
      data-phase={phase}
    >
      {preview && running ? (
        <img
          className="stream-preview__image"
          src={preview.url}
          alt={t('stream.previewAlt')}
          data-frame={preview.count}
          data-testid="preview-image"
        />
      ) : (
        <div className="stream-preview__placeholder">
          {running ? (
            <>
              <span className="stream-spinner" aria-hidden="true" />
              <span>{t('stream.previewWaiting')}</span>
            </>
          ) : (
            <>
              <span className="stream-preview__label">{t('stream.preview')}</span>
              <span className="muted">
                {t('stream.previewIdle', {
                  source,
                  preset: t(PRESET_LABEL[settings.preset]),
                  size: presetSize(settings.preset),
                })}
              </span>
            </>
          )}
        </div>
      )}
      {phase === 'live' && startedAt !== null ? <LiveBadge startedAt={startedAt} /> : null}
      {running && state.source.fallback ? (
        <span className="stream-preview__standin" data-testid="standin-badge">
          {t('stream.sourceLost.badge')}
        </span>
      ) : null}
      {phase === 'starting' ? <span className="stream-preview__state">{t('stream.phase.starting')}</span> : null}
      {phase === 'stopping' ? <span className="stream-preview__state">{t('stream.phase.stopping')}</span> : null}
    </figure>
  );
}
