// The overlay, measured (`npm run bench -- --only overlay`; needs ffmpeg and nginx with its RTMP module).
//
// 1. "explain 3号" → the card in the picture at the ingest. A real studio streams the test pattern (720p30) through a
//    loopback proxy (stream-wire.ts, which notes when each video message carrying a picture reaches nginx, by its
//    RTMP timestamp) to nginx-rtmp; a player copies what nginx serves into an FLV as it comes, timestamps kept. Two
//    products with pictures of distinct colours are explained in turn, --overlay-explains times; afterwards every
//    frame of the copy is decoded and the card's picture looked at, frame by frame: the latency of an explain is
//    from just before the call to the arrival at the ingest of the first frame showing the new card.
// 2. CPU of a show of --overlay-seconds (default 60) at 1280×720 and at 720×1280, 30 fps, the overlay changing every
//    5 s (a card, another card, a coupon, nothing), beside the same show without the overlay at the same time, each
//    in a process of its own (overlay-show-child.ts), --overlay-rounds times: each show's encoder CPU and its
//    process's (the engine, and the painting), and the frames ffmpeg dropped.
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCanvas } from '@napi-rs/canvas';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay } from '../../electron/core/overlay/shared/overlay-layout.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { summarize, now, type LatencySummary } from './measure.ts';
import { stopChild } from './stream-procs.ts';
import { STREAM_SETTINGS } from './stream-bench.ts';
import { RtmpTap } from './stream-wire.ts';
import type { OverlayCpuRun, ShowRequest } from './overlay-show-child.ts';

export type { OverlayCpuRun };

const COLOURS = [
  [255, 136, 0],
  [34, 170, 102],
] as const;
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

const SHOW_CHILD = fileURLToPath(new URL('./overlay-show-child.ts', import.meta.url));

async function showInChild(request: ShowRequest): Promise<OverlayCpuRun> {
  fs.mkdirSync(request.dir, { recursive: true });
  const { stdout } = await promisify(execFile)(process.execPath, [SHOW_CHILD, JSON.stringify(request)], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: (request.seconds + 120) * 1000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as OverlayCpuRun;
}

export async function benchOverlay(opts: {
  dir: string;
  seconds: number;
  explains: number;
  /** Shows each way per layout, in turn. */
  rounds: number;
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
    // Without and with at the same time, each show in a process of its own (overlay-show-child.ts): a 2-core VM's
    // CPU accounting drifts by 20–30 % from one minute to the next, and two shows side by side meet the same drift.
    for (const size of [
      { width: 1280, height: 720 },
      { width: 720, height: 1280 },
    ]) {
      for (let round = 0; round < opts.rounds; round++) {
        opts.log(
          `overlay CPU: ${size.width}×${size.height} with and without the overlay side by side, ${opts.seconds} s (${round + 1}/${opts.rounds})`,
        );
        const pair = [false, true].map((withOverlay) =>
          showInChild({
            dir: path.join(opts.dir, withOverlay ? 'with' : 'without'),
            settings: { ...base, ...size },
            withOverlay,
            seconds: opts.seconds,
            server: `rtmp://127.0.0.1:${server.port}/live`,
            key: `cpu-${size.width}x${size.height}-${round}-${withOverlay ? 'overlay' : 'bare'}`,
          }),
        );
        cpu.push(...(await Promise.all(pair)));
      }
    }
    return { latency: lat, cpu };
  } finally {
    await server.stop();
  }
}
