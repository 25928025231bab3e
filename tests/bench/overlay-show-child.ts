// One show of the overlay bench's CPU part (overlay-bench.ts), in a process of its own: the parent runs a show with
// the overlay and the same show without it at the same time, each in its own process, so that both meet the same
// machine (a 2-core VM's CPU accounting moves by 20–30 % from one minute to the next) and each process's CPU is its
// own show's: its encoder's (read from /proc while it runs) and its own (the engine, and the painting).
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { OverlayOutput } from '../../electron/core/overlay/overlay-output.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import type { OverlayScene } from '../../electron/core/protocol/overlay-schemas.ts';
import type { EncodeSettings } from '../../electron/core/stream/engine/encoder-args.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { rtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';
import { now } from './measure.ts';
import { ownCpuSeconds, processCpuSeconds, spawnTracked } from './stream-procs.ts';

export interface ShowRequest {
  dir: string;
  settings: EncodeSettings;
  withOverlay: boolean;
  seconds: number;
  /** The ingest's address (rtmp://127.0.0.1:PORT/live) and this show's stream key. */
  server: string;
  key: string;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

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

async function show(request: ShowRequest): Promise<OverlayCpuRun> {
  const { dir, settings, withOverlay, seconds } = request;
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
  const engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: { kind: 'test-pattern' },
    settings,
    destinations: [{ id: 'cpu', target: rtmpTarget(request.server, request.key)! }],
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

// Started by overlay-bench.ts with the request as its argument; the result is the last line it prints.
const request = JSON.parse(process.argv[2] ?? 'null') as ShowRequest | null;
if (!request) {
  console.error('overlay-show-child.ts is started by tests/bench/overlay-bench.ts, not by hand');
  process.exit(2);
}
show(request).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
