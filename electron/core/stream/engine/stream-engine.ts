// Encode once, output many (OBS's design): one encoder process, its FLV fanned out here to each destination's
// RTMP publisher (in this process: no key on any command line) and to the recording, and its preview and progress
// read on their own pipes. Nothing downstream can stall the encoder: publishers that stop draining lose tags
// (destination.ts), the recording is a plain file.
//
// Nothing upstream ends the show either: when the capture stops mid-show (a camera unplugged, a driver that
// hangs and delivers nothing) a stand-in encoder takes over with the test pattern, and its output joins the
// same timeline (timeline.ts), so destinations and the recording see one continuous stream. The host switches back
// when the device is back (restoreSource); the camera's encoder runs beside the pattern until its first
// keyframe, so the switch itself costs viewers nothing. An encoder that keeps failing still ends the show.
import { Destination, type ConnectPublisher } from './destination.ts';
import { RtmpPublisher } from '../rtmp/publisher.ts';
import type { RtmpTarget } from '../rtmp/rtmp-target.ts';
import type { Source } from './encoder-args.ts';
import { Encoders } from './encoders.ts';
import type {
  AudioState,
  EncoderHealth,
  EngineOptions,
  EnginePhase,
  EngineSummary,
  SourceState,
} from './engine-types.ts';
import { ShowSound } from './show-sound.ts';
import type { EncoderRun } from './encoder-run.ts';
import type { FlvTag } from './flv-reader.ts';
import { GopCache } from './gop-cache.ts';
import { tcpIngestProbe } from './ingest-probe.ts';
import { Recorder, type RecordingResult } from './recorder.ts';
import { Timeline } from './timeline.ts';
import type { ProgressBlock } from '../../ffmpeg/progress.ts';

const STOP_GRACE_MS = 10_000;
/** Preview frames passed on: four a second is enough to watch oneself (ffmpeg makes more: see encoder-args.ts). */
export const PREVIEW_INTERVAL_MS = 250;
/** No picture for this long from a live encoder: its capture has hung (a camera driver that stopped delivering). */
export const SOURCE_STALL_MS = 5_000;
/** A new encoder (the stand-in, or the camera coming back) must show a picture within this long. */
const TAKEOVER_TIMEOUT_MS = 15_000;
/** More losses than this within the window: the encoder itself is failing, not a device; the show ends. */
const MAX_LOSSES = 3;
const LOSS_WINDOW_MS = 60_000;
/** The stand-in: the test pattern without its beep (viewers are watching), until the host switches back. */
const STAND_IN: Source = { kind: 'test-pattern', silent: true };

export class StreamEngine {
  phase: EnginePhase = 'idle';
  error: string | null = null;
  readonly health: EncoderHealth = { fps: 0, speed: null, frames: 0, droppedFrames: 0, mediaSeconds: 0 };
  readonly source: SourceState = {
    fallback: false,
    lostReason: null,
    lostAt: null,
    lostDetail: null,
    losses: 0,
    restoring: false,
    restoreFailed: false,
  };
  readonly destinations: Destination[];
  startedAt: number | null = null;
  private readonly options: EngineOptions;
  private readonly gop = new GopCache();
  private readonly timeline: Timeline;
  private readonly recorder: Recorder | null;
  private readonly now: () => number;
  /** The encoder whose output goes out. */
  private current: EncoderRun | null = null;
  /** An encoder waiting for its first keyframe to take over from `current`. */
  private candidate: EncoderRun | null = null;
  /** The candidate's codec configuration, held until it takes over. */
  private candidateConfigs: FlvTag[] = [];
  private readonly encoders: Encoders;
  /** The show's first encoder: its header, metadata and configuration open the stream; later ones join it. */
  private firstRun: EncoderRun | null = null;
  private lossTimes: number[] = [];
  private droppedBefore = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private settleStart: ((error?: Error) => void) | null = null;
  private endedAt: number | null = null;
  private lastPreviewAt = -Infinity;
  private readonly sound = new ShowSound();

  constructor(options: EngineOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.timeline = new Timeline(options.settings.fps);
    this.recorder = options.recordPath
      ? new Recorder(options.recordPath, { onAnchor: options.onRecordingAnchor, now: this.now })
      : null;
    const connect: ConnectPublisher = options.connect ?? ((target, events) => new RtmpPublisher(target, events));
    this.destinations = options.destinations.map(
      (d) =>
        new Destination({
          id: d.id,
          target: d.target,
          gop: this.gop,
          connect,
          onChange: () => this.changed(),
          now: this.now,
          probe: options.probe === undefined ? tcpIngestProbe : (options.probe ?? undefined),
        }),
    );
    this.encoders = new Encoders(
      options,
      {
        tags: (run, tags) => this.tags(run, tags),
        preview: (run, jpeg) => {
          if (run !== this.current) return;
          const at = this.now();
          if (at - this.lastPreviewAt < PREVIEW_INTERVAL_MS) return;
          this.lastPreviewAt = at;
          this.options.onPreview?.(jpeg);
        },
        progress: (run, block) => {
          if (run === this.current) this.progress(block);
        },
        audio: (run, pcm) => {
          if (run !== this.current) return;
          for (const level of this.sound.measure(pcm)) this.options.onLevel?.(level);
        },
        exit: (run, why) => this.runExited(run, why),
      },
      this.now,
    );
  }

  /** Starts the encoder; resolves once it produces media (or rejects with why it could not start). */
  start(): Promise<void> {
    if (this.phase !== 'idle') return Promise.reject(new Error('an engine starts once'));
    this.phase = 'starting';
    const started = new Promise<void>((resolve, reject) => {
      this.settleStart = (error) => {
        this.settleStart = null;
        if (error) reject(error);
        else resolve();
      };
    });
    this.encoders.followOverlay();
    this.current = this.firstRun = this.encoders.start(this.options.source);
    for (const d of this.destinations) d.start();
    this.sound.prepare(this.options.ffmpegPath, this.options.settings.audioKbps);
    this.watchdog = setInterval(() => this.watch(), 1000);
    return started;
  }

  get audio(): AudioState {
    return this.sound.state;
  }

  /**
   * Mutes or unmutes what goes out, without touching the encoder: from the next frame, once the silent frame exists
   * (made at start, ready within a moment). False when it could not be made: muting cannot work with this ffmpeg.
   */
  async setMuted(muted: boolean): Promise<boolean> {
    const done = await this.sound.setMuted(muted);
    if (done === true) this.changed();
    return done !== false;
  }

  reconnectNow(id: string): void {
    this.destinations.find((d) => d.id === id)?.reconnectNow();
  }

  /** Pushes this destination to a new address or key from now on (the old one was rejected or unreachable). */
  retarget(id: string, target: RtmpTarget): void {
    this.destinations.find((d) => d.id === id)?.retarget(target);
  }

  /**
   * Back from the stand-in to the chosen source: its encoder starts beside the pattern and takes over at its
   * first keyframe. False when there is nothing to switch back to (not on the stand-in, or already trying).
   */
  restoreSource(): boolean {
    if (this.phase !== 'live' || !this.source.fallback || this.candidate) return false;
    this.source.restoring = true;
    this.source.restoreFailed = false;
    this.candidate = this.encoders.start(this.options.source);
    this.changed();
    return true;
  }

  /**
   * Ends the recording now, the show going on (the disk is running full): the file is closed, and remuxed only when
   * `remux` says there is room for a second copy. Resolves with the finished recording (null without one).
   */
  async endRecording(remux: boolean): Promise<RecordingResult | null> {
    const result = await this.finishRecording(remux);
    this.changed();
    return result;
  }

  /** Finishes the recording (once: see Recorder.finish); a failure is kept for the summary, the show goes on. */
  private finishRecording(remux: boolean): Promise<RecordingResult | null> {
    return this.recorder?.finish(this.options.ffmpegPath, remux).catch(() => null) ?? Promise.resolve(null);
  }

  /** Media recorded so far (ms of the file's own time): how far a clip of a show still live can reach. */
  get recordedMs(): number {
    return this.recorder?.lastMs ?? 0;
  }

  /** Bytes recorded so far. */
  get recordedBytes(): number {
    return this.recorder?.size ?? 0;
  }

  /** Stops everything; the recording is finalised (remuxed) even when the encoder had failed. */
  async stop(): Promise<EngineSummary> {
    this.encoders.unfollowOverlay();
    if (this.phase === 'starting' || this.phase === 'live') {
      this.phase = 'stopping';
      this.changed();
      this.candidate?.kill();
      // SIGINT lets ffmpeg finish its outputs properly; a hung one is killed.
      await this.encoders.stopAll(STOP_GRACE_MS);
      this.phase = 'stopped';
    }
    this.clearWatchdog();
    this.encoders.killAll(); // a failed engine's leftovers
    await this.encoders.exited();
    this.endedAt ??= this.now();
    await Promise.all(this.destinations.map((d) => d.stop()));
    await this.finishRecording(true);
    this.changed();
    return this.summary();
  }

  summary(): EngineSummary {
    const liveMs = this.startedAt === null ? 0 : (this.endedAt ?? this.now()) - this.startedAt;
    return {
      phase: this.phase,
      error: this.error,
      liveMs,
      health: { ...this.health },
      destinations: this.destinations.map((d) => ({ id: d.id, state: d.state, stats: { ...d.stats } })),
      source: { ...this.source },
      recording: this.recorder?.result ?? null,
      recordingError: this.recorder?.failure ?? null,
    };
  }

  private tags(run: EncoderRun, tags: FlvTag[]): void {
    if (run === this.current) {
      this.output(run, tags);
      return;
    }
    if (run !== this.candidate) return;
    // A candidate's output is held back until its first keyframe: only then can viewers decode it.
    const at = tags.findIndex((tag) => tag.keyframe);
    for (const tag of at < 0 ? tags : tags.slice(0, at)) if (tag.config) this.candidateConfigs.push(tag);
    if (at < 0) return;
    this.takeOver(run);
    // Its configuration goes out just before its keyframe, at the keyframe's time: the join starts there.
    const key = tags[at]!;
    const configs = this.candidateConfigs.map((tag) => ({ ...tag, timestamp: key.timestamp }));
    this.candidateConfigs = [];
    this.output(run, [...configs, ...tags.slice(at)]);
  }

  private takeOver(run: EncoderRun): void {
    const previous = this.current;
    this.current = run;
    this.candidate = null;
    this.timeline.cut();
    this.recorder?.cut();
    this.sound.newSource();
    if (previous) {
      previous.retired = true;
      this.droppedBefore += previous.droppedFrames;
      previous.kill(); // its output is not wanted any more: no need to let it finish
    }
    const standIn = run.source === STAND_IN;
    this.source.fallback = standIn;
    this.source.restoring = false;
    if (!standIn) this.source.restoreFailed = false;
    this.changed();
  }

  /** The current encoder's tags, onto the one timeline, out to the recording and every destination. */
  private output(run: EncoderRun, tags: FlvTag[]): void {
    const first = run === this.firstRun;
    if (first && run.header) {
      this.gop.setHeader(run.header);
      this.recorder?.header(run.header);
    }
    for (const raw of tags) {
      // A later encoder's metadata and unchanged codec configuration are already in the stream.
      if (!first && this.gop.repeats(raw)) continue;
      const tag = this.timeline.place(this.sound.heard(raw));
      this.gop.add(tag);
      this.recorder?.tag(tag);
      for (const d of this.destinations) d.write(tag);
      if (this.phase === 'starting' && tag.keyframe) {
        this.phase = 'live';
        this.startedAt = this.now();
        this.changed();
        this.settleStart?.();
      }
    }
  }

  private progress(block: ProgressBlock): void {
    this.health.fps = block.fps ?? this.health.fps;
    this.health.frames = block.frame ?? this.health.frames;
    this.health.droppedFrames = this.droppedBefore + (block.dropFrames ?? 0);
    this.health.mediaSeconds = block.outTimeMs === null ? this.health.mediaSeconds : block.outTimeMs / 1000;
    this.health.speed = block.speed;
    this.changed();
  }

  /** Once a second: a capture that stopped delivering, or a new encoder that never shows a picture, is ended. */
  private watch(): void {
    const now = this.now();
    const current = this.current;
    if (this.phase === 'live' && current && !current.stalled && now - current.lastPictureAt > SOURCE_STALL_MS) {
      current.stalled = true;
      current.kill(); // its exit switches to the stand-in
    }
    const waiting = this.phase === 'starting' ? current : this.candidate;
    if (waiting && !waiting.keyframed && !waiting.stalled && now - waiting.startedAt > TAKEOVER_TIMEOUT_MS) {
      waiting.stalled = true;
      waiting.kill();
    }
  }

  private runExited(run: EncoderRun, why: string): void {
    if (run.retired || (this.phase !== 'starting' && this.phase !== 'live')) return;
    if (this.phase === 'starting') {
      // The chosen source never worked: that is for the host to fix, not to paper over with the pattern.
      this.fail(run.stalled ? `no picture from the source within ${TAKEOVER_TIMEOUT_MS / 1000} s` : why);
      return;
    }
    if (run === this.candidate) {
      this.candidate = null;
      this.candidateConfigs = [];
      if (this.current) {
        // Switching back did not work: the show stays on the stand-in.
        this.source.restoring = false;
        this.source.restoreFailed = true;
        this.changed();
      } else {
        this.fail(`the stand-in test pattern could not start: ${why}`);
      }
      return;
    }
    if (run !== this.current) return;
    this.current = null;
    this.droppedBefore += run.droppedFrames;
    this.lose(run, why);
  }

  /** The capture ended mid-show: the stand-in takes over, unless the encoder keeps failing whatever it encodes. */
  private lose(run: EncoderRun, why: string): void {
    const now = this.now();
    this.lossTimes = [...this.lossTimes.filter((at) => now - at < LOSS_WINDOW_MS), now];
    if (this.lossTimes.length > MAX_LOSSES) {
      this.fail(`the encoder stopped ${this.lossTimes.length} times within a minute; last: ${why}`);
      return;
    }
    this.candidate?.kill(); // a switch back in progress is moot: start over from the stand-in
    this.candidate = null;
    this.candidateConfigs = [];
    Object.assign(this.source, {
      fallback: true,
      lostReason: run.stalled ? 'stalled' : 'exited',
      lostAt: now,
      lostDetail: run.stalled ? `no picture for ${SOURCE_STALL_MS / 1000} s` : why,
      losses: this.source.losses + 1,
      restoring: false,
      restoreFailed: false,
    } satisfies Partial<SourceState>);
    this.candidate = this.encoders.start(STAND_IN);
    this.changed();
  }

  private fail(why: string): void {
    if (this.phase === 'failed' || this.phase === 'stopped') return;
    this.phase = 'failed';
    this.error = why;
    this.endedAt = this.now();
    this.clearWatchdog();
    this.encoders.killAll();
    this.changed();
    this.settleStart?.(new Error(why));
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private changed(): void {
    this.options.onChange?.();
  }
}
