// One running show as the service keeps it: the engine, the secrets to scrub, what was last announced, and the
// health it samples once a second. Pure bookkeeping (no I/O), apart from the service's lifecycle in
// stream-service.ts.
import { refused } from '../protocol/errors.ts';
import type { StreamState } from '../protocol/stream-schemas.ts';
import type { RunningPhases } from './stream-destinations.ts';
import type { Engine, ShowPlan } from './stream-plan.ts';
import type { EngineOptions } from './engine/engine-types.ts';
import type { Publish } from '../publish.ts';
import { phaseKey, redact, sourceOf } from './stream-rules.ts';
import { NO_DISK, type Disk } from './disk-space.ts';
import type { ShowOverlay } from './stream-overlay.ts';
import type { TrackedRecording } from './stream-recordings.ts';

/** The sound silent this long while live (and not muted, and not the stand-in): the host is warned. */
export const SILENCE_WARN_MS = 10_000;

/** The show, when it is live; what a control of the running show (mute, back to the camera) is refused with. */
export function liveShow(show: Show | null, phase: string): Show {
  if (!show || phase !== 'live') throw refused('stream_not_live', 'no show is running');
  return show;
}

/** Below this speed the encoder is falling behind real time… */
const OVERLOAD_SPEED = 0.95;
/** …and after this long of it, the host is told to lower the resolution or bitrate. */
const OVERLOAD_MS = 5_000;

const IDLE_HEALTH: StreamState['health'] = {
  fps: 0,
  speed: null,
  droppedFrames: 0,
  cpuPercent: null,
  overloaded: false,
};
const IDLE_SOURCE: StreamState['source'] = {
  fallback: false,
  lostReason: null,
  lostAt: null,
  restoring: false,
  restoreFailed: false,
};
export const NOT_RUNNING: RunningPhases = new Map();

export interface Show {
  engine: Engine;
  /** The destinations pushed to (ids as in the database). */
  ids: Set<number>;
  /** The keys and publish URLs of this show: scrubbed from every text that leaves the service. */
  secrets: string[];
  recordFile: string | null;
  /** The recording's row in the recordings table (null without a recording). */
  recording: TrackedRecording | null;
  encoder: NonNullable<StreamState['encoder']>;
  /** The destination phases and source state last announced (`announceKey`): a change is announced at once. */
  announced: string;
  slowSince: number | null;
  overloaded: boolean;
  /** Source losses already logged. */
  lossesLogged: number;
  cpuPercent: number | null;
  ticker: ReturnType<typeof setInterval> | null;
  /** engine.stop() and the bookkeeping after it, once begun. */
  ending: Promise<void> | null;
  /** The recording's disk as last read, and when it is read next. */
  disk: Disk;
  nextDiskCheck: number;
  /** The overlay's files for this show, composited by its encoders; null without one. */
  overlay: ShowOverlay | null;
  overlayState: 'composited' | 'unavailable' | null;
  /** What the recording takes per second (video and sound at the show's bitrates). */
  bytesPerSecond: number;
}

/** A show for the plan; its engine is set right after (the engine's callbacks need the show). */
export function newShow(plan: ShowPlan): Show {
  return {
    engine: null as unknown as Engine,
    ids: new Set(plan.targets.map((t) => t.id)),
    secrets: plan.targets.map((t) => t.key),
    recordFile: plan.recordPath,
    recording: null,
    encoder: plan.encoder,
    announced: '',
    slowSince: null,
    overloaded: false,
    lossesLogged: 0,
    cpuPercent: null,
    ticker: null,
    ending: null,
    disk: NO_DISK,
    nextDiskCheck: 0,
    overlay: null,
    overlayState: null,
    bytesPerSecond: ((plan.encode.videoKbps + plan.encode.audioKbps) * 1000) / 8,
  };
}

/** Each loss of the source is logged once, what the capture printed scrubbed of the show's secrets. */
export function logSourceLosses(show: Show): void {
  const { source } = show.engine;
  if (source.losses <= show.lossesLogged) return;
  show.lossesLogged = source.losses;
  const detail = redact(source.lostDetail ?? '', show.secrets);
  console.warn(`[stream] the source was lost (${source.lostReason}): ${detail}; the test pattern stands in`);
}

/** What makes a change worth announcing at once: destination phases and the source's state, not numbers. */
export function announceKey(show: Show): string {
  const { fallback, restoring, restoreFailed, losses } = show.engine.source;
  const source = `source=${fallback}:${restoring}:${restoreFailed}:${losses}`;
  const disk = `disk=${show.disk.level}:${show.disk.recordingStopped}`;
  const audio = audioOf(show);
  const sound = `audio=${audio?.muted}:${audio?.silentSeconds !== null}`;
  return [...show.engine.destinations.map((d) => `${d.id}=${phaseKey(d.state)}`), source, disk, sound].join(',');
}

export function runningPhases(show: Show | null): RunningPhases {
  if (!show) return NOT_RUNNING;
  return new Map(show.engine.destinations.map((d) => [Number(d.id), d.state.phase]));
}

/** The once-a-second sample: CPU, and overload after five seconds below real time. True when overload changed. */
export function sampleHealth(show: Show, cpuPercent: number | null, now: number): boolean {
  show.cpuPercent = cpuPercent;
  const speed = show.engine.health.speed;
  if (speed !== null && speed < OVERLOAD_SPEED) show.slowSince ??= now;
  else show.slowSince = null;
  const overloaded = show.slowSince !== null && now - show.slowSince >= OVERLOAD_MS;
  if (overloaded === show.overloaded) return false;
  show.overloaded = overloaded;
  return true;
}

export function healthOf(show: Show | null): StreamState['health'] {
  if (!show) return IDLE_HEALTH;
  const { fps, speed, droppedFrames } = show.engine.health;
  return { fps, speed, droppedFrames, cpuPercent: show.cpuPercent, overloaded: show.overloaded };
}

/**
 * Muted, and how long the sound has been silent once that is worth a warning (10 s; never while muted — the host
 * chose silence — nor on the stand-in pattern, whose silence the source-lost banner already explains).
 */
export function audioOf(show: Show | null): StreamState['audio'] {
  if (!show) return null;
  const { muted, silentMs } = show.engine.audio;
  const warn = !muted && !show.engine.source.fallback && silentMs >= SILENCE_WARN_MS;
  return { muted, silentSeconds: warn ? Math.floor(silentMs / 1000) : null };
}

/** What the stream's state shows of the running show (or of none); `recording` as stream-recordings.ts has it. */
export function showView(show: Show | null, recording: StreamState['recording']) {
  return {
    startedAt: show?.engine.startedAt ?? null,
    health: healthOf(show),
    encoder: show ? { ...show.encoder } : null,
    recording,
    source: sourceStateOf(show),
    disk: show?.disk ?? NO_DISK,
    overlay: show?.overlayState ?? null,
    audio: audioOf(show),
  } satisfies Partial<StreamState>;
}

export function sourceStateOf(show: Show | null): StreamState['source'] {
  return show ? sourceOf(show.engine.source) : IDLE_SOURCE;
}

/**
 * What a show's engine is given: the plan and the show's overlay, and where its changes go — the state to the
 * service, sound levels and preview frames to the windows, only while the show is the current one (`current`).
 */
export function engineOptions(
  plan: ShowPlan,
  show: Show,
  out: { current(): boolean; changed(): void; publish: Publish; now(): number },
): EngineOptions {
  return {
    ffmpegPath: plan.ffmpegPath,
    source: plan.source,
    settings: plan.encode,
    destinations: plan.targets.map((t) => ({ id: String(t.id), target: t.target })),
    recordPath: plan.recordPath ?? undefined,
    overlay: show.overlay,
    preview: true,
    onChange: out.changed,
    onRecordingAnchor: (anchor) => show.recording?.anchor(anchor),
    onLevel: ({ peakDb, rmsDb }) => {
      if (out.current()) out.publish('stream.level', { peakDb, rmsDb });
    },
    onPreview: (jpeg) => {
      if (out.current()) out.publish('stream.preview', { jpegBase64: jpeg.toString('base64'), at: out.now() });
    },
  };
}
