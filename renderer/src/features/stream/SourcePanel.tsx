// What is encoded from: the test pattern, or a camera and a microphone as ffmpeg lists them on this machine. Each
// change is saved at once (`stream.saveSettings`), so Go Live always sends what the host sees here; it all waits
// while a show runs.
import { useEffect, useId, useState } from 'react';
import type { SourceChoice, StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useStream, type StreamDevice } from '../../stores/stream.ts';
import { Button } from '../../ui/Button.tsx';

import { useSaveSettings } from './useSaveSettings.ts';

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
