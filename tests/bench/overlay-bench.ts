// The overlay, measured (`npm run bench -- --only overlay`; needs ffmpeg and nginx with its RTMP module).
//
// 1. "explain 3号" → the card in the picture at the ingest. A real studio streams the test pattern (720p30) through a
//    loopback proxy (stream-wire.ts, which notes when each video message carrying a picture reaches nginx, by its
//    RTMP timestamp) to nginx-rtmp; a player copies what nginx serves into an FLV as it comes, timestamps kept. Two
//    products with pictures of distinct colours are explained in turn, --overlay-explains times; afterwards every
//    frame of the copy is decoded and the card's picture looked at, frame by frame: the latency of an explain is
//    from just before the call to the arrival at the ingest of the first frame showing the new card.
// 2. CPU of a show of --overlay-seconds (default 60) at 1280×720 and at 720×1280, 30 fps, the overlay changing every
//    5 s (a card, another card, a coupon, nothing), beside the same show without the overlay, in the same run, the
//    two in turn twice over: the encoder's CPU and this process's (where the overlay is painted), and the frames
//    ffmpeg dropped.
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { OverlayOutput } from '../../electron/core/overlay/overlay-output.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay } from '../../electron/core/overlay/shared/overlay-layout.ts';
import type { OverlayScene } from '../../electron/core/protocol/overlay-schemas.ts';
import type { EncodeSettings } from '../../electron/core/stream/engine/encoder-args.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { summarize, now, type LatencySummary } from './measure.ts';
import { ownCpuSeconds, processCpuSeconds, spawnTracked, stopChild } from './stream-procs.ts';
import { STREAM_SETTINGS } from './stream-bench.ts';
import { RtmpTap } from './stream-wire.ts';

const COLOURS = [
  [255, 136, 0],
  [34, 170, 102],
] as const;
const CPU_ROUNDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface OverlayLatencyResult {
  explains: number;
  /** Per explain: call → first frame with the new card at the ingest (ms); null when none showed it. */
  samples: Array<number | null>;
  summary: LatencySummary;
  fps: number;
  /** x264 with `-tune zerolatency` (the studio's low-latency option): no lookahead holding frames back. */
  lowLatency: boolean;
}

export interface OverlayCpuRun {
  layout: string;
  overlay: boolean;
  liveSeconds: number;
  encoderCpuSeconds: number;
  ownCpuSeconds: number;
  droppedFrames: number;
  droppedTags: number;
}

export interface OverlayResult {
  /** With the default encoding, then with low-latency encoding. */
  latency: OverlayLatencyResult[];
  cpu: OverlayCpuRun[];
}

function solidPng(rgb: readonly number[]): Buffer {
  const canvas = createCanvas(96, 96);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${rgb.join(',')})`;
  ctx.fillRect(0, 0, 96, 96);
  return canvas.toBuffer('image/png');
}

async function latency(
  server: RtmpServer,
  dir: string,
  explains: number,
  lowLatency: boolean,
  log: (l: string) => void,
) {
  const tap = await RtmpTap.open(server.port);
  const studio = await openStudio({ dataDir: path.join(dir, lowLatency ? 'studio-low-latency' : 'studio') });
  let player: ChildProcess | null = null;
  try {
    const ids = [];
    for (const [i, colour] of COLOURS.entries()) {
      const imageId = await studio.catalog.images.save(solidPng(colour));
      ids.push((await studio.catalog.create({ title: `商品${i + 1}`, priceFen: 3990, stock: 100, imageId })).id);
    }
    const session = await studio.live.create({ title: 'bench' });
    for (const id of ids) await studio.live.bagAdd(session.id, id);
    await studio.live.goLive(session.id);
    const settings = studio.stream.state().settings;
    await studio.stream.saveSettings({
      ...settings,
      preset: '720p',
      fps: 30,
      videoKbps: 2500,
      record: false,
      hardware: false,
      lowLatency,
    });
    await studio.stream.saveDestination(undefined, {
      name: 'bench',
      platform: 'custom',
      serverUrl: `rtmp://127.0.0.1:${tap.port}/live`,
      streamKey: 'overlay-bench',
      enabled: true,
    });
    const state = await studio.stream.start();
    if (state.phase !== 'live' || state.overlay !== 'composited')
      throw new Error(`not live with the overlay: ${state.error}`);
    const copy = path.join(dir, `ingest-${lowLatency ? 'low-latency' : 'default'}.flv`);
    player = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-i',
        server.url('overlay-bench'),
        '-c',
        'copy',
        '-copyts',
        '-f',
        'flv',
        '-y',
        copy,
      ],
      {
        stdio: 'ignore',
      },
    );
    await sleep(3000); // the player joins at a keyframe
    const calls: Array<{ at: number; colour: number }> = [];
    for (let i = 0; i < explains; i++) {
      const link = (i % 2) + 1;
      calls.push({ at: now(), colour: link - 1 });
      await studio.live.explain(session.id, { linkNo: link });
      // Uneven gaps: a latency near the gap cannot pass for a short one.
      await sleep(1100 + (i % 4) * 300);
    }
    await sleep(1500);
    await stopChild(player, 5000);
    player = null;
    await studio.stream.stop();
    const arrivals = new Map<number, number>();
    for (const conn of tap.connections) for (const p of conn.pictures) arrivals.set(p.timestamp, p.at);
    const frames = await decode(copy);
    const placed = placeOverlay(DEFAULT_OVERLAY_SETTINGS, { width: 1280, height: 720 });
    const card = placed.card!;
    const x = Math.round((card.x + 12 + 30) / 4);
    const y = Math.round((card.y + 12 + 30) / 4);
    const shows = (rgb: Buffer, colour: readonly number[]) => {
      const at = (y * 320 + x) * 3;
      return colour.every((v, c) => Math.abs(rgb[at + c]! - v) <= 40);
    };
    const samples = calls.map((call) => {
      for (const frame of frames) {
        const arrived = arrivals.get(frame.dts);
        if (arrived === undefined || arrived < call.at) continue;
        if (shows(frame.rgb, COLOURS[call.colour]!)) return arrived - call.at;
      }
      return null;
    });
    log(
      `overlay latency${lowLatency ? ' (low-latency encoding)' : ''}: ${samples.map((s) => (s === null ? '—' : Math.round(s))).join(' ')} ms`,
    );
    const found = samples.filter((s): s is number => s !== null);
    return { explains, samples, summary: summarize(found), fps: 30, lowLatency };
  } finally {
    if (player) await stopChild(player, 5000);
    await studio.close();
    tap.close();
  }
}

/** Every frame of the copy, in decode order of presentation, with the timestamp of the packet it came from. */
async function decode(file: string): Promise<Array<{ dts: number; rgb: Buffer }>> {
  const { stdout } = await promisify(execFile)(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pkt_dts', '-of', 'csv=p=0', file],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const dts = stdout.split('\n').filter(Boolean).map(Number);
  const raw = await promisify(execFile)(
    'ffmpeg',
    [
      '-v',
      'error',
      '-copyts',
      '-i',
      file,
      '-map',
      '0:v:0',
      '-vf',
      'scale=320:180',
      '-fps_mode',
      'passthrough',
      '-pix_fmt',
      'rgb24',
      '-f',
      'rawvideo',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 2 * 1024 * 1024 * 1024 },
  );
  const size = 320 * 180 * 3;
  const count = Math.min(dts.length, Math.floor(raw.stdout.length / size));
  return Array.from({ length: count }, (_, i) => ({
    dts: dts[i]!,
    rgb: raw.stdout.subarray(i * size, (i + 1) * size),
  }));
}

const SCENES: OverlayScene[] = [
  {
    card: {
      productId: 1,
      linkNo: 3,
      title: '福鼎白茶 2019年寿眉 老白茶饼 357克',
      priceFen: 3990,
      originalPriceFen: 5990,
      stock: 12,
      soldOut: false,
      imageId: null,
      coupon: { kind: 'threshold', thresholdFen: 9900, offFen: 2000, rate: null, capFen: null },
    },
    coupon: null,
  },
  {
    card: {
      productId: 2,
      linkNo: 4,
      title: '汝窑茶杯 一对 礼盒装',
      priceFen: 12800,
      originalPriceFen: null,
      stock: 1,
      soldOut: false,
      imageId: null,
      coupon: null,
    },
    coupon: {
      kind: 'direct',
      thresholdFen: null,
      offFen: 500,
      rate: null,
      capFen: null,
      name: '直播间专享',
      left: 88,
      endsAt: Date.now() + 1_800_000,
    },
  },
  {
    card: null,
    coupon: {
      kind: 'percent',
      thresholdFen: null,
      offFen: null,
      rate: 88,
      capFen: 2000,
      name: '限时折扣',
      left: null,
      endsAt: Date.now() + 1_800_000,
    },
  },
  { card: null, coupon: null },
];

async function cpuRun(
  server: RtmpServer,
  dir: string,
  settings: EncodeSettings,
  withOverlay: boolean,
  seconds: number,
): Promise<OverlayCpuRun> {
  const frame = { width: settings.width, height: settings.height };
  const overlaySettings = { ...DEFAULT_OVERLAY_SETTINGS, tickerText: '今晚全场包邮 · 关注主播抽奖 · 3号链接限时秒杀' };
  const output = withOverlay
    ? await OverlayOutput.open(
        path.join(dir, 'overlay'),
        frame,
        { scene: SCENES[0]!, settings: overlaySettings, now: Date.now() },
        { drawtext: true, images: () => null },
      )
    : null;
  const children: ChildProcess[] = [];
  const key = `cpu-${settings.width}x${settings.height}-${withOverlay ? 'overlay' : 'bare'}`;
  const engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: { kind: 'test-pattern' },
    settings,
    destinations: [{ id: 'cpu', target: server.target(key) }],
    overlay: output,
    spawn: (command, args, options) => {
      const child = spawnTracked(command, args, options);
      children.push(child);
      return child;
    },
    now,
  });
  const own = ownCpuSeconds();
  const t0 = now();
  const cpu = { encoder: 0, own: 0 };
  try {
    await engine.start();
    for (let i = 1; now() - t0 < seconds * 1000; i++) {
      await sleep(Math.min(5000, t0 + seconds * 1000 - now()));
      await output?.update({ scene: SCENES[i % SCENES.length]!, settings: overlaySettings, now: Date.now() });
    }
    for (const child of children) cpu.encoder += processCpuSeconds(child.pid!) ?? 0;
    cpu.own = ownCpuSeconds() - own;
  } finally {
    await engine.stop();
    await output?.close();
  }
  const summary = engine.summary();
  return {
    layout: `${settings.width}×${settings.height}`,
    overlay: withOverlay,
    liveSeconds: (now() - t0) / 1000,
    encoderCpuSeconds: cpu.encoder,
    ownCpuSeconds: cpu.own,
    droppedFrames: summary.health.droppedFrames,
    droppedTags: summary.destinations[0]!.stats.droppedTags,
  };
}

export async function benchOverlay(opts: {
  dir: string;
  seconds: number;
  explains: number;
  log(line: string): void;
}): Promise<OverlayResult> {
  const server = await startRtmpServer();
  try {
    fs.mkdirSync(opts.dir, { recursive: true });
    const lat = [
      await latency(server, opts.dir, opts.explains, false, opts.log),
      await latency(server, opts.dir, opts.explains, true, opts.log),
    ];
    const cpu: OverlayCpuRun[] = [];
    // The streaming bench's show (720p30, x264 veryfast, 2500k), landscape and turned on its side.
    const base = STREAM_SETTINGS;
    // Without and with, in turn, twice over: a 2-core machine's other work drifts over minutes, and alternating
    // shares that drift between the two instead of charging it to one.
    for (const size of [
      { width: 1280, height: 720 },
      { width: 720, height: 1280 },
    ]) {
      for (let round = 0; round < CPU_ROUNDS; round++) {
        for (const withOverlay of [false, true]) {
          opts.log(
            `overlay CPU: ${size.width}×${size.height} ${withOverlay ? 'with' : 'without'} the overlay, ${opts.seconds} s (${round + 1}/${CPU_ROUNDS})`,
          );
          cpu.push(await cpuRun(server, opts.dir, { ...base, ...size }, withOverlay, opts.seconds));
        }
      }
    }
    return { latency: lat, cpu };
  } finally {
    await server.stop();
  }
}
