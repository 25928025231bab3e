// What is encoded: the source (test pattern, or a camera and a microphone as ffmpeg lists them on this machine)
// and the video settings. Each change is saved at once (`stream.saveSettings`), so Go Live always sends what the
// host sees here; the bitrate is saved when the field is left or Enter is pressed. All of it waits while a show runs.
import { useEffect, useId, useState } from 'react';
import type { SourceChoice, StreamSettings, StreamState } from '../../../../electron/core/protocol/contract.ts';
import { PLATFORM_PRESETS } from '../../../../electron/core/protocol/stream-presets.ts';
import { VIDEO_PRESETS } from '../../../../electron/core/protocol/choices.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';
import { useStream, type StreamDevice } from '../../stores/stream.ts';
import { Button } from '../../ui/Button.tsx';
import { Switch } from '../../ui/Switch.tsx';
import { bitrateLimit, PLATFORM_LABEL, presetSize, PRESET_LABEL } from './describe.ts';

const MIN_KBPS = 300;
const MAX_KBPS = 20_000;
const FPS_CHOICES = [25, 30, 60] as const;

function useSaveSettings() {
  const tr = useT();
  return async (settings: StreamSettings): Promise<boolean> => {
    try {
      await useStream.getState().saveSettings(settings);
      return true;
    } catch (error) {
      notify('error', describeError(tr, error));
      return false;
    }
  };
}

function defaultSource(devices: readonly StreamDevice[]): SourceChoice | null {
  const pick = (kind: StreamDevice['kind']) => {
    const ofKind = devices.filter((d) => d.kind === kind);
    return (ofKind.find((d) => d.isDefault) ?? ofKind[0])?.selector ?? null;
  };
  const video = pick('video');
  const audio = pick('audio');
  return video === null && audio === null ? null : { kind: 'device', video, audio };
}

function DeviceSelect({
  label,
  kind,
  value,
  devices,
  disabled,
  onChange,
}: {
  label: string;
  kind: StreamDevice['kind'];
  value: string | null;
  devices: readonly StreamDevice[];
  disabled: boolean;
  onChange(selector: string | null): void;
}) {
  const { t } = useT();
  const id = useId();
  const ofKind = devices.filter((d) => d.kind === kind);
  const missing = value !== null && !ofKind.some((d) => d.selector === value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      >
        <option value="">{t(kind === 'video' ? 'stream.source.noCamera' : 'stream.source.noMicrophone')}</option>
        {missing ? <option value={value}>{t('stream.source.missingDevice', { name: value })}</option> : null}
        {ofKind.map((device) => (
          <option key={device.selector} value={device.selector}>
            {device.name}
            {device.isDefault ? ` (${t('stream.source.default')})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SourcePanel({ state, locked }: { state: StreamState; locked: boolean }) {
  const tr = useT();
  const { t, msg } = tr;
  const devices = useStream((s) => s.devices);
  const save = useSaveSettings();
  const [wantDevices, setWantDevices] = useState(false);
  const { settings } = state;
  const source = settings.source;
  const mode = source.kind === 'device' || wantDevices ? 'device' : 'test-pattern';
  const list = devices.value?.devices ?? [];
  const needsList = mode === 'device' && devices.value === null && !devices.loading && devices.error === null;

  useEffect(() => {
    if (needsList) void useStream.getState().loadDevices();
  }, [needsList]);

  async function chooseTestPattern(): Promise<void> {
    setWantDevices(false);
    if (source.kind !== 'test-pattern') await save({ ...settings, source: { kind: 'test-pattern' } });
  }

  async function chooseDevices(): Promise<void> {
    setWantDevices(true);
    if (source.kind === 'device') return;
    if (!useStream.getState().devices.value) await useStream.getState().loadDevices();
    const found = defaultSource(useStream.getState().devices.value?.devices ?? []);
    // Nothing to pick: the choice stays on screen with why, and the saved source stays the test pattern.
    if (found) await save({ ...settings, source: found });
  }

  const setDevice = (patch: { video?: string | null; audio?: string | null }) => {
    const current = source.kind === 'device' ? source : { kind: 'device' as const, video: null, audio: null };
    void save({ ...settings, source: { ...current, ...patch } });
  };

  const listProblem = devices.error
    ? devices.error
    : devices.value?.error
      ? msg(devices.value.error)
      : devices.value && list.length === 0
        ? t('stream.source.noneFound')
        : null;

  return (
    <section className="stream-panel" aria-labelledby="stream-source-title">
      <header className="stream-panel__header">
        <h2 id="stream-source-title" className="stream-panel__title">
          {t('stream.source.title')}
        </h2>
      </header>
      <fieldset className="stream-choice" disabled={locked}>
        <legend className="visually-hidden">{t('stream.source.title')}</legend>
        <label className="stream-choice__option">
          <input
            type="radio"
            name="stream-source"
            checked={mode === 'test-pattern'}
            onChange={() => void chooseTestPattern()}
          />
          <span>
            {t('stream.source.testPattern')}
            <span className="stream-choice__detail">{t('stream.source.testPatternHint')}</span>
          </span>
        </label>
        <label className="stream-choice__option">
          <input type="radio" name="stream-source" checked={mode === 'device'} onChange={() => void chooseDevices()} />
          <span>
            {t('stream.source.devices')}
            <span className="stream-choice__detail">{t('stream.source.devicesHint')}</span>
          </span>
        </label>
      </fieldset>
      {mode === 'device' ? (
        <div className="stream-devices" aria-busy={devices.loading}>
          {devices.loading ? (
            <p className="stream-loading" role="status">
              <span className="stream-spinner" aria-hidden="true" /> {t('stream.source.looking')}
            </p>
          ) : null}
          {listProblem && !devices.loading ? (
            <p className="callout callout--warning" role="alert" data-testid="devices-problem">
              {listProblem}
            </p>
          ) : null}
          {devices.value && list.length > 0 ? (
            <>
              <DeviceSelect
                label={t('stream.source.camera')}
                kind="video"
                value={source.kind === 'device' ? source.video : null}
                devices={list}
                disabled={locked || devices.loading}
                onChange={(video) => setDevice({ video })}
              />
              <DeviceSelect
                label={t('stream.source.microphone')}
                kind="audio"
                value={source.kind === 'device' ? source.audio : null}
                devices={list}
                disabled={locked || devices.loading}
                onChange={(audio) => setDevice({ audio })}
              />
            </>
          ) : null}
          <Button
            size="small"
            variant="ghost"
            disabled={devices.loading}
            onClick={() => void useStream.getState().loadDevices()}
          >
            <span aria-hidden="true">↻</span> {t('stream.source.refresh')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

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
