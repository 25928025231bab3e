// Going live (host only): the settings and destinations behind `stream.*`, and the one show that runs at a time.
// Writes go through the write gate in one transaction each, then 'stream.changed' with the whole state. A show is
// the stream engine (engine/stream-engine.ts) built from the settings; its changes are announced at once when a
// phase changes and otherwise at most about once a second, its preview frames as they come.
//
// Stream keys: sealed in the database (system/secret-box.ts), opened only to build the publish URLs handed to
// the engine at start. They never leave the service: destinations are shown with a masked URL, and every error
// text that might quote a URL is scrubbed of keys and URLs first (`redact`).
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection.ts';
import type { WriteGate } from '../db/write-gate.ts';
import { refused } from '../protocol/bag-order.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import { PRESET_SIZES, publishUrl } from '../protocol/stream-presets.ts';
import type {
  StreamDestination,
  StreamSettings,
  StreamState,
  deviceSchema,
  probeSchema,
} from '../protocol/stream-schemas.ts';
import type { Publish } from '../publish.ts';
import { locateFfmpeg, type FfmpegLocation } from '../system/ffmpeg-locate.ts';
import type { SecretBox } from '../system/secret-box.ts';
import type { z } from 'zod';
import { ChildCpuMeter } from './child-cpu.ts';
import type { Device } from './devices/device.ts';
import { listDevices } from './devices/list-devices.ts';
import type { Destination } from './engine/destination.ts';
import { StreamEngine, type EngineOptions, type EngineSummary } from './engine/stream-engine.ts';
import { chooseEncoder, probeFfmpeg, type EncoderChoice, type FfmpegProbe } from './ffmpeg-probe.ts';
import { StreamStore, type DestinationRow } from './stream-store.ts';
import {
  destinationFields,
  engineSource,
  fallbackReason,
  liveOf,
  maskedDestinationUrl,
  phaseKey,
  recordingStamp,
  redact,
  settingsIssues,
  type DestinationRequest,
} from './stream-rules.ts';

/** What the service needs of the engine (the real one, or a test's). */
export type Engine = Pick<
  StreamEngine,
  'phase' | 'error' | 'health' | 'startedAt' | 'start' | 'stop' | 'reconnectNow'
> & {
  readonly destinations: ReadonlyArray<RunningDestination>;
};
type RunningDestination = Pick<Destination, 'id' | 'state' | 'stats'>;

/** The outside world, replaceable in tests. */
export interface StreamDeps {
  locate(): FfmpegLocation | null;
  probe(ffmpegPath: string): Promise<FfmpegProbe>;
  chooseEncoder(probe: FfmpegProbe, hardware: boolean): Promise<EncoderChoice>;
  listDevices(ffmpegPath: string): Promise<Device[]>;
  createEngine(options: EngineOptions): Engine;
  platform: NodeJS.Platform;
  now(): number;
}

const DEFAULT_DEPS: StreamDeps = {
  locate: () => locateFfmpeg(),
  probe: probeFfmpeg, // once per binary per process (ffmpeg-probe.ts keeps it)
  chooseEncoder: (probe, hardware) => chooseEncoder(probe, hardware),
  listDevices: (ffmpegPath) => listDevices(ffmpegPath),
  createEngine: (options) => new StreamEngine(options),
  platform: process.platform,
  now: Date.now,
};

export type ListedDevice = z.infer<typeof deviceSchema>;
export type Probe = z.infer<typeof probeSchema>;

/** Below this speed the encoder is falling behind real time… */
const OVERLOAD_SPEED = 0.95;
/** …and after this long of it, the host is told to lower the resolution or bitrate. */
const OVERLOAD_MS = 5_000;
const TICK_MS = 1_000;
const AUDIO_KBPS = 128;
/** x264's speed preset: what OBS defaults to for live streaming. */
const X264_PRESET = 'veryfast';

const IDLE_HEALTH: StreamState['health'] = {
  fps: 0,
  speed: null,
  droppedFrames: 0,
  cpuPercent: null,
  overloaded: false,
};

/** One show: the engine and what the service knows about it. */
interface Show {
  engine: Engine;
  /** The destinations pushed to (ids as in the database). */
  ids: Set<number>;
  /** The keys and publish URLs of this show: scrubbed from every text that leaves the service. */
  secrets: string[];
  recordFile: string | null;
  encoder: { name: string; fallbackReason: string | null };
  /** The destination phases last announced: a change is announced at once. */
  announcedPhases: string;
  slowSince: number | null;
  overloaded: boolean;
  cpuPercent: number | null;
  ticker: ReturnType<typeof setInterval> | null;
  /** engine.stop() and the bookkeeping after it, once begun. */
  ending: Promise<void> | null;
}

type Phase = StreamState['phase'];

export class StreamService {
  readonly store: StreamStore;
  private readonly gate: WriteGate;
  private readonly publish: Publish;
  private readonly secrets: SecretBox;
  private readonly recordingsDir: string;
  private readonly deps: StreamDeps;
  private readonly cpu = new ChildCpuMeter();
  private phase: Phase = 'idle';
  private error: string | null = null;
  private errorCode: string | null = null;
  private show: Show | null = null;
  private lastFile: string | null = null;
  /** start()'s checks (ffmpeg probe, encoder trial) before a show exists: a second start is refused meanwhile. */
  private preparing: Promise<unknown> | null = null;
  private dirty = false;
  private announcing = false;
  private announcements = 0;
  private silent = false;

  constructor(
    db: Db,
    gate: WriteGate,
    publish: Publish,
    options: { dataDir: string; secrets: SecretBox; deps?: Partial<StreamDeps> },
  ) {
    this.store = new StreamStore(db);
    this.gate = gate;
    this.publish = publish;
    this.secrets = options.secrets;
    this.recordingsDir = path.join(options.dataDir, 'recordings');
    this.deps = { ...DEFAULT_DEPS, ...options.deps };
  }

  state(): StreamState {
    const show = this.show;
    const running = new Map<number, RunningDestination>();
    for (const d of show?.engine.destinations ?? []) running.set(Number(d.id), d);
    return {
      phase: this.phase,
      error: this.error,
      errorCode: this.errorCode,
      startedAt: show?.engine.startedAt ?? null,
      settings: this.store.settings(),
      destinations: this.store.list().map((row) => this.toDestination(row, running.get(row.id))),
      health: show
        ? {
            fps: show.engine.health.fps,
            speed: show.engine.health.speed,
            droppedFrames: show.engine.health.droppedFrames,
            cpuPercent: show.cpuPercent,
            overloaded: show.overloaded,
          }
        : IDLE_HEALTH,
      encoder: show ? { ...show.encoder } : null,
      recording: { file: show?.recordFile ?? null, lastFile: this.lastFile },
    };
  }

  /** ffmpeg as found, and what it can do (probed once per launch; a failed probe is tried again next time). */
  async probe(): Promise<Probe> {
    const found = this.deps.locate();
    if (!found) return { ffmpeg: null };
    const probe = await this.deps.probe(found.path);
    return { ffmpeg: { path: probe.path, version: probe.version, h264Encoders: probe.h264Encoders, tls: probe.tls } };
  }

  /** Cameras and microphones; `error` is a message code (stream_no_ffmpeg, stream_devices_failed) or null. */
  async devices(): Promise<{ devices: ListedDevice[]; error: string | null }> {
    const found = this.deps.locate();
    if (!found) return { devices: [], error: 'stream_no_ffmpeg' };
    try {
      const devices = await this.deps.listDevices(found.path);
      return {
        devices: devices.map((d) => ({
          kind: d.kind,
          name: d.name,
          selector: d.selector,
          isDefault: d.isDefault ?? false,
        })),
        error: null,
      };
    } catch (error) {
      console.error('[stream] listing devices failed:', (error as Error).message);
      return { devices: [], error: 'stream_devices_failed' };
    }
  }

  saveSettings(settings: StreamSettings): StreamState | Promise<StreamState> {
    const issues = settingsIssues(settings);
    if (issues.length > 0) throw new StudioError('invalid', 'stream settings failed validation', { issues });
    return this.write(() => {
      if (this.running()) throw refused('stream_live', 'stream settings cannot change during a show');
      this.store.setSettings(settings);
      return this.state();
    });
  }

  /**
   * Creates (no id) or updates a destination. On update an omitted or blank key keeps the stored one. While a
   * show pushes to it, only its name may change: the running pusher keeps the address and key it started with.
   */
  saveDestination(id: number | undefined, input: DestinationRequest): StreamDestination | Promise<StreamDestination> {
    // An update without an address keeps the stored one.
    const request =
      id !== undefined && input.serverUrl === undefined
        ? { ...input, serverUrl: this.destinationRow(id).server_url }
        : input;
    const { fields, key } = destinationFields(request, id === undefined);
    return this.write(() => {
      const now = this.deps.now();
      let rowId: number;
      if (id === undefined) {
        rowId = this.store.insert(fields, now).id;
      } else {
        const current = this.destinationRow(id);
        const changesShow =
          current.server_url !== fields.serverUrl ||
          (current.enabled === 1) !== fields.enabled ||
          (key !== null && key !== this.openKey(current));
        if (this.show?.ids.has(id) && changesShow) {
          throw refused('stream_live', `destination ${id} is being streamed to`);
        }
        this.store.update(id, fields, now);
        rowId = id;
      }
      if (key !== null) this.store.setKeyCipher(rowId, this.secrets.seal(key, keyContext(rowId)));
      const running = this.show?.engine.destinations.find((d) => d.id === String(rowId));
      return this.toDestination(this.store.get(rowId)!, running);
    });
  }

  removeDestination(id: number): StreamState | Promise<StreamState> {
    return this.write(() => {
      this.destinationRow(id);
      if (this.show?.ids.has(id)) throw refused('stream_live', `destination ${id} is being streamed to`);
      this.store.remove(id);
      return this.state();
    });
  }

  /**
   * Goes live: checks everything it can first (refused with every reason at once), then starts the engine and
   * resolves once media flows — phase 'live' — or, when the encoder could not start, with phase 'failed' and why.
   */
  async start(): Promise<StreamState> {
    if (this.running() || this.preparing) throw refused('stream_live', 'a show is already running');
    const preparing = (async () => {
      const checked = await this.prepare();
      // A failed show is finished off (its recording finalised) before the next begins.
      if (this.show) await this.endShow(this.show);
      return checked;
    })();
    this.preparing = preparing;
    let plan: Awaited<ReturnType<StreamService['prepare']>>;
    try {
      plan = await preparing;
    } finally {
      this.preparing = null;
    }

    const show: Show = {
      engine: null as unknown as Engine,
      ids: new Set(plan.targets.map((t) => t.id)),
      secrets: plan.targets.flatMap((t) => [t.url, t.key]),
      recordFile: plan.recordPath,
      encoder: plan.encoder,
      announcedPhases: '',
      slowSince: null,
      overloaded: false,
      cpuPercent: null,
      ticker: null,
      ending: null,
    };
    show.engine = this.deps.createEngine({
      ffmpegPath: plan.ffmpegPath,
      source: plan.source,
      settings: plan.encode,
      destinations: plan.targets.map((t) => ({ id: String(t.id), url: t.url })),
      recordPath: plan.recordPath ?? undefined,
      preview: true,
      onChange: () => this.engineChanged(show),
      onPreview: (jpeg) => {
        if (this.show === show && !this.silent) {
          this.publish('stream.preview', { jpegBase64: jpeg.toString('base64'), at: this.deps.now() });
        }
      },
    });
    this.show = show;
    this.phase = 'starting';
    this.error = null;
    this.errorCode = null;
    this.cpu.reset();
    show.ticker = setInterval(() => this.tick(show), TICK_MS);
    console.log(
      `[stream] starting: ${plan.encoder.name}, ${plan.encode.width}x${plan.encode.height}@${plan.encode.fps}, ` +
        `${plan.encode.videoKbps} kbit/s to ${plan.masked.join(', ') || 'no destination'}` +
        (plan.recordPath ? `, recording to ${plan.recordPath}` : ''),
    );
    const started = show.engine.start(); // spawns at once: the destinations are connecting from here
    show.announcedPhases = this.destinationPhases(show);
    this.announce();
    try {
      await started;
      if (this.show === show && this.phase === 'starting') {
        this.phase = 'live';
        this.announce();
      }
    } catch (error) {
      // The engine's own failure (its onChange) has usually marked the show failed already; this covers the rest.
      if (this.show === show && this.phase === 'starting') this.failShow(show, (error as Error).message);
      await show.ending; // failed (or stopped meanwhile): the reply comes once it is cleaned up
    }
    return this.state();
  }

  /** Ends the show (the recording is finalised before this resolves); after a failure, clears the error. */
  async stop(): Promise<StreamState> {
    if (this.preparing) await this.preparing.catch(() => undefined);
    const show = this.show;
    if (this.phase === 'stopping') {
      await show?.ending;
      return this.state();
    }
    if (this.phase === 'failed') {
      if (show) await this.endShow(show);
      this.phase = 'idle';
      this.error = null;
      this.errorCode = null;
      this.announce();
      return this.state();
    }
    if (!show || this.phase === 'idle') return this.state();
    this.phase = 'stopping';
    this.announce();
    await this.endShow(show);
    this.phase = 'idle';
    this.announce();
    return this.state();
  }

  /** Skips a destination's countdown now (and tries a rejected key again). */
  reconnect(id: number): StreamState {
    this.destinationRow(id);
    const show = this.show;
    if (!show || !show.ids.has(id) || (this.phase !== 'live' && this.phase !== 'starting')) {
      throw refused('stream_not_live', `destination ${id} is not in a running show`);
    }
    show.engine.reconnectNow(String(id));
    return this.state();
  }

  /** The studio is closing: a running show is stopped and its recording finalised; nothing is announced after. */
  async close(): Promise<void> {
    if (this.preparing) await this.preparing.catch(() => undefined);
    if (this.show) {
      if (this.phase === 'failed') await this.endShow(this.show);
      else await this.stop();
    }
    this.silent = true;
  }

  /** Everything start() checks before spawning anything, and what the engine will be given. */
  private async prepare() {
    const issues: Issue[] = [];
    const settings = this.store.settings();
    const rows = this.store.list().filter((row) => row.enabled === 1);

    const found = this.deps.locate();
    const probe = found ? await this.deps.probe(found.path) : null;
    const ffmpegWorks = probe !== null && probe.version !== null;
    if (!ffmpegWorks) issues.push({ path: '(root)', code: 'stream_no_ffmpeg' });

    if (rows.length === 0 && !settings.record) issues.push({ path: '(root)', code: 'stream_nothing_to_do' });
    const targets: Array<{ id: number; url: string; key: string; masked: string }> = [];
    for (const row of rows) {
      const key = this.openKey(row);
      if (key === null) {
        issues.push({
          path: `destinations.${row.id}`,
          code: 'stream_key_missing',
          params: { id: row.id, name: row.name },
        });
        continue;
      }
      if (ffmpegWorks && !probe.tls && row.server_url.trim().toLowerCase().startsWith('rtmps:')) {
        issues.push({
          path: `destinations.${row.id}`,
          code: 'stream_rtmps_unsupported',
          params: { id: row.id, name: row.name },
        });
      }
      const url = publishUrl(row.server_url, key);
      targets.push({ id: row.id, url, key, masked: `${row.name} (${maskedDestinationUrl(row.server_url)})` });
    }
    issues.push(...settingsIssues(settings));

    let choice: EncoderChoice | null = null;
    if (ffmpegWorks && issues.length === 0) {
      choice = await this.deps.chooseEncoder(probe, settings.hardware);
      if (!choice.encoder) issues.push({ path: '(root)', code: 'stream_no_encoder' });
    }
    if (issues.length > 0 || !found || !choice?.encoder) {
      throw new StudioError('refused', `cannot go live: ${issues.map((i) => i.code).join(', ')}`, { issues });
    }
    const fallback = fallbackReason(choice, settings.hardware);
    if (fallback) console.log(`[stream] using ${choice.encoder}: ${fallback}`);
    return {
      ffmpegPath: found.path,
      source: engineSource(settings.source, this.deps.platform),
      encode: {
        ...PRESET_SIZES[settings.preset],
        fps: settings.fps,
        videoKbps: settings.videoKbps,
        audioKbps: AUDIO_KBPS,
        encoder: choice.encoder,
        preset: X264_PRESET,
        lowLatency: settings.lowLatency,
      },
      encoder: { name: choice.encoder, fallbackReason: fallback },
      targets,
      masked: targets.map((t) => t.masked),
      recordPath: settings.record ? this.recordingPath() : null,
    };
  }

  private engineChanged(show: Show): void {
    if (this.show !== show) return;
    if (show.engine.phase === 'failed' && (this.phase === 'starting' || this.phase === 'live')) {
      this.failShow(show, show.engine.error ?? 'the encoder stopped');
      return;
    }
    const phases = this.destinationPhases(show);
    if (phases !== show.announcedPhases) {
      show.announcedPhases = phases;
      this.announceSoon();
    } else {
      this.dirty = true; // numbers only: the next tick announces them
    }
  }

  /** Once a second during a show: CPU, overload, and the numbers that changed since the last announcement. */
  private tick(show: Show): void {
    if (this.show !== show || (this.phase !== 'starting' && this.phase !== 'live')) return;
    const now = this.deps.now();
    show.cpuPercent = this.cpu.sample(now);
    const speed = show.engine.health.speed;
    if (speed !== null && speed < OVERLOAD_SPEED) show.slowSince ??= now;
    else show.slowSince = null;
    const overloaded = show.slowSince !== null && now - show.slowSince >= OVERLOAD_MS;
    if (overloaded !== show.overloaded) {
      show.overloaded = overloaded;
      this.dirty = true;
    }
    if (this.dirty) this.announce();
  }

  /** The encoder stopped by itself: the show is over (the rest is cleaned up in the background). */
  private failShow(show: Show, why: string): void {
    this.phase = 'failed';
    this.error = redact(why, show.secrets);
    this.errorCode = 'stream_encoder_failed';
    console.error('[stream] the encoder failed:', this.error);
    this.announce();
    void this.endShow(show).then(() => this.announce());
  }

  /** Stops the engine (pushers, recording remux) once; the show is forgotten after, its recording kept as lastFile. */
  private endShow(show: Show): Promise<void> {
    show.ending ??= (async () => {
      if (show.ticker) clearInterval(show.ticker);
      show.ticker = null;
      let summary: EngineSummary | null = null;
      try {
        summary = await show.engine.stop();
      } catch (error) {
        console.error('[stream] stopping failed:', redact((error as Error).message, show.secrets));
      }
      if (summary?.recording) this.lastFile = summary.recording.file;
      if (summary?.recordingError) {
        console.error('[stream] the recording could not be finished:', redact(summary.recordingError, show.secrets));
      }
      if (this.show === show) this.show = null;
    })();
    return show.ending;
  }

  private destinationPhases(show: Show): string {
    return show.engine.destinations.map((d) => `${d.id}=${phaseKey(d.state)}`).join(',');
  }

  private running(): boolean {
    return this.phase === 'starting' || this.phase === 'live' || this.phase === 'stopping';
  }

  /** Announces after the current synchronous burst of changes (once), unless an announcement happens first. */
  private announceSoon(): void {
    if (this.announcing) return;
    this.announcing = true;
    const seq = this.announcements;
    queueMicrotask(() => {
      this.announcing = false;
      if (this.announcements === seq) this.announce();
    });
  }

  private announce(): void {
    this.announcements += 1;
    this.dirty = false;
    if (!this.silent) this.publish('stream.changed', { state: this.state() });
  }

  /** A transaction behind the gate; 'stream.changed' goes out once it has committed. */
  private write<T>(work: () => T): T | Promise<T> {
    return this.gate.run(() => {
      const result = this.store.transaction(work);
      this.announce();
      return result;
    });
  }

  private destinationRow(id: number): DestinationRow {
    const row = this.store.get(id);
    if (!row) throw new StudioError('not_found', `destination ${id} not found`);
    return row;
  }

  /** The stored key, or null when there is none or it cannot be opened (another data key: typed in again). */
  private openKey(row: DestinationRow): string | null {
    return row.key_cipher === null ? null : this.secrets.open(row.key_cipher, keyContext(row.id));
  }

  private toDestination(row: DestinationRow, running: RunningDestination | undefined): StreamDestination {
    return {
      id: row.id,
      name: row.name,
      platform: row.platform,
      maskedUrl: maskedDestinationUrl(row.server_url),
      hasKey: this.openKey(row) !== null,
      enabled: row.enabled === 1,
      live: running ? liveOf(running.state, running.stats) : null,
    };
  }

  /** `DATA_DIR/recordings/2026-11-24_20-00-05.mp4` (a `-2` suffix when two shows start within a second). */
  private recordingPath(): string {
    fs.mkdirSync(this.recordingsDir, { recursive: true });
    const stamp = recordingStamp(new Date(this.deps.now()));
    for (let n = 1; ; n++) {
      const file = path.join(this.recordingsDir, `${stamp}${n === 1 ? '' : `-${n}`}.mp4`);
      if (!fs.existsSync(file) && !fs.existsSync(`${file}.recording.flv`)) return file;
    }
  }
}

/** A sealed key opens only in its own row: copied into another destination's row it does not decrypt. */
function keyContext(id: number): string {
  return `stream_destinations:${id}`;
}
