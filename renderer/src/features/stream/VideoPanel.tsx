// How it is encoded: the picture size, frame rate and bitrate (saved when the field is left or Enter is pressed),
// and the low-latency option. Each change is saved at once (`stream.saveSettings`); it all waits while a show runs.
import { useId, useState } from 'react';
import type { StreamSettings, StreamState } from '../../../../electron/core/protocol/contract.ts';
import { PLATFORM_PRESETS } from '../../../../electron/core/protocol/stream-presets.ts';
import { VIDEO_PRESETS } from '../../../../electron/core/protocol/choices.ts';
import { useT } from '../../i18n/index.ts';
import { Switch } from '../../ui/Switch.tsx';
import { bitrateLimit, PLATFORM_LABEL, presetSize, PRESET_LABEL } from './describe.ts';

import { useSaveSettings } from './useSaveSettings.ts';

const MIN_KBPS = 300;
const MAX_KBPS = 20_000;
const FPS_CHOICES = [25, 30, 60] as const;

export function VideoPanel({ state, locked }: { state: StreamState; locked: boolean }) {
  const { t } = useT();
  const save = useSaveSettings();
  const fpsId = useId();
  const kbpsId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [kbpsError, setKbpsError] = useState<string | null>(null);
  const { settings } = state;
  const limit = bitrateLimit(state.destinations);
  const verticalPlatforms = [
    ...new Set(
      state.destinations.filter((d) => d.enabled && PLATFORM_PRESETS[d.platform].vertical).map((d) => d.platform),
    ),
  ];

  function commitKbps(): void {
    if (draft === null) return;
    const kbps = Number(draft.trim());
    if (!Number.isInteger(kbps) || kbps < MIN_KBPS || kbps > MAX_KBPS) {
      setKbpsError(t('stream.video.kbpsRange', { min: MIN_KBPS, max: MAX_KBPS }));
      return;
    }
    setDraft(null);
    setKbpsError(null);
    if (kbps !== settings.videoKbps) void save({ ...settings, videoKbps: kbps });
  }

  const shownKbps = draft ?? String(settings.videoKbps);
  const overLimit = limit !== null && settings.videoKbps > limit.maxKbps;
  const kbpsDescribedBy = [kbpsError ? `${kbpsId}-error` : '', overLimit ? `${kbpsId}-warning` : '', `${kbpsId}-hint`]
    .filter(Boolean)
    .join(' ');

  return (
    <section className="stream-panel" aria-labelledby="stream-video-title">
      <header className="stream-panel__header">
        <h2 id="stream-video-title" className="stream-panel__title">
          {t('stream.video.title')}
        </h2>
      </header>
      {locked ? <p className="muted stream-panel__note">{t('stream.video.locked')}</p> : null}
      <div className="field">
        <span className="field__label" id={`${fpsId}-preset`}>
          {t('stream.video.preset')}
        </span>
        <div className="segmented stream-presets" role="group" aria-labelledby={`${fpsId}-preset`}>
          {VIDEO_PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              className="segmented__item"
              aria-pressed={settings.preset === preset}
              disabled={locked}
              onClick={() => {
                if (settings.preset !== preset) void save({ ...settings, preset });
              }}
            >
              {t(PRESET_LABEL[preset])}
              <span className="stream-presets__size">{presetSize(preset)}</span>
            </button>
          ))}
        </div>
        {verticalPlatforms.length > 0 && settings.preset !== 'vertical' ? (
          <p className="field__hint">
            {t('stream.video.verticalHint', {
              platforms: verticalPlatforms.map((p) => t(PLATFORM_LABEL[p])).join(' / '),
            })}
          </p>
        ) : null}
      </div>
      <div className="stream-video__row">
        <div className="field">
          <label className="field__label" htmlFor={fpsId}>
            {t('stream.video.fps')}
          </label>
          <select
            id={fpsId}
            className="field__input"
            value={settings.fps}
            disabled={locked}
            onChange={(e) => void save({ ...settings, fps: Number(e.currentTarget.value) as StreamSettings['fps'] })}
          >
            {FPS_CHOICES.map((fps) => (
              <option key={fps} value={fps}>
                {fps} fps
              </option>
            ))}
          </select>
        </div>
        <div className={`field ${kbpsError ? 'field--invalid' : ''}`}>
          <label className="field__label" htmlFor={kbpsId}>
            {t('stream.video.kbps')}
          </label>
          <input
            id={kbpsId}
            className="field__input"
            inputMode="numeric"
            value={shownKbps}
            disabled={locked}
            aria-invalid={kbpsError ? true : undefined}
            aria-describedby={kbpsDescribedBy}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setKbpsError(null);
            }}
            onBlur={commitKbps}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitKbps();
              } else if (e.key === 'Escape' && draft !== null) {
                e.preventDefault();
                setDraft(null);
                setKbpsError(null);
              }
            }}
          />
          {kbpsError ? (
            <p id={`${kbpsId}-error`} className="field__error">
              {kbpsError}
            </p>
          ) : null}
        </div>
      </div>
      {overLimit ? (
        <p id={`${kbpsId}-warning`} className="callout callout--warning" data-testid="bitrate-warning">
          {t('stream.video.overLimit', { platform: t(PLATFORM_LABEL[limit.platform]), max: limit.maxKbps })}
        </p>
      ) : null}
      <p id={`${kbpsId}-hint`} className="field__hint">
        {t('stream.video.kbpsHint')}
      </p>
      <div className="stream-switches">
        <Switch
          checked={settings.lowLatency}
          label={t('stream.video.lowLatency')}
          detail={t('stream.video.lowLatencyHint')}
          disabled={locked}
          onChange={(lowLatency) => void save({ ...settings, lowLatency })}
        />
        <Switch
          checked={settings.hardware}
          label={t('stream.video.hardware')}
          detail={t('stream.video.hardwareHint')}
          disabled={locked}
          onChange={(hardware) => void save({ ...settings, hardware })}
        />
        <Switch
          checked={settings.record}
          label={t('stream.video.record')}
          detail={t('stream.video.recordHint')}
          disabled={locked}
          onChange={(record) => void save({ ...settings, record })}
        />
      </div>
    </section>
  );
}
