// The show's sound, where the host looks: a level meter of the microphone (it keeps moving while muted, so the host
// sees the microphone works), a mute switch that viewers hear at once (the encoder keeps running) with the M key,
// and an alert when the sound has been silent for 10 s while live — a microphone switched off or unplugged is
// otherwise noticed only when viewers start typing "没声音".
import type { StreamState } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useStream } from '../../stores/stream.ts';
import { Button } from '../Button.tsx';
import { isTypingTarget, useWindowKeydown } from '../keys.ts';
import { useCall } from '../useCall.ts';
import { streamCalls } from '../../stores/stream-calls.ts';

/** The meter's range: from -60 dBFS (nothing a viewer would hear) to full scale. */
const FLOOR = -60;

function share(db: number): number {
  return Math.min(1, Math.max(0, (db - FLOOR) / -FLOOR));
}

function Meter({ muted }: { muted: boolean }) {
  const { t } = useT();
  const level = useStream((s) => s.level);
  const peak = level?.peakDb ?? FLOOR;
  return (
    <div
      className={`audio-meter${muted ? ' is-muted' : ''}`}
      role="meter"
      aria-label={t('audio.meter')}
      aria-valuemin={FLOOR}
      aria-valuemax={0}
      aria-valuenow={Math.round(Math.max(FLOOR, peak))}
      aria-valuetext={level ? t('audio.meterValue', { db: Math.round(Math.max(FLOOR, peak)) }) : t('audio.meterNone')}
      data-testid="audio-meter"
      data-db={Math.round(peak)}
    >
      {/* Moved by transform, without transitions: ten updates a second must not keep the page repainting. */}
      <span className="audio-meter__rms" style={{ transform: `scaleX(${share(level?.rmsDb ?? FLOOR)})` }} />
      <span className="audio-meter__peak" style={{ transform: `translateX(${share(peak) * 100}cqw)` }} />
    </div>
  );
}

export function AudioBar({ state }: { state: StreamState }) {
  const { t } = useT();
  const { run, busy } = useCall();
  const audio = state.audio;
  const muted = audio?.muted ?? false;
  const live = state.phase === 'live';

  async function toggle(): Promise<void> {
    if (busy || !live) return;
    await run(() => streamCalls.setMuted(!muted));
  }

  // M mutes and unmutes, wherever the bar is shown (the stream screen, the console); never while typing.
  useWindowKeydown((event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
    if (event.key !== 'm' && event.key !== 'M') return;
    event.preventDefault();
    void toggle();
  });

  if (!audio) return null;
  return (
    <div className="audio-bar" data-testid="audio-bar" data-muted={muted}>
      <Meter muted={muted} />
      <Button
        size="small"
        variant={muted ? 'danger' : undefined}
        aria-pressed={muted}
        aria-keyshortcuts="M"
        onClick={() => void toggle()}
        disabled={!live}
        data-testid="mute-toggle"
      >
        {muted ? t('audio.muted') : t('audio.mute')} <kbd>M</kbd>
      </Button>
      {audio.silentSeconds !== null ? (
        <p className="audio-bar__silent callout callout--warning" role="alert" data-testid="audio-silent">
          {t('audio.silent', { seconds: audio.silentSeconds })}
        </p>
      ) : null}
    </div>
  );
}
