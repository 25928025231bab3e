// Stream health while a show runs, the numbers OBS shows and a few it does not: time live, encoder frame rate
// and speed, what goes out, dropped frames, CPU; and, when the encoder falls behind real time, what to do.
import type { ReactNode } from 'react';
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useNow } from '../useNow.ts';
import { clock } from '../clock.ts';
import { kbpsText } from './rates.ts';

function Uptime({ startedAt }: { startedAt: number | null }) {
  const now = useNow();
  return <>{startedAt === null ? '—' : clock(now - startedAt)}</>;
}

export function HealthStrip({ state }: { state: StreamState }) {
  const { t, msg, locale } = useT();
  const { health, settings, encoder } = state;
  const outKbps = state.destinations.reduce((sum, d) => sum + (d.live?.phase === 'live' ? d.live.kbps : 0), 0);
  const number = (value: number, digits: number) =>
    value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

  const items: Array<{ id: string; label: string; value: ReactNode; warn?: boolean }> = [
    { id: 'uptime', label: t('stream.health.uptime'), value: <Uptime startedAt={state.startedAt} /> },
    {
      id: 'fps',
      label: t('stream.health.fps'),
      value: `${number(health.fps, health.fps >= 10 ? 0 : 1)} / ${settings.fps}`,
      warn: health.fps > 0 && health.fps < settings.fps * 0.9,
    },
    {
      id: 'speed',
      label: t('stream.health.speed'),
      value: health.speed === null ? '—' : `${number(health.speed, 2)}×`,
      warn: health.overloaded,
    },
    { id: 'bitrate', label: t('stream.health.bitrate'), value: kbpsText(locale, outKbps) },
    {
      id: 'dropped',
      label: t('stream.health.dropped'),
      value: health.droppedFrames.toLocaleString(locale),
      warn: health.droppedFrames > 0,
    },
    {
      id: 'cpu',
      label: t('stream.health.cpu'),
      value: health.cpuPercent === null ? '—' : `${Math.round(health.cpuPercent)}%`,
    },
  ];

  return (
    <section className="stream-health" aria-label={t('stream.health.title')} data-testid="stream-health">
      <dl className="stream-health__list">
        {items.map((item) => (
          <div key={item.id} className={`stream-health__item ${item.warn ? 'is-warning' : ''}`}>
            <dt>{item.label}</dt>
            <dd data-testid={`health-${item.id}`}>{item.value}</dd>
          </div>
        ))}
      </dl>
      {encoder ? (
        encoder.fallbackReason ? (
          <details className="muted stream-health__encoder" data-testid="encoder-fallback">
            <summary>{t('stream.health.encoderFallback', { name: encoder.name })}</summary>
            {encoder.fallback ? (
              <p>{msg(encoder.fallback.code, { tried: encoder.fallback.tried.join('、') })}</p>
            ) : null}
            {/* ffmpeg's own words stay English: labelled as such, for whoever helps the seller. */}
            <p className="mono">
              {t('stream.technicalDetail')}: {encoder.fallbackReason}
            </p>
          </details>
        ) : (
          <p className="muted stream-health__encoder">{t('stream.health.encoder', { name: encoder.name })}</p>
        )
      ) : null}
      {health.overloaded ? (
        <div className="callout callout--warning" role="alert" data-testid="overload-warning">
          <p className="callout__title">{t('stream.overloadTitle')}</p>
          <p>{t('stream.overloadBody')}</p>
        </div>
      ) : null}
    </section>
  );
}
