// One RTMP(S) destination: its own publisher connection fed with the encoder's FLV tags, its own state and numbers.
// It never blocks anything else: a connection that stops draining (a hung ingest) is not waited for — its tags are
// dropped and counted, and after a few seconds without progress it is closed and opened again, primed from the GOP
// cache so it begins with the codec configuration and a keyframe. Retries never run out, except for a stream key
// the server keeps refusing, which ends as "key rejected".
import { retryDelayMs } from './backoff.ts';
import { MEDIA_BYTES, REFUSALS_FOR_KEY_REJECTED, type ExitReason } from './exit-reason.ts';
import type { FlvTag } from './flv-reader.ts';
import type { GopCache } from './gop-cache.ts';
import type { IngestProbe } from './ingest-probe.ts';
import type { Publisher, PublisherEnd, PublisherEvents } from '../rtmp/publisher.ts';
import type { RtmpTarget } from '../rtmp/rtmp-target.ts';

export type DestinationPhase =
  | { phase: 'idle' }
  | { phase: 'connecting'; attempt: number }
  | { phase: 'live'; since: number }
  /** `detail`: the server's or the network's own words for it (never the key), or null. */
  | { phase: 'reconnecting'; attempt: number; retryAt: number; reason: ExitReason; detail: string | null }
  | { phase: 'failed'; reason: 'key_rejected'; detail: string | null }
  | { phase: 'stopped' };

export interface DestinationStats {
  bytesSent: number;
  /** Output bitrate over the last second, kbit/s. */
  kbps: number;
  /** Tags not sent because the connection was not draining (a hung or slow ingest). */
  droppedTags: number;
  reconnects: number;
  /** Time spent live in total, ms. */
  liveMs: number;
}

/** Opens a publisher to a target (the real one, or a test's fake). */
export type ConnectPublisher = (target: RtmpTarget, events: PublisherEvents) => Publisher;

export interface DestinationOptions {
  id: string;
  /** Holds the stream key: never logged or shown. */
  target: RtmpTarget;
  gop: GopCache;
  connect: ConnectPublisher;
  onChange(): void;
  now?: () => number;
  /** Watches for a refused ingest to come back during the wait (none: just wait for the retry). */
  probe?: IngestProbe;
}

/** Bytes queued for a connection before further tags are dropped (≈ 6 s at 2.5 Mbit/s). */
const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;
/** No bytes taken for this long while live and fed: the ingest is hung. */
const STALL_MS = 5_000;
/** No tag for this long: the encoder paused (a capture being replaced), which is no fault of the ingest. */
const FEED_GAP_MS = 1_000;
/** Not live this long after starting: the ingest is not answering. */
const CONNECT_TIMEOUT_MS = 15_000;
/** How often a refused ingest is asked whether it is back. */
const PROBE_INTERVAL_MS = 500;

export class Destination {
  readonly id: string;
  state: DestinationPhase = { phase: 'idle' };
  readonly stats: DestinationStats = { bytesSent: 0, kbps: 0, droppedTags: 0, reconnects: 0, liveMs: 0 };
  private target: RtmpTarget;
  /** The connection was ended to start again at once with a new address (retarget): not a failure. */
  private restartNow = false;
  private readonly gop: GopCache;
  private readonly connectPublisher: ConnectPublisher;
  private readonly onChange: () => void;
  private readonly now: () => number;
  private publisher: Publisher | null = null;
  private publishing = false;
  /** The GOP cache went out first on this connection: what follows can be decoded. */
  private primed = false;
  /** Tags were dropped: send nothing more until the next keyframe (the frames after a gap cannot be decoded). */
  private resync = false;
  private runBytes = 0;
  private lastProgressAt = 0;
  private lastFedAt = 0;
  private startedAt = 0;
  private stalled = false;
  /** Tries since this destination was last live (the backoff grows with it). */
  private failures = 0;
  private refusals = 0;
  /** Set by stop(): nothing connects again, not even "reconnect now". */
  private ended = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private probeTimer: ReturnType<typeof setInterval> | null = null;
  private readonly probe: IngestProbe | undefined;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private sampleBytes = 0;
  /** Live again, but the first second's bytes (the GOP cache) are not yet behind us. */
  private catchingUp = true;
  private sampleAt = 0;

  constructor(options: DestinationOptions) {
    this.id = options.id;
    this.target = options.target;
    this.gop = options.gop;
    this.connectPublisher = options.connect;
    this.onChange = options.onChange;
    this.now = options.now ?? Date.now;
    this.probe = options.probe;
  }

  start(): void {
    if (this.publisher || this.ended) return;
    this.clearRetry();
    this.setState({ phase: 'connecting', attempt: this.failures + 1 });
    this.publishing = false;
    this.primed = false;
    this.resync = false;
    this.runBytes = 0;
    this.stalled = false;
    this.startedAt = this.lastProgressAt = this.sampleAt = this.now();
    // The show's bytes so far: the rate counts this connection's from here (it once counted the whole show as one
    // second's, 42,371 kbps right after a reconnect).
    this.sampleBytes = this.stats.bytesSent;
    this.catchingUp = true;
    let publisher: Publisher | null = null;
    publisher = this.connectPublisher(this.target, {
      onPublishing: () => {
        if (this.publisher !== publisher) return;
        this.publishing = true;
        this.prime();
      },
      onEnd: (end) => this.exited(publisher, end),
    });
    this.publisher = publisher;
    this.watchdog = setInterval(() => this.watch(), 1000);
  }

  /** A tag from the encoder. Never waits: a connection that is not draining loses the tag, and it is counted. */
  write(tag: FlvTag): void {
    const publisher = this.publisher;
    if (!publisher || !this.publishing) return; // the GOP cache holds it for when publishing begins
    // Fed again after a pause upstream: the ingest's silence during the pause says nothing about it.
    const now = this.now();
    if (now - this.lastFedAt > FEED_GAP_MS) this.lastProgressAt = Math.max(this.lastProgressAt, now);
    this.lastFedAt = now;
    if (this.state.phase === 'connecting') this.progress(); // live the moment enough media went out
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
    if (publisher.backlog > MAX_BACKLOG_BYTES) {
      this.stats.droppedTags += 1;
      this.resync = true;
      return;
    }
    this.resync = false;
    publisher.send(tag);
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
   * Starts at once, counting afresh (a connection still trying the old one is ended first).
   */
  retarget(target: RtmpTarget): void {
    if (this.ended) return;
    this.target = target;
    this.refusals = 0;
    this.failures = 0;
    if (this.publisher) {
      this.restartNow = true;
      this.publisher.kill();
    } else {
      this.start();
    }
  }

  /** Ends the connection gracefully (unpublishing, what is queued sent), closing it if that takes too long. */
  async stop(): Promise<void> {
    this.ended = true;
    this.clearRetry();
    const publisher = this.publisher;
    if (this.state.phase === 'live') this.stats.liveMs += this.now() - this.state.since;
    // A rejected key stays the outcome: the summary must say why this destination never went live.
    if (this.state.phase !== 'failed') this.setState({ phase: 'stopped' });
    await publisher?.stop();
  }

  /** Everything the GOP cache holds, so the server can decode from the first frame it gets. */
  private prime(): void {
    if (this.primed || !this.publisher || !this.publishing || !this.gop.ready()) return;
    for (const tag of this.gop.primeTags()) this.publisher.send(tag);
    this.primed = true;
  }

  private progress(): void {
    const sent = this.publisher?.sentBytes ?? 0;
    if (sent > this.runBytes) {
      this.stats.bytesSent += sent - this.runBytes;
      this.runBytes = sent;
      this.lastProgressAt = this.now();
    }
    // Media has reached the server (more than a handshake's worth): this destination is live.
    if (this.state.phase === 'connecting' && this.publishing && this.runBytes >= MEDIA_BYTES) {
      this.refusals = 0;
      this.failures = 0;
      this.setState({ phase: 'live', since: this.now() });
    }
  }

  private watch(): void {
    this.progress();
    const now = this.now();
    const elapsed = (now - this.sampleAt) / 1000;
    if (elapsed >= 1) {
      // A new connection's first second carries the GOP cache at once (up to 2 s of media): not a rate to show.
      const rate = Math.round(((this.stats.bytesSent - this.sampleBytes) * 8) / 1000 / elapsed);
      if (this.catchingUp && this.state.phase === 'live') this.catchingUp = false;
      else if (!this.catchingUp) this.stats.kbps = rate;
      this.sampleBytes = this.stats.bytesSent;
      this.sampleAt = now;
      this.onChange();
    }
    const fed = now - this.lastFedAt <= FEED_GAP_MS;
    const hung =
      (this.state.phase === 'live' && fed && now - this.lastProgressAt > STALL_MS) ||
      (this.state.phase === 'connecting' && now - this.startedAt > CONNECT_TIMEOUT_MS);
    if (hung && this.publisher && !this.stalled) {
      this.stalled = true;
      this.publisher.kill();
    }
  }

  private exited(publisher: Publisher | null, end: PublisherEnd): void {
    if (this.publisher !== publisher) return;
    this.progress();
    this.publisher = null;
    this.publishing = false;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.stats.kbps = 0;
    if (this.state.phase === 'live') this.stats.liveMs += this.now() - this.state.since;
    if (this.state.phase === 'stopped' || this.ended) return;
    if (this.restartNow) {
      this.restartNow = false;
      this.start();
      return;
    }
    const reason: ExitReason = this.stalled ? 'stalled' : end.reason;
    this.refusals = reason === 'publish_refused' ? this.refusals + 1 : 0;
    if (this.refusals >= REFUSALS_FOR_KEY_REJECTED) {
      this.setState({ phase: 'failed', reason: 'key_rejected', detail: end.detail || null });
      return;
    }
    this.stats.reconnects += 1;
    this.failures += 1;
    const retryAt = this.now() + retryDelayMs(this.failures);
    const detail = this.stalled ? null : end.detail || null;
    this.setState({ phase: 'reconnecting', attempt: this.failures, retryAt, reason, detail });
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
      void probe(this.target).then((up) => {
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
