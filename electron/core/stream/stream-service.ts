// Going live (host only): the settings and destinations behind `stream.*`, and the one show that runs at a time.
// Writes go through the writer in one transaction each, then 'stream.changed' with the whole state. A show is
// the stream engine (engine/stream-engine.ts) built from the settings; its changes are announced at once when a
// phase changes and otherwise at most about once a second, its preview frames as they come.
//
// Stream keys: sealed in the database (system/secret-box.ts), opened only to build the publish URLs handed to
// the engine at start. They never leave the service: destinations are shown with a masked URL, and every error
// text that might quote a URL is scrubbed of keys and URLs first (`redact`).
import path from 'node:path';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import { refused, StudioError } from '../protocol/errors.ts';
import type { StreamDestination, StreamSettings, StreamState } from '../protocol/stream-schemas.ts';
import type { Publish } from '../publish.ts';
import type { SecretBox } from '../system/secret-box.ts';
import { ChildCpuMeter } from '../ffmpeg/child-cpu.ts';
import type { EngineSummary } from './engine/engine-types.ts';
import type { Preflight } from '../protocol/preflight-schemas.ts';
import { PreflightRuns } from './preflight/preflight.ts';
import { StreamDestinations } from './stream-destinations.ts';
import { recordingView, StreamRecordings } from './stream-recordings.ts';
import { CHECK_EVERY_MS } from './disk-space.ts';
import { checkDisk } from './stream-disk-watch.ts';
import {
  announceKey,
  logSourceLosses,
  engineOptions,
  liveShow,
  newShow,
  runningPhases,
  sampleHealth,
  showView,
  type Show,
} from './stream-show.ts';
import { StreamStore } from './stream-store.ts';
import { RecordingStore, type RecordingsRead } from './recording-store.ts';
import { writtenPath } from './engine/recorder.ts';
import { StreamAnnouncer } from './stream-announcer.ts';
import { prepareOverlay, type OverlayFeed } from './stream-overlay.ts';
import {
  DEFAULT_DEPS,
  describeDevices,
  describeFfmpeg,
  planShow,
  type ListedDevice,
  type Probe,
  type RunningDestination,
  type ShowPlan,
  type StreamDeps,
} from './stream-plan.ts';
import { redact, settingsIssues, type DestinationRequest } from './stream-rules.ts';

export type { Engine, StreamDeps } from './stream-plan.ts';

const TICK_MS = 1_000;

type Phase = StreamState['phase'];

export class StreamService {
  readonly store: StreamStore;
  private readonly destinations: StreamDestinations;
  private readonly writer: Writer;
  private readonly publish: Publish;
  private readonly secrets: SecretBox;
  private readonly recordingsDir: string;
  private readonly deps: StreamDeps;
  private readonly cpu = new ChildCpuMeter();
  private phase: Phase = 'idle';
  private error: string | null = null;
  private errorCode: string | null = null;
  private show: Show | null = null;
  private readonly recordings: StreamRecordings;
  /** The recordings, as the clips domain may read them. */
  readonly recordingsRead: RecordingsRead;
  /** Finishing the recordings a crash left (at construction, in the background). */
  readonly recovering: Promise<void>;
  /** The pre-flight check: a show does not start while one runs (it would push to the same keys). */
  private readonly checks = new PreflightRuns();
  /** start()'s checks (ffmpeg probe, encoder trial) before a show exists: a second start is refused meanwhile. */
  private preparing: Promise<unknown> | null = null;
  private readonly announcer = new StreamAnnouncer(() => this.publish('stream.changed', { state: this.state() }));
  private readonly overlay: OverlayFeed | null;

  constructor(
    db: Db,
    writer: Writer,
    publish: Publish,
    options: { dataDir: string; secrets: SecretBox; deps?: Partial<StreamDeps>; overlay?: OverlayFeed },
  ) {
    this.store = new StreamStore(db);
    this.destinations = new StreamDestinations(this.store, options.secrets);
    this.writer = writer;
    this.publish = publish;
    this.secrets = options.secrets;
    this.recordingsDir = path.join(options.dataDir, 'recordings');
    this.deps = { ...DEFAULT_DEPS, ...options.deps };
    this.overlay = options.overlay ?? null;
    this.recordings = new StreamRecordings(this.store, new RecordingStore(db, options.dataDir), (work) =>
      this.write(work),
    );
    this.destinations.tidy(this.deps.now());
    this.recovering = this.recordings.recover(this.recordingsDir, this.ffmpegPath(), () => this.announcer.silent);
    this.recordingsRead = this.recordings.read(() => this.show, this.recovering);
  }

  /** The ffmpeg the studio uses (settings, FFMPEG_PATH, ffmpeg-static, PATH), or null without one. */
  ffmpegPath(): string | null {
    return this.deps.locate()?.path ?? null;
  }

  state(): StreamState {
    const show = this.show;
    const running = new Map<number, RunningDestination>();
    for (const d of show?.engine.destinations ?? []) running.set(Number(d.id), d);
    return {
      phase: this.phase,
      error: this.error,
      errorCode: this.errorCode,
      settings: this.store.settings(),
      destinations: this.store.list().map((row) => this.destinations.view(row, running.get(row.id))),
      ...showView(show, recordingView(show, this.recordings.lastFile)),
      keys: this.secrets.protection,
    };
  }

  probe(): Promise<Probe> {
    return describeFfmpeg(this.deps);
  }

  devices(): Promise<{ devices: ListedDevice[]; error: string | null }> {
    return describeDevices(this.deps);
  }

  saveSettings(settings: StreamSettings): Promise<StreamState> {
    const issues = settingsIssues(settings);
    if (issues.length > 0) throw new StudioError('invalid', 'stream settings failed validation', { issues });
    return this.write(() => {
      if (this.running()) throw refused('stream_live', 'stream settings cannot change during a show');
      this.store.setSettings(settings);
      return this.state();
    });
  }

  /** Creates (no id) or updates a destination (see StreamDestinations.save for what may change during a show). */
  saveDestination(id: number | undefined, input: DestinationRequest): Promise<StreamDestination> {
    const saved = this.write(() => {
      const show = this.show;
      return { show, ...this.destinations.save(id, input, runningPhases(show), this.deps.now()) };
    });
    return saved.then(({ show, id: rowId, retarget, row }) => {
      if (show && retarget && this.show === show) {
        // Committed: its publisher starts again with the new address or key (a rejected one replaced mid-show).
        show.secrets.push(retarget.key);
        show.engine.retarget(String(rowId), retarget.target);
      }
      return this.destinations.view(
        row,
        this.show?.engine.destinations.find((d) => d.id === String(rowId)),
      );
    });
  }

  removeDestination(id: number): Promise<StreamState> {
    return this.write(() => {
      this.destinations.remove(id, runningPhases(this.show));
      return this.state();
    });
  }

  /**
   * Goes live: checks everything it can first (refused with every reason at once), then starts the engine and
   * resolves once media flows — phase 'live' — or, when the encoder could not start, with phase 'failed' and why.
   */
  async start(): Promise<StreamState> {
    if (this.running() || this.preparing) throw refused('stream_live', 'a show is already running');
    if (this.checks.running) throw refused('stream_preflight_running', 'the pre-flight check is running');
    const preparing = (async () => {
      const checked = await planShow({
        store: this.store,
        secrets: this.secrets,
        deps: this.deps,
        recordingsDir: this.recordingsDir,
      });
      // A failed show is finished off (its recording finalised) before the next begins.
      if (this.show) await this.endShow(this.show);
      return checked;
    })();
    this.preparing = preparing;
    let plan: ShowPlan;
    try {
      plan = await preparing;
    } finally {
      this.preparing = null;
    }

    const show = newShow(plan);
    if (plan.recordPath) show.recording = this.recordings.track(writtenPath(plan.recordPath));
    show.overlay = await prepareOverlay(this.overlay, plan);
    show.overlayState = show.overlay ? 'composited' : this.overlay ? 'unavailable' : null;
    show.engine = this.deps.createEngine(
      engineOptions(plan, show, {
        current: () => this.show === show && !this.announcer.silent,
        changed: () => this.engineChanged(show),
        publish: this.publish,
        now: this.deps.now,
      }),
    );
    this.show = show;
    this.phase = 'starting';
    this.error = null;
    this.errorCode = null;
    this.cpu.reset();
    show.ticker = setInterval(() => this.tick(show), TICK_MS);
    console.log(
      `[stream] starting: ${plan.encoder.name}, ${plan.encode.width}x${plan.encode.height}@${plan.encode.fps}, ` +
        `${plan.encode.videoKbps} kbit/s to ${plan.targets.map((t) => t.masked).join(', ') || 'no destination'}` +
        (plan.recordPath ? `, recording to ${plan.recordPath}` : ''),
    );
    const started = show.engine.start(); // spawns at once: the destinations are connecting from here
    show.announced = announceKey(show);
    this.announcer.now();
    try {
      await started;
      if (this.show === show && this.phase === 'starting') {
        this.phase = 'live';
        this.announcer.now();
      }
    } catch (error) {
      // The engine's own failure (its onChange) has usually marked the show failed already; this covers the rest.
      if (this.show === show && this.phase === 'starting') this.failShow(show, (error as Error).message);
      await show.ending; // failed (or stopped meanwhile): the reply comes once it is cleaned up
    }
    return this.state();
  }

  /** The pre-flight check (preflight/preflight.ts); a second call while one runs gets the same report. */
  preflight(): Promise<Preflight> {
    return this.checks.run({
      store: this.store,
      secrets: this.secrets,
      deps: this.deps,
      recordingsDir: this.recordingsDir,
      connect: this.deps.preflightPublisher,
      showBusy: this.running() || this.preparing !== null,
      onProgress: (report) => {
        if (!this.announcer.silent) this.publish('stream.preflight', { report });
      },
    });
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
      this.announcer.now();
      return this.state();
    }
    if (!show || this.phase === 'idle') return this.state();
    this.phase = 'stopping';
    this.announcer.now();
    await this.endShow(show);
    this.phase = 'idle';
    this.announcer.now();
    return this.state();
  }

  /** Skips a destination's countdown now (and tries a rejected key again). */
  reconnect(id: number): StreamState {
    this.destinations.row(id);
    const show = this.show;
    if (!show || !show.ids.has(id) || (this.phase !== 'live' && this.phase !== 'starting')) {
      throw refused('stream_not_live', `destination ${id} is not in a running show`);
    }
    show.engine.reconnectNow(String(id));
    return this.state();
  }

  /** Back from the stand-in test pattern to the chosen camera and microphone (it stays on the pattern if they fail). */
  restoreSource(): StreamState {
    const show = liveShow(this.show, this.phase);
    if (!show.engine.restoreSource()) throw refused('stream_source_ok', 'the show is not on the stand-in pattern');
    return this.state();
  }

  /** Mutes or unmutes the running show's sound (the encoder is not restarted). */
  async setMuted(muted: boolean): Promise<StreamState> {
    const show = liveShow(this.show, this.phase);
    if (!(await show.engine.setMuted(muted))) throw refused('stream_mute_failed', 'this ffmpeg cannot make silence');
    console.log(`[stream] ${muted ? 'muted' : 'unmuted'}`);
    this.announcer.now();
    return this.state();
  }

  /** The studio is closing: a running show is stopped and its recording finalised; nothing is announced after. */
  async close(): Promise<void> {
    if (this.preparing) await this.preparing.catch(() => undefined);
    if (this.show) {
      if (this.phase === 'failed') await this.endShow(this.show);
      else await this.stop();
    }
    this.announcer.silent = true;
    // A short `livecart` command must not close the database under the recovery of a crash-left recording.
    await this.recovering;
  }

  private engineChanged(show: Show): void {
    if (this.show !== show) return;
    if (show.engine.phase === 'failed' && (this.phase === 'starting' || this.phase === 'live')) {
      this.failShow(show, show.engine.error ?? 'the encoder stopped');
      return;
    }
    logSourceLosses(show);
    const key = announceKey(show);
    if (key !== show.announced) {
      show.announced = key;
      this.announcer.soon();
    } else {
      this.announcer.dirty = true; // numbers only: the next tick announces them
    }
  }

  /** Once a second during a show: CPU, overload, and the numbers that changed since the last announcement. */
  private tick(show: Show): void {
    if (this.show !== show || (this.phase !== 'starting' && this.phase !== 'live')) return;
    const now = this.deps.now();
    if (sampleHealth(show, this.cpu.sample(now), now)) this.announcer.dirty = true;
    if (show.recordFile && now >= show.nextDiskCheck) {
      show.nextDiskCheck = now + CHECK_EVERY_MS;
      void checkDisk(show, {
        freeSpace: () => this.deps.freeSpace(this.recordingsDir),
        current: (s) => this.show === s,
        changed: (s) => this.engineChanged(s),
        ended: (recording) => this.recordings.ended(show.recording, recording, this.deps.now(), true),
      });
    }
    this.announcer.flush();
  }

  /** The encoder stopped by itself: the show is over (the rest is cleaned up in the background). */
  private failShow(show: Show, why: string): void {
    this.phase = 'failed';
    this.error = redact(why, show.secrets);
    this.errorCode = 'stream_encoder_failed';
    console.error('[stream] the encoder failed:', this.error);
    this.announcer.now();
    void this.endShow(show).then(() => this.announcer.now());
  }

  /** Stops the engine (publishers, recording remux) once; the show is forgotten after, its recording kept as lastFile. */
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
      const { recording } = summary ?? {};
      if (recording) await this.recordings.ended(show.recording, recording, this.deps.now(), !this.announcer.silent);
      if (summary?.recordingError) {
        console.error('[stream] the recording could not be finished:', redact(summary.recordingError, show.secrets));
      }
      if (show.overlay) await this.overlay?.close(show.overlay).catch(() => undefined);
      if (this.show === show) this.show = null;
    })();
    return show.ending;
  }

  private running(): boolean {
    return this.phase === 'starting' || this.phase === 'live' || this.phase === 'stopping';
  }

  /** A write through the writer; 'stream.changed' goes out once it has committed. */
  private async write<T>(work: () => T): Promise<T> {
    const result = await this.writer.write(work);
    this.announcer.now();
    return result;
  }
}
