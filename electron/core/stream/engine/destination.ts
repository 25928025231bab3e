// One RTMP(S) destination: its own ffmpeg pusher fed with the encoder's FLV tags, its own state and numbers.
// It never blocks anything else: a pusher that stops draining (a hung ingest) is not waited for — its tags are
// dropped and counted, and after a few seconds without progress it is killed and started again, primed from
// the GOP cache so it begins with headers and a keyframe. Retries never run out, except for a stream key the
// server keeps refusing, which ends as "key rejected".
import type { ChildProcess } from 'node:child_process';
import { retryDelayMs } from './backoff.ts';
import { pusherArgs } from './encoder-args.ts';
import { exitReason, MEDIA_BYTES, REFUSALS_FOR_KEY_REJECTED, type ExitReason } from './exit-reason.ts';
import type { FlvTag } from './flv-reader.ts';
import type { GopCache } from './gop-cache.ts';
import type { IngestProbe } from './ingest-probe.ts';
import { createProgressParser, type ProgressBlock } from '../progress.ts';

export type DestinationPhase =
  | { phase: 'idle' }
  | { phase: 'connecting'; attempt: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; attempt: number; retryAt: number; reason: ExitReason }
  | { phase: 'failed'; reason: 'key_rejected' }
  | { phase: 'stopped' };

export interface DestinationStats {
  bytesSent: number;
  /** Output bitrate over the last second, kbit/s. */
  kbps: number;
  /** Tags not sent because the pusher was not draining (a hung or slow ingest). */
  droppedTags: number;
  reconnects: number;
  /** Time spent live in total, ms. */
  liveMs: number;
}

export type SpawnPusher = (args: string[]) => ChildProcess;

export interface DestinationOptions {
  id: string;
  /** Never logged or shown: it holds the stream key. */
  url: string;
  gop: GopCache;
  spawn: SpawnPusher;
  onChange(): void;
  now?: () => number;
  /** Watches for a refused ingest to come back during the wait (none: just wait for the retry). */
  probe?: IngestProbe;
}

/** Bytes queued for a pusher before further tags are dropped (≈ 6 s at 2.5 Mbit/s). */
const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;
/** No bytes sent for this long while live and fed: the ingest is hung. */
const STALL_MS = 5_000;
/** No tag for this long: the encoder paused (a capture being replaced), which is no fault of the ingest. */
const FEED_GAP_MS = 1_000;
/** Not live this long after starting: the ingest is not answering. */
const CONNECT_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
/** How often a refused ingest is asked whether it is back. */
const PROBE_INTERVAL_MS = 500;
const MAX_STDERR_CHARS = 4_000;

export class Destination {
  readonly id: string;
  state: DestinationPhase = { phase: 'idle' };
  readonly stats: DestinationStats = { bytesSent: 0, kbps: 0, droppedTags: 0, reconnects: 0, liveMs: 0 };
  private url: string;
  /** The pusher was ended to start again at once with a new address (retarget): not a failure. */
  private restartNow = false;
  private readonly gop: GopCache;
  private readonly spawnPusher: SpawnPusher;
  private readonly onChange: () => void;
  private readonly now: () => number;
  private child: ChildProcess | null = null;
  private primed = false;
  /** Tags were dropped: send nothing more until the next keyframe (the frames after a gap cannot be decoded). */
  private resync = false;
  private stderr = '';
  private runBytes = 0;
  private lastProgressAt = 0;
  private lastFedAt = 0;
  private startedAt = 0;
  private stalled = false;
  /** Tries since this destination was last live (the backoff grows with it). */
  private failures = 0;
  private refusals = 0;
  /** Set by stop(): nothing starts a pusher again, not even "reconnect now". */
  private ended = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private probeTimer: ReturnType<typeof setInterval> | null = null;
  private readonly probe: IngestProbe | undefined;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private sampleBytes = 0;
  private sampleAt = 0;

  constructor(options: DestinationOptions) {
    this.id = options.id;
    this.url = options.url;
    this.gop = options.gop;
    this.spawnPusher = options.spawn;
    this.onChange = options.onChange;
    this.now = options.now ?? Date.now;
    this.probe = options.probe;
  }

  start(): void {
    if (this.child || this.ended) return;
    this.clearRetry();
    this.setState({ phase: 'connecting', attempt: this.failures + 1 });
    this.primed = false;
    this.resync = false;
    this.stderr = '';
    this.runBytes = 0;
    this.stalled = false;
    this.startedAt = this.lastProgressAt = this.sampleAt = this.now();
    this.sampleBytes = 0;
    const child = this.spawnPusher(pusherArgs(this.url));
    this.child = child;
    child.stdin?.on('error', () => {}); // a pusher that died mid-write: its exit says why
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-MAX_STDERR_CHARS);
    });
    const progress = createProgressParser((block) => this.progress(block));
    child.stdout?.on('data', (chunk: Buffer) => progress.push(chunk));
    child.once('exit', () => this.exited(child));
    child.once('error', () => this.exited(child));
    this.prime();
    this.watchdog = setInterval(() => this.watch(), 1000);
  }

  /** A tag from the encoder. Never waits: a pusher that is not draining loses the tag, and it is counted. */
  write(tag: FlvTag): void {
    const stdin = this.child?.stdin;
    if (!stdin || !stdin.writable) return;
    // Fed again after a pause upstream: the ingest's silence during the pause says nothing about it.
    const now = this.now();
    if (now - this.lastFedAt > FEED_GAP_MS) this.lastProgressAt = Math.max(this.lastProgressAt, now);
    this.lastFedAt = now;
    if (!this.primed) {
      this.prime();
      return; // the GOP cache already holds this tag
    }
    // After a drop, the next pictures refer to frames the server never got and would play as smeared garbage until
    // the next keyframe: drop through to it, as OBS does, and resume there.
    if (this.resync && !tag.keyframe) {
      this.stats.droppedTags += 1;
      return;
    }
    if (stdin.writableLength > MAX_BACKLOG_BYTES) {
      this.stats.droppedTags += 1;
      this.resync = true;
      return;
    }
    this.resync = false;
    stdin.write(tag.bytes);
  }

  /** Skips the wait (the "reconnect now" button); also retries a rejected key after the host fixed it. */
  reconnectNow(): void {
    if (this.state.phase === 'reconnecting' || this.state.phase === 'failed') {
      // Only a rejected key starts counting again: pressing the button between refusals must not keep a key the
      // server refuses from ever being reported as rejected.
      if (this.state.phase === 'failed') this.refusals = 0;
      this.start();
    }
  }

  /**
   * Pushes to a new address or key from now on: the host replaced one the server rejected or could not reach.
   * Starts at once, counting afresh (a pusher still trying the old one is ended first).
   */
  retarget(url: string): void {
    if (this.ended) return;
    this.url = url;
    this.refusals = 0;
    this.failures = 0;
    if (this.child) {
      this.restartNow = true;
      this.child.kill('SIGKILL');
    } else {
      this.start();
    }
  }

  /** Ends the pusher gracefully (it flushes what it has), killing it if it does not finish in time. */
  stop(): Promise<void> {
    this.ended = true;
    this.clearRetry();
    const child = this.child;
    if (this.state.phase === 'live') this.stats.liveMs += this.now() - this.state.since;
    // A rejected key stays the outcome: the summary must say why this destination never went live.
    if (this.state.phase !== 'failed') this.setState({ phase: 'stopped' });
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.stdin?.end();
    });
  }

  private prime(): void {
    if (this.primed || !this.child?.stdin || !this.gop.ready()) return;
    this.child.stdin.write(this.gop.prime());
    this.primed = true;
  }

  private progress(block: ProgressBlock): void {
    const size = block.totalSize ?? 0;
    if (size > this.runBytes) {
      this.stats.bytesSent += size - this.runBytes;
      this.runBytes = size;
      this.lastProgressAt = this.now();
    }
    // Media has reached the server (more than a handshake's worth): this destination is live.
    if (this.state.phase === 'connecting' && this.runBytes >= MEDIA_BYTES) {
      this.refusals = 0;
      this.failures = 0;
      this.setState({ phase: 'live', since: this.now() });
    }
  }

  private watch(): void {
    const now = this.now();
    const elapsed = (now - this.sampleAt) / 1000;
    if (elapsed >= 1) {
      this.stats.kbps = Math.round(((this.stats.bytesSent - this.sampleBytes) * 8) / 1000 / elapsed);
      this.sampleBytes = this.stats.bytesSent;
      this.sampleAt = now;
      this.onChange();
    }
    const fed = now - this.lastFedAt <= FEED_GAP_MS;
    const hung =
      (this.state.phase === 'live' && fed && now - this.lastProgressAt > STALL_MS) ||
      (this.state.phase === 'connecting' && now - this.startedAt > CONNECT_TIMEOUT_MS);
    if (hung && this.child && !this.stalled) {
      this.stalled = true;
      this.child.kill('SIGKILL');
    }
  }

  private exited(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.stats.kbps = 0;
    if (this.state.phase === 'live') this.stats.liveMs += this.now() - this.state.since;
    if (this.state.phase === 'stopped') return;
    if (this.restartNow) {
      this.restartNow = false;
      this.start();
      return;
    }
    const reason = exitReason({ stderr: this.stderr, bytesSent: this.runBytes, stalled: this.stalled });
    this.refusals = reason === 'publish_refused' ? this.refusals + 1 : 0;
    if (this.refusals >= REFUSALS_FOR_KEY_REJECTED) {
      this.setState({ phase: 'failed', reason: 'key_rejected' });
      return;
    }
    this.stats.reconnects += 1;
    this.failures += 1;
    const retryAt = this.now() + retryDelayMs(this.failures);
    this.setState({ phase: 'reconnecting', attempt: this.failures, retryAt, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, retryAt - this.now());
    // Refused means the server is down, not hung or refusing the key: start as soon as it listens again. (A hung
    // server still accepts TCP, and a refused key comes from a server that is up: neither is watched.)
    if (reason === 'host_unreachable') this.watchForIngest();
  }

  private watchForIngest(): void {
    const probe = this.probe;
    if (!probe) return;
    const waiting = this.state;
    let asking = false;
    this.probeTimer = setInterval(() => {
      if (asking) return;
      asking = true;
      void probe(this.url).then((up) => {
        asking = false;
        if (up && this.state === waiting) this.start();
      });
    }, PROBE_INTERVAL_MS);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
  }

  private setState(state: DestinationPhase): void {
    this.state = state;
    this.onChange();
  }
}
