// Going live, beside one bare ffmpeg command doing the same work in the same run. The ingest is nginx-rtmp on
// loopback (tests/support/rtmp-server.ts); the source is the engine's test pattern at 1280×720, 30 fps, libx264
// veryfast, 2500 kbit/s video + 128 kbit/s AAC (`livecart stream`'s defaults). Three measurements:
//
// 1. Go Live → first video frame at the ingest. From calling engine.start() (the Go Live button), or spawning the
//    bare command (the engine's own capture and encode arguments, then `-f flv rtmp://…`), to the moment the first
//    video message carrying a picture has passed a loopback proxy in front of nginx (stream-wire.ts). Also: to 16 KB
//    of audio+video payload, the prototype's measure. Warm-up run each, then runs interleaved, medians.
// 2. CPU for a show of N seconds (default 60) pushed to nginx and recorded: the studio (encoder, this process's
//    fan-out, in-core RTMP publisher and recording, the remux to MP4 at the end) against one bare ffmpeg with the tee muxer
//    (FLV to the ingest, MP4 +faststart to disk). All processes from the first spawn to the last exit, see
//    stream-procs.ts. No proxy in this one: nothing of the bench runs in this process but the studio.
// 3. Ingest back → video flowing again. With the stream live, nginx is SIGKILLed, stays down for 3 s and is
//    started again on the same port; timed from the moment it answers RTMP again to the first picture on a new
//    connection. The studio recovers by itself (its backoff: which retry applied is recorded), and again with
//    reconnectNow() called at once (the UI's button). A bare ffmpeg exits when its ingest dies: the baseline is a
//    supervisor loop that restarts the same bare command the moment it exits.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DestinationPhase } from '../../electron/core/stream/engine/destination.ts';
import type { EncodeSettings, Source } from '../../electron/core/stream/engine/encoder-args.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { hasCommand, nginxPath, RTMP_MODULE } from '../support/tools.ts';
import { median, now, round } from './measure.ts';
import {
  barePushArgs,
  bareTeeArgs,
  ffmpegVersion,
  machineBusySeconds,
  mediaSeconds,
  ownCpuSeconds,
  processCpuSeconds,
  reapedChildrenCpuSeconds,
  spawnTracked,
  stopChild,
} from './stream-procs.ts';
import { RtmpTap, type WireConnection } from './stream-wire.ts';

export const STREAM_SOURCE: Source = { kind: 'test-pattern' };
export const STREAM_SETTINGS: EncodeSettings = {
  width: 1280,
  height: 720,
  fps: 30,
  videoKbps: 2500,
  audioKbps: 128,
  encoder: 'libx264',
  preset: 'veryfast',
  lowLatency: false,
};

export interface StreamBenchOptions {
  /** A scratch directory for the recordings. */
  dir: string;
  /** Length of each CPU run (60 in the issue). */
  seconds: number;
  /** Measured Go Live runs per side (after one warm-up each). */
  runs: number;
  /** Ingest outages per variant. */
  reconnects: number;
  /** How long the ingest stays dead. */
  downMs?: number;
  /** Also time Go Live through a proxy that delays each direction by half this (a distant ingest); 0: not. */
  rttMs?: number;
  log?(line: string): void;
}

export interface GoLiveSample {
  /** Go Live → the first video message with a picture (the first keyframe) has reached the ingest. */
  pictureMs: number;
  /** → the first video message (the AVC sequence header). */
  videoMs: number;
  /** → 16 KB of audio+video payload. */
  media16kMs: number;
  /** → the publisher's TCP connection reached the ingest. */
  connectMs: number;
  /** Studio only: → engine.start() resolved (the encoder's first keyframe read in this process). */
  encoderLiveMs: number | null;
}

export interface GoLiveSummary {
  pictureMs: number;
  videoMs: number;
  media16kMs: number;
  connectMs: number;
  encoderLiveMs: number | null;
  minPictureMs: number;
  maxPictureMs: number;
}

export interface GoLiveResult {
  runs: number;
  studio: GoLiveSample[];
  baseline: GoLiveSample[];
  summary: { studio: GoLiveSummary; baseline: GoLiveSummary };
}

export interface CpuRun {
  /** From the stream starting to the signal to stop. */
  liveSeconds: number;
  /** From the first spawn to the last exit (for the studio: remux included). */
  wallSeconds: number;
  /** What the row shows: every process of the run, user + system. */
  totalCpuSeconds: number;
  /** The processes the run started (reaped-children accounting). */
  childrenCpuSeconds: number;
  /** This process over the same time: counted for the studio (its fan-out and recording run here); for the bare
   *  command it is the bench idling, not counted, shown as the floor of the method. */
  ownCpuSeconds: number;
  /** CPU seconds of each part while live (from its start to the stop signal): encoder, this process (publisher included); ffmpeg. */
  live: Record<string, number>;
  /** Total minus the live parts: stopping, flushing, the remux. */
  afterStopSeconds: number;
  /** nginx receiving the stream: the same for both, not counted. */
  ingestCpuSeconds: number | null;
  /** CPU the machine spent on anything else meanwhile (/proc/stat busy time minus all of the above). */
  otherCpuSeconds: number;
  recordingSeconds: number | null;
  recordingBytes: number;
  /** Studio only: what the engine said at the end. */
  engine: { reconnects: number; droppedTags: number; bytesSent: number; remuxed: boolean } | null;
}

export interface ReconnectSample {
  /** Ingest answering again → the first picture on a new connection. */
  ms: number;
  /** → the publisher's new TCP connection. */
  connectMs: number;
  /** Publisher processes started while the ingest was down and until it flowed again (bare: the supervisor's). */
  spawns: number;
  /** Studio: the destination's state when the ingest came back, and the retry that got through. */
  stateAtBack: string | null;
  retry: { attempt: number; delayMs: number; afterBackMs: number } | null;
}

export interface StreamResult {
  ffmpeg: string;
  settings: EncodeSettings;
  source: string;
  goLive: GoLiveResult;
  /** The same through a proxy that delays each direction by rttMs / 2 (TCP's own handshake is not delayed). */
  goLiveRtt: (GoLiveResult & { rttMs: number }) | null;
  cpu: { seconds: number; studio: CpuRun; baseline: CpuRun; ratio: number };
  reconnect: {
    downMs: number;
    runs: number;
    studioBackoff: ReconnectSample[];
    studioReconnectNow: ReconnectSample[];
    baseline: ReconnectSample[];
    medianMs: { studioBackoff: number; studioReconnectNow: number; baseline: number };
  };
  /** Lines worth printing under the table (a figure that may be off, and why). */
  warnings: string[];
}

const GO_LIVE_TIMEOUT_MS = 20_000;
const RECONNECT_TIMEOUT_MS = 30_000;
const ENGINE_STOP_TIMEOUT_MS = 60_000;
const FFMPEG_STOP_GRACE_MS = 15_000;
/** Streaming this long before an outage, and between runs, so one run's teardown does not overlap the next. */
const STEADY_MS = 1_500;
const SETTLE_MS = 300;
const DEFAULT_DOWN_MS = 3_000;
/** A supervisor restarting more often than this during one outage is broken, not reconnecting. */
const MAX_SUPERVISOR_SPAWNS = 500;
/** Other work above this share of one core during a CPU run is worth a warning. */
const OTHER_WORK_WARN_CORES = 0.25;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stream bench: ${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = now() + timeoutMs;
  while (!check()) {
    if (now() > deadline) throw new Error(`stream bench: timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Why the streaming bench cannot run here, or null. */
export function streamBenchUnavailable(): string | null {
  if (process.platform !== 'linux') return 'needs Linux (/proc for CPU accounting)';
  if (!hasCommand('ffmpeg')) return 'ffmpeg is not installed';
  if (!hasCommand('ffprobe')) return 'ffprobe is not installed';
  if (!nginxPath()) return 'nginx is not installed (apt-get install nginx libnginx-mod-rtmp)';
  if (!fs.existsSync(RTMP_MODULE)) return `${RTMP_MODULE} is missing (apt-get install libnginx-mod-rtmp)`;
  return null;
}

/** Rejects when a bare ffmpeg exits before the work is done (instead of waiting out a timeout). */
function failOnExit(child: ChildProcess, stderr: () => string): { promise: Promise<never>; cancel(): void } {
  let onExit: (() => void) | null = null;
  const promise = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error(`stream bench: bare ffmpeg exited early: ${stderr().trim() || 'no message'}`));
    child.once('exit', onExit);
  });
  promise.catch(() => {});
  return { promise, cancel: () => onExit && child.off('exit', onExit) };
}

function spawnBare(args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawnTracked('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
  let text = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    text = (text + chunk).slice(-4000);
  });
  return { child, stderr: () => text };
}

function sample(t0: number, picture: WireConnection, encoderLiveAt: number | null): GoLiveSample {
  const m = picture.marks;
  return {
    pictureMs: round(m.picture! - t0),
    videoMs: round(m.video! - t0),
    media16kMs: round(m.media16k! - t0),
    connectMs: round(picture.acceptedAt - t0),
    encoderLiveMs: encoderLiveAt === null ? null : round(encoderLiveAt - t0),
  };
}

// --- 1. Go Live → first video frame -----------------------------------------------------------------------------

async function studioGoLive(tap: RtmpTap, key: string): Promise<GoLiveSample> {
  const engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: STREAM_SOURCE,
    settings: STREAM_SETTINGS,
    destinations: [{ id: 'bench', target: tap.target(key) }],
    spawn: spawnTracked,
    now,
  });
  try {
    let encoderLiveAt: number | null = null;
    const t0 = now();
    const started = engine.start().then(() => {
      encoderLiveAt = now();
    });
    const [, hit] = await Promise.all([
      started,
      tap.waitFor('picture', t0, GO_LIVE_TIMEOUT_MS),
      tap.waitFor('media16k', t0, GO_LIVE_TIMEOUT_MS),
    ]);
    return sample(t0, hit.conn, encoderLiveAt);
  } finally {
    await withTimeout(engine.stop(), ENGINE_STOP_TIMEOUT_MS, 'stopping the engine');
  }
}

async function bareGoLive(tap: RtmpTap, key: string): Promise<GoLiveSample> {
  const t0 = now();
  const { child, stderr } = spawnBare(barePushArgs(STREAM_SOURCE, STREAM_SETTINGS, tap.url(key)));
  const early = failOnExit(child, stderr);
  try {
    const [hit] = await Promise.race([
      Promise.all([tap.waitFor('picture', t0, GO_LIVE_TIMEOUT_MS), tap.waitFor('media16k', t0, GO_LIVE_TIMEOUT_MS)]),
      early.promise,
    ]);
    return sample(t0, hit.conn, null);
  } finally {
    early.cancel();
    await stopChild(child, FFMPEG_STOP_GRACE_MS);
  }
}

function summarizeGoLive(samples: readonly GoLiveSample[]): GoLiveSummary {
  const med = (f: (s: GoLiveSample) => number) => round(median(samples.map(f)));
  const pictures = samples.map((s) => s.pictureMs);
  const encoder = samples.flatMap((s) => (s.encoderLiveMs === null ? [] : [s.encoderLiveMs]));
  return {
    pictureMs: med((s) => s.pictureMs),
    videoMs: med((s) => s.videoMs),
    media16kMs: med((s) => s.media16kMs),
    connectMs: med((s) => s.connectMs),
    encoderLiveMs: encoder.length ? round(median(encoder)) : null,
    minPictureMs: round(Math.min(...pictures)),
    maxPictureMs: round(Math.max(...pictures)),
  };
}

/** Every publish gets a stream key of its own. */
let keys = 0;

async function benchGoLive(
  tap: RtmpTap,
  runs: number,
  label: string,
  log: (line: string) => void,
): Promise<GoLiveResult> {
  const studio: GoLiveSample[] = [];
  const baseline: GoLiveSample[] = [];
  // Warm-up (page cache, first exec of ffmpeg and its libraries), not counted.
  await studioGoLive(tap, `golive-studio-${++keys}`);
  await sleep(SETTLE_MS);
  await bareGoLive(tap, `golive-bare-${++keys}`);
  for (let k = 1; k <= runs; k++) {
    log(`stream: Go Live run ${k} of ${runs}${label} …`);
    // Alternate which goes first, so neither always follows the other's teardown.
    const order = k % 2 === 1 ? (['studio', 'bare'] as const) : (['bare', 'studio'] as const);
    for (const side of order) {
      await sleep(SETTLE_MS);
      if (side === 'studio') studio.push(await studioGoLive(tap, `golive-studio-${++keys}`));
      else baseline.push(await bareGoLive(tap, `golive-bare-${++keys}`));
    }
  }
  return { runs, studio, baseline, summary: { studio: summarizeGoLive(studio), baseline: summarizeGoLive(baseline) } };
}

// --- 2. CPU --------------------------------------------------------------------------------------------------------

interface Accounting {
  children: number;
  own: number;
  machine: number;
  ingest: number | null;
  at: number;
}

function account(server: RtmpServer): Accounting {
  return {
    children: reapedChildrenCpuSeconds(),
    own: ownCpuSeconds(),
    machine: machineBusySeconds(),
    ingest: processCpuSeconds(server.pid),
    at: now(),
  };
}

function cpuRun(
  before: Accounting,
  after: Accounting,
  countOwn: boolean,
  liveSeconds: number,
  live: Record<string, number>,
  recording: string,
  engine: CpuRun['engine'],
): CpuRun {
  const children = after.children - before.children;
  const own = after.own - before.own;
  const ingest = before.ingest !== null && after.ingest !== null ? after.ingest - before.ingest : null;
  const total = children + (countOwn ? own : 0);
  const liveSum = Object.values(live).reduce((a, b) => a + b, 0);
  return {
    liveSeconds: round(liveSeconds),
    wallSeconds: round((after.at - before.at) / 1000),
    totalCpuSeconds: round(total),
    childrenCpuSeconds: round(children),
    ownCpuSeconds: round(own),
    live: Object.fromEntries(Object.entries(live).map(([k, v]) => [k, round(v)])),
    afterStopSeconds: round(total - liveSum),
    ingestCpuSeconds: ingest === null ? null : round(ingest),
    otherCpuSeconds: round(after.machine - before.machine - children - own - (ingest ?? 0)),
    recordingSeconds: mediaSeconds(recording),
    recordingBytes: fs.existsSync(recording) ? fs.statSync(recording).size : 0,
    engine,
  };
}

async function studioCpu(server: RtmpServer, dir: string, seconds: number): Promise<CpuRun> {
  const recording = path.join(dir, 'studio.mp4');
  const children: Array<{ role: string; child: ChildProcess }> = [];
  const engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: STREAM_SOURCE,
    settings: STREAM_SETTINGS,
    destinations: [{ id: 'cpu', target: server.target('cpu-studio') }],
    recordPath: recording,
    spawn: (command, args, options) => {
      const child = spawnTracked(command, args, options);
      children.push({ role: 'encoder', child });
      return child;
    },
    now,
  });
  const before = account(server);
  let live: Record<string, number>;
  let liveSeconds: number;
  try {
    const t0 = now();
    await withTimeout(engine.start(), GO_LIVE_TIMEOUT_MS, 'the studio going live');
    await sleep(t0 + seconds * 1000 - now());
    // Each process's CPU so far, just before the stop: the show itself, without stopping and remuxing.
    live = { 'this process': ownCpuSeconds() - before.own };
    for (const { role, child } of children) live[role] = (live[role] ?? 0) + (processCpuSeconds(child.pid!) ?? 0);
    liveSeconds = (now() - t0) / 1000;
  } finally {
    await withTimeout(engine.stop(), ENGINE_STOP_TIMEOUT_MS, 'stopping the engine');
  }
  const after = account(server);
  const summary = engine.summary();
  const d = summary.destinations[0]!.stats;
  return cpuRun(before, after, true, liveSeconds, live, recording, {
    reconnects: d.reconnects,
    droppedTags: d.droppedTags,
    bytesSent: d.bytesSent,
    remuxed: summary.recording?.remuxed ?? false,
  });
}

async function bareCpu(server: RtmpServer, dir: string, seconds: number): Promise<CpuRun> {
  const recording = path.join(dir, 'bare.mp4');
  const before = account(server);
  const t0 = now();
  const { child, stderr } = spawnBare(bareTeeArgs(STREAM_SOURCE, STREAM_SETTINGS, server.url('cpu-bare'), recording));
  const early = failOnExit(child, stderr);
  let live: Record<string, number>;
  let liveSeconds: number;
  try {
    await Promise.race([server.waitForPublish('cpu-bare', GO_LIVE_TIMEOUT_MS), early.promise]);
    await Promise.race([sleep(t0 + seconds * 1000 - now()), early.promise]);
    live = { ffmpeg: processCpuSeconds(child.pid!) ?? 0 };
    liveSeconds = (now() - t0) / 1000;
  } finally {
    early.cancel();
    await stopChild(child, FFMPEG_STOP_GRACE_MS);
  }
  const after = account(server);
  return cpuRun(before, after, false, liveSeconds, live, recording, null);
}

// --- 3. Reconnect ---------------------------------------------------------------------------------------------------

/** Kills the ingest, keeps it down for downMs, starts it again; returns when it answers RTMP again. */
async function outage(server: RtmpServer, tap: RtmpTap, downMs: number): Promise<number> {
  tap.down(); // first, so nothing connects through to a dying server
  await server.kill();
  await sleep(downMs);
  await server.restart();
  const back = now();
  await tap.up();
  return back;
}

function describeState(state: DestinationPhase): string {
  return state.phase === 'reconnecting' || state.phase === 'connecting'
    ? `${state.phase} (attempt ${state.attempt})`
    : state.phase;
}

/** One studio going live and riding out two outages: first by its own backoff, then with "reconnect now". */
async function studioReconnects(
  server: RtmpServer,
  tap: RtmpTap,
  roundNo: number,
  rounds: number,
  downMs: number,
  log: (line: string) => void,
): Promise<{ backoff: ReconnectSample; reconnectNow: ReconnectSample }> {
  const transitions: Array<{ at: number; state: DestinationPhase }> = [];
  let engine: StreamEngine | null = null;
  const spawnedAt: number[] = [];
  engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: STREAM_SOURCE,
    settings: STREAM_SETTINGS,
    destinations: [{ id: 'bench', target: tap.target(`reconnect-studio-${roundNo}`) }],
    spawn: (command, args, options) => {
      if (args.includes('pipe:0')) spawnedAt.push(now());
      return spawnTracked(command, args, options);
    },
    now,
    onChange: () => {
      const state = engine?.destinations[0]?.state;
      if (state && transitions.at(-1)?.state !== state) transitions.push({ at: now(), state });
    },
  });
  const dest = engine.destinations[0]!;
  const samples = new Map<boolean, ReconnectSample>();
  try {
    await withTimeout(engine.start(), GO_LIVE_TIMEOUT_MS, 'the studio going live');
    for (const pressed of [false, true]) {
      log(`stream: ingest outages, round ${roundNo} of ${rounds}: studio${pressed ? ' + reconnect now' : ''} …`);
      await until('the studio live', () => dest.state.phase === 'live', RECONNECT_TIMEOUT_MS);
      await sleep(STEADY_MS);
      const killedAt = now();
      const back = await outage(server, tap, downMs);
      const stateAtBack = describeState(dest.state);
      if (pressed) engine.reconnectNow('bench');
      const hit = await tap.waitFor('picture', back, RECONNECT_TIMEOUT_MS);
      // The retry that got through: the last wait the destination announced before its new connection.
      const waited = transitions.filter((t) => t.at <= hit.conn.acceptedAt && t.state.phase === 'reconnecting').at(-1);
      const retry =
        !pressed && waited?.state.phase === 'reconnecting' && waited.at >= killedAt
          ? {
              attempt: waited.state.attempt,
              delayMs: round(waited.state.retryAt - waited.at),
              afterBackMs: round(waited.state.retryAt - back),
            }
          : null;
      samples.set(pressed, {
        ms: round(hit.at - back),
        connectMs: round(hit.conn.acceptedAt - back),
        spawns: spawnedAt.filter((t) => t >= killedAt && t <= hit.at).length,
        stateAtBack,
        retry,
      });
    }
  } finally {
    await withTimeout(engine.stop(), ENGINE_STOP_TIMEOUT_MS, 'stopping the engine');
  }
  return { backoff: samples.get(false)!, reconnectNow: samples.get(true)! };
}

/** The bare baseline's recovery: run the command again the moment it exits, for as long as it is wanted. */
class Supervisor {
  readonly spawnedAt: number[] = [];
  private current: ChildProcess | null = null;
  private stopped = false;
  private lastError = '';
  private readonly args: string[];

  constructor(args: string[]) {
    this.args = args;
  }

  start(): void {
    if (this.stopped) return;
    if (this.spawnedAt.length >= MAX_SUPERVISOR_SPAWNS) {
      this.stopped = true;
      return;
    }
    this.spawnedAt.push(now());
    const { child, stderr } = spawnBare(this.args);
    this.current = child;
    child.once('error', (error) => {
      this.stopped = true;
      this.lastError = error.message;
    });
    child.once('exit', () => {
      this.lastError = stderr();
      if (this.current === child) this.current = null;
      this.start();
    });
  }

  get error(): string {
    return this.lastError;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.current) await stopChild(this.current, FFMPEG_STOP_GRACE_MS);
  }
}

/** One supervised bare command going live and riding out one outage. */
async function bareReconnects(
  server: RtmpServer,
  tap: RtmpTap,
  roundNo: number,
  rounds: number,
  downMs: number,
  log: (line: string) => void,
): Promise<ReconnectSample> {
  const supervisor = new Supervisor(barePushArgs(STREAM_SOURCE, STREAM_SETTINGS, tap.url(`reconnect-bare-${roundNo}`)));
  try {
    log(`stream: ingest outages, round ${roundNo} of ${rounds}: bare ffmpeg under a supervisor …`);
    const t0 = now();
    supervisor.start();
    await tap.waitFor('picture', t0, GO_LIVE_TIMEOUT_MS);
    await sleep(STEADY_MS + 1000); // about as long as the studio streams before an outage (it waits for "live")
    const killedAt = now();
    const back = await outage(server, tap, downMs);
    const hit = await tap.waitFor('picture', back, RECONNECT_TIMEOUT_MS).catch((error: Error) => {
      throw new Error(`${error.message}; bare ffmpeg said: ${supervisor.error.trim() || 'nothing'}`);
    });
    return {
      ms: round(hit.at - back),
      connectMs: round(hit.conn.acceptedAt - back),
      spawns: supervisor.spawnedAt.filter((t) => t >= killedAt && t <= hit.at).length,
      stateAtBack: null,
      retry: null,
    };
  } finally {
    await supervisor.stop();
  }
}

// --- the benchmark ----------------------------------------------------------------------------------------------

export async function benchStream(opts: StreamBenchOptions): Promise<StreamResult> {
  const log = opts.log ?? (() => {});
  const downMs = opts.downMs ?? DEFAULT_DOWN_MS;
  const warnings: string[] = [];
  fs.mkdirSync(opts.dir, { recursive: true });
  const server = await startRtmpServer();
  let tap: RtmpTap | null = null;
  try {
    tap = await RtmpTap.open(server.port);
    const goLive = await benchGoLive(tap, opts.runs, '', log);
    let goLiveRtt: StreamResult['goLiveRtt'] = null;
    const rttMs = opts.rttMs ?? 0;
    if (rttMs > 0) {
      const far = await RtmpTap.open(server.port, { delayMs: rttMs / 2 });
      try {
        goLiveRtt = { rttMs, ...(await benchGoLive(far, opts.runs, `, ${rttMs} ms round trip to the ingest`, log)) };
      } finally {
        far.close();
      }
    }

    // In rounds, alternating which goes first, so a busy spell on the machine does not land on one side only.
    const studioRec = { backoff: [] as ReconnectSample[], reconnectNow: [] as ReconnectSample[] };
    const bareRec: ReconnectSample[] = [];
    for (let k = 1; k <= opts.reconnects; k++) {
      const order = k % 2 === 1 ? (['studio', 'bare'] as const) : (['bare', 'studio'] as const);
      for (const side of order) {
        await sleep(SETTLE_MS);
        if (side === 'bare') {
          bareRec.push(await bareReconnects(server, tap, k, opts.reconnects, downMs, log));
        } else {
          const r = await studioReconnects(server, tap, k, opts.reconnects, downMs, log);
          studioRec.backoff.push(r.backoff);
          studioRec.reconnectNow.push(r.reconnectNow);
        }
      }
    }
    tap.close();
    tap = null;

    log(`stream: ${opts.seconds} s live with a recording, studio …`);
    await sleep(SETTLE_MS);
    const studio = await studioCpu(server, opts.dir, opts.seconds);
    log(`stream: ${opts.seconds} s live with a recording, bare ffmpeg (tee) …`);
    await sleep(SETTLE_MS);
    const baseline = await bareCpu(server, opts.dir, opts.seconds);

    const cores = os.availableParallelism();
    for (const [name, run] of [
      ['studio', studio],
      ['bare ffmpeg', baseline],
    ] as const) {
      const share = run.otherCpuSeconds / run.wallSeconds;
      if (share > OTHER_WORK_WARN_CORES)
        warnings.push(
          `NOTE: during the ${name} CPU run other work on the machine used ${run.otherCpuSeconds.toFixed(1)} CPU-s (${share.toFixed(2)} of ${cores} cores): the CPU figures compete with it.`,
        );
    }
    if (studio.engine && (studio.engine.reconnects > 0 || studio.engine.droppedTags > 0))
      warnings.push(
        `WARNING: the studio's CPU run was not clean: ${studio.engine.reconnects} reconnects, ${studio.engine.droppedTags} tags dropped.`,
      );
    const durations = [studio.recordingSeconds, baseline.recordingSeconds];
    if (durations.some((s) => s === null || Math.abs(s - opts.seconds) > 3))
      warnings.push(
        `WARNING: the recordings last ${durations.map((s) => (s === null ? 'unreadable' : `${s.toFixed(1)} s`)).join(' (studio) and ')} (bare) for ${opts.seconds} s live.`,
      );

    const med = (samples: readonly ReconnectSample[]) => round(median(samples.map((s) => s.ms)));
    return {
      ffmpeg: ffmpegVersion(),
      settings: STREAM_SETTINGS,
      source: 'test pattern (lavfi testsrc + sine, -re)',
      goLive,
      goLiveRtt,
      cpu: { seconds: opts.seconds, studio, baseline, ratio: round(studio.totalCpuSeconds / baseline.totalCpuSeconds) },
      reconnect: {
        downMs,
        runs: opts.reconnects,
        studioBackoff: studioRec.backoff,
        studioReconnectNow: studioRec.reconnectNow,
        baseline: bareRec,
        medianMs: {
          studioBackoff: med(studioRec.backoff),
          studioReconnectNow: med(studioRec.reconnectNow),
          baseline: med(bareRec),
        },
      },
      warnings,
    };
  } finally {
    tap?.close();
    await server.stop();
  }
}
