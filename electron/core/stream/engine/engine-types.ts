// What the stream engine takes and reports: its options, phases, health and summary (stream-engine.ts runs it).
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { ConnectPublisher, DestinationPhase, DestinationStats } from './destination.ts';
import type { RtmpTarget } from '../rtmp/rtmp-target.ts';
import type { EncodeSettings, EncoderOverlay, OverlayPlaces, Source } from './encoder-args.ts';
import type { IngestProbe } from './ingest-probe.ts';
import type { AudioLevel } from './audio-meter.ts';
import type { RecordingAnchor, RecordingResult } from './recorder.ts';

export type EnginePhase = 'idle' | 'starting' | 'live' | 'stopping' | 'stopped' | 'failed';

export interface EncoderHealth {
  fps: number;
  /** Encoding speed against real time: below 1 the encoder is falling behind (overload). */
  speed: number | null;
  frames: number;
  droppedFrames: number;
  /** Seconds of media encoded. */
  mediaSeconds: number;
}

export interface SourceState {
  /** On the stand-in test pattern since the capture was lost. */
  fallback: boolean;
  lostReason: 'exited' | 'stalled' | null;
  lostAt: number | null;
  /** What the lost capture printed last (for logs: it may name a device, never a key). */
  lostDetail: string | null;
  /** Times the capture was lost during this show. */
  losses: number;
  /** The chosen source is being started again beside the pattern. */
  restoring: boolean;
  restoreFailed: boolean;
}

export interface EngineOptions {
  ffmpegPath: string;
  source: Source;
  settings: EncodeSettings;
  /** Each destination's server and key (see rtmp-target.ts). */
  destinations: ReadonlyArray<{ id: string; target: RtmpTarget }>;
  recordPath?: string;
  /** The studio's overlay, composited by every encoder of the show (the stand-in pattern's too). */
  overlay?: EngineOverlay | null;
  preview?: boolean;
  onChange?(): void;
  onPreview?(jpeg: Buffer): void;
  /** The recording's time tied to the wall clock: at its first frame and after each change of encoder. */
  onRecordingAnchor?(anchor: RecordingAnchor): void;
  /** The sound's level, ten times a second (asking for it adds the meter's pipe to the encoder). */
  onLevel?(level: AudioLevel): void;
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
  /** Opens a destination's RTMP(S) connection (tests pass fakes). */
  connect?: ConnectPublisher;
  /** Watches refused ingests for their return (default: a TCP connect); null turns it off (tests with fakes). */
  probe?: IngestProbe | null;
  now?: () => number;
}

/**
 * A show's overlay as the engine composites it (overlay/overlay-output.ts): its files, where its slots are now, and
 * who to tell when they move. The engine follows it from start to stop.
 */
export interface EngineOverlay {
  readonly encoder: EncoderOverlay;
  places(): OverlayPlaces;
  /** The mover is awaited before the moved slots are shown again at their new places; null stops following. */
  follow(mover: ((places: OverlayPlaces) => Promise<void>) | null): void;
}

export interface AudioState {
  /** Viewers (and the recording) get silence; the meter still shows the microphone. */
  muted: boolean;
  /** Milliseconds the sound has been silent (below SILENCE_DB) without a break, by the meter. */
  silentMs: number;
}

export interface EngineSummary {
  phase: EnginePhase;
  error: string | null;
  liveMs: number;
  health: EncoderHealth;
  destinations: Array<{ id: string; state: DestinationPhase; stats: DestinationStats }>;
  source: SourceState;
  recording: RecordingResult | null;
  recordingError: string | null;
}
