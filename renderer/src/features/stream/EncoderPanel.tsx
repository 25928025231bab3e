// The encoder as found on this machine (`stream.probe`, asked once when the screen opens): ffmpeg's version,
// the H.264 encoders that work, and whether it can push RTMPS — or, when there is none, what to do about it.
import { useEffect } from 'react';
import { useT } from '../../i18n/index.ts';
import { useStream } from '../../stores/stream.ts';
import { Button } from '../../ui/Button.tsx';

export function EncoderPanel() {
  const { t, msg } = useT();
  const probe = useStream((s) => s.probe);
  const needsProbe = probe.value === null && !probe.loading && probe.error === null;

  useEffect(() => {
    if (needsProbe) void useStream.getState().loadProbe();
  }, [needsProbe]);

  const ffmpeg = probe.value?.ffmpeg;
  // The core probes once per launch and tries again only after a failure: checking again is for that case.
  const unusable = probe.error !== null || (probe.value !== null && (!ffmpeg || ffmpeg.version === null));
  return (
    <section className="stream-panel stream-encoder" aria-labelledby="stream-encoder-title" data-testid="encoder-panel">
      <header className="stream-panel__header">
        <h2 id="stream-encoder-title" className="stream-panel__title">
          {t('stream.encoder.title')}
        </h2>
        {unusable ? (
          <Button
            size="small"
            variant="ghost"
            disabled={probe.loading}
            onClick={() => void useStream.getState().loadProbe(true)}
          >
            <span aria-hidden="true">↻</span> {t('stream.encoder.recheck')}
          </Button>
        ) : null}
      </header>
      {probe.loading ? (
        <p className="stream-loading" role="status">
          <span className="stream-spinner" aria-hidden="true" /> {t('stream.encoder.checking')}
        </p>
      ) : null}
      {probe.error ? (
        <p className="callout callout--danger" role="alert">
          {probe.error}
        </p>
      ) : null}
      {probe.value && !ffmpeg ? (
        <p className="callout callout--danger" role="alert" data-testid="no-ffmpeg">
          {msg('stream_no_ffmpeg')}
        </p>
      ) : null}
      {ffmpeg ? (
        <dl className="stream-facts">
          <dt>{t('stream.encoder.version')}</dt>
          <dd data-testid="ffmpeg-version">{ffmpeg.version ?? t('stream.encoder.unknownVersion')}</dd>
          <dt>{t('stream.encoder.path')}</dt>
          <dd className="mono">{ffmpeg.path}</dd>
          <dt>{t('stream.encoder.h264')}</dt>
          <dd>
            {ffmpeg.h264Encoders.length > 0 ? (
              <span className="mono">{ffmpeg.h264Encoders.join(', ')}</span>
            ) : (
              <span className="stream-facts__bad">{msg('stream_no_encoder')}</span>
            )}
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
