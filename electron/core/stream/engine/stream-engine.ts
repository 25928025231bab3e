// Encode once, output many (OBS's design): one encoder process, its FLV fanned out here to each destination's
// pusher and to the recording, and its preview and progress read on their own pipes. Nothing downstream can
// stall the encoder: pushers that stop draining lose tags (destination.ts), the recording is a plain file.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { Destination, type DestinationPhase, type DestinationStats } from './destination.ts';
import { encoderArgs, PREVIEW_FD, PROGRESS_FD, type EncodeSettings, type Source } from './encoder-args.ts';
import { FlvReader } from './flv-reader.ts';
import { GopCache } from './gop-cache.ts';
import { tcpIngestProbe, type IngestProbe } from './ingest-probe.ts';
import { JpegFrames } from './jpeg-frames.ts';
import { Recorder, type RecordingResult } from './recorder.ts';
import { createProgressParser, type ProgressBlock } from '../progress.ts';

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

export interface EngineOptions {
  ffmpegPath: string;
  source: Source;
  settings: EncodeSettings;
  destinations: ReadonlyArray<{ id: string; url: string }>;
  recordPath?: string;
  preview?: boolean;
  onChange?(): void;
  onPreview?(jpeg: Buffer): void;
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
  /** Watches refused ingests for their return (default: a TCP connect); null turns it off (tests with fakes). */
  probe?: IngestProbe | null;
  now?: () => number;
}

export interface EngineSummary {
  phase: EnginePhase;
  error: string | null;
  liveMs: number;
  health: EncoderHealth;
  destinations: Array<{ id: string; state: DestinationPhase; stats: DestinationStats }>;
  recording: RecordingResult | null;
  recordingError: string | null;
}

const STOP_GRACE_MS = 10_000;

export class StreamEngine {
  phase: EnginePhase = 'idle';
  error: string | null = null;
  readonly health: EncoderHealth = { fps: 0, speed: null, frames: 0, droppedFrames: 0, mediaSeconds: 0 };
  readonly destinations: Destination[];
  startedAt: number | null = null;
  private readonly options: EngineOptions;
  private readonly gop = new GopCache();
  private readonly reader = new FlvReader();
  private readonly recorder: Recorder | null;
  private readonly spawnProcess: NonNullable<EngineOptions['spawn']>;
  private readonly now: () => number;
  private encoder: ChildProcess | null = null;
  private encoderExit: Promise<void> = Promise.resolve();
  private stderr = '';
  private recording: RecordingResult | null = null;
  private recordingError: string | null = null;
  private endedAt: number | null = null;

  constructor(options: EngineOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.spawnProcess = options.spawn ?? nodeSpawn;
    this.recorder = options.recordPath ? new Recorder(options.recordPath) : null;
    const spawnPusher = (args: string[]) =>
      this.spawnProcess(options.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.destinations = options.destinations.map(
      (d) =>
        new Destination({
          id: d.id,
          url: d.url,
          gop: this.gop,
          spawn: spawnPusher,
          onChange: () => this.changed(),
          now: this.now,
          probe: options.probe === undefined ? tcpIngestProbe : (options.probe ?? undefined),
        }),
    );
  }

  /** Starts the encoder; resolves once it produces media (or rejects with why it could not start). */
  start(): Promise<void> {
    if (this.phase !== 'idle') return Promise.reject(new Error('an engine starts once'));
    this.phase = 'starting';
    const args = encoderArgs(this.options.source, this.options.settings, { preview: Boolean(this.options.preview) });
    const stdio: SpawnOptions['stdio'] = ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'];
    const encoder = this.spawnProcess(this.options.ffmpegPath, args, { stdio, windowsHide: true });
    this.encoder = encoder;
    for (const d of this.destinations) d.start();

    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      encoder.stdout!.on('data', (chunk: Buffer) => {
        if (this.phase === 'failed') return;
        try {
          this.media(chunk);
        } catch (error) {
          this.fail(`the encoder's output could not be read: ${(error as Error).message}`);
          // Unusable from here on: end the encoder, or start() never settles and stop() (which only stops a
          // starting or live engine) leaves it running.
          encoder.kill('SIGKILL');
        }
        if (this.phase === 'live') settle();
      });
      encoder.stderr!.setEncoding('utf8');
      encoder.stderr!.on('data', (text: string) => {
        this.stderr = (this.stderr + text).slice(-4000);
      });
      const previews = new JpegFrames();
      (encoder.stdio[PREVIEW_FD] as Readable | null)?.on('data', (chunk: Buffer) => {
        for (const frame of previews.push(chunk)) this.options.onPreview?.(frame);
      });
      const progress = createProgressParser((block) => this.progress(block));
      (encoder.stdio[PROGRESS_FD] as Readable | null)?.on('data', (chunk: Buffer) => progress.push(chunk));
      this.encoderExit = new Promise<void>((done) => {
        const exited = (why: string) => {
          this.encoder = null;
          if (this.phase === 'starting' || this.phase === 'live') this.fail(why);
          settle(new Error(this.error ?? why));
          done();
        };
        encoder.once('exit', (code, signal) =>
          exited(`the encoder stopped (${signal ?? `exit ${code}`}): ${this.stderr.trim() || 'no message'}`),
        );
        encoder.once('error', (error) => exited(`the encoder could not start: ${error.message}`));
      });
    });
  }

  reconnectNow(id: string): void {
    this.destinations.find((d) => d.id === id)?.reconnectNow();
  }

  /** Stops everything; the recording is finalised (remuxed) even when the encoder had failed. */
  async stop(): Promise<EngineSummary> {
    if (this.phase === 'starting' || this.phase === 'live') {
      this.phase = 'stopping';
      this.changed();
      const encoder = this.encoder;
      if (encoder) {
        // SIGINT lets ffmpeg finish its outputs properly; a hung one is killed.
        const kill = setTimeout(() => encoder.kill('SIGKILL'), STOP_GRACE_MS);
        encoder.kill('SIGINT');
        await this.encoderExit;
        clearTimeout(kill);
      }
      this.phase = 'stopped';
    }
    this.endedAt ??= this.now();
    await Promise.all(this.destinations.map((d) => d.stop()));
    if (this.recorder && !this.recording && !this.recordingError) {
      try {
        this.recording = await this.recorder.finish(this.options.ffmpegPath);
      } catch (error) {
        // A full disk or a bad folder: the show is over either way; say why there is no file, keep the summary.
        this.recordingError = (error as Error).message;
      }
    }
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
      recording: this.recording,
      recordingError: this.recordingError,
    };
  }

  private media(chunk: Buffer): void {
    const tags = this.reader.push(chunk);
    if (this.reader.header) {
      this.gop.setHeader(this.reader.header);
      this.recorder?.header(this.reader.header);
    }
    for (const tag of tags) {
      this.gop.add(tag);
      this.recorder?.tag(tag);
      for (const d of this.destinations) d.write(tag);
      if (this.phase === 'starting' && tag.keyframe) {
        this.phase = 'live';
        this.startedAt = this.now();
        this.changed();
      }
    }
  }

  private progress(block: ProgressBlock): void {
    this.health.fps = block.fps ?? this.health.fps;
    this.health.frames = block.frame ?? this.health.frames;
    this.health.droppedFrames = block.dropFrames ?? this.health.droppedFrames;
    this.health.mediaSeconds = block.outTimeMs === null ? this.health.mediaSeconds : block.outTimeMs / 1000;
    this.health.speed = block.speed;
    this.changed();
  }

  private fail(why: string): void {
    if (this.phase === 'failed' || this.phase === 'stopped') return;
    this.phase = 'failed';
    this.error = why;
    this.endedAt = this.now();
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.();
  }
}
