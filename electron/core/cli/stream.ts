// `livecart stream`: the streaming engine without a window, for rehearsals and scripted checks. Prints each
// destination's state changes as they happen and a summary at the end; exit 0 when it ran its duration,
// non-zero when it could not start or a destination's key was rejected. Ctrl-C still finalises the recording.
// Stream keys never come from the command line (every local user can read a process's arguments): each --to is a
// server address, its key read from a --key-file or from $LIVECART_STREAM_KEY.
import fs from 'node:fs';
import { messageFor, type Locale } from '../protocol/messages.ts';
import type { DestinationPhase } from '../stream/engine/destination.ts';
import { StreamEngine } from '../stream/engine/stream-engine.ts';
import type { EngineSummary } from '../stream/engine/engine-types.ts';
import { maskIngestUrl, parseBitrateKbps, parseFps, parseIngestUrl, parseSize } from '../stream/stream-options.ts';
import { rtmpTarget, type RtmpTarget } from '../stream/rtmp/rtmp-target.ts';
import { locateFfmpeg } from '../ffmpeg/locate.ts';
import { probeFfmpeg } from '../ffmpeg/probe.ts';
import type { ShowOverlay } from '../stream/stream-overlay.ts';
import { openFolderOverlay, type FolderOverlay } from './stream-overlay.ts';
import { EXIT_FAILED, UsageError } from './args.ts';

export interface StreamFlags {
  testPattern: boolean;
  size?: string;
  fps?: string;
  bitrate?: string;
  to: string[];
  /** One per --to, in order; a --to without one takes $LIVECART_STREAM_KEY. */
  keyFiles: string[];
  record?: string;
  duration?: string;
  lowLatency: boolean;
  /** Composite the studio's overlay from the data folder's live show. */
  overlay: boolean;
}

/** Ended by Ctrl-C: the conventional exit status of a process stopped by SIGINT. */
const EXIT_INTERRUPTED = 130;

/** Where each --to publishes: its address and the key from its --key-file, or from the environment. */
export function streamTargets(
  flags: Pick<StreamFlags, 'to' | 'keyFiles'>,
  env: NodeJS.ProcessEnv = process.env,
  readFile: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): RtmpTarget[] {
  if (flags.keyFiles.length > flags.to.length)
    throw new UsageError('more --key-file than --to: give one per --to, in order');
  return flags.to.map((url, i) => {
    const file = flags.keyFiles[i];
    let key: string;
    if (file !== undefined) {
      try {
        key = readFile(file).trim();
      } catch {
        throw new UsageError(`--key-file ${file} cannot be read`);
      }
    } else {
      key = (env.LIVECART_STREAM_KEY ?? '').trim();
    }
    if (!key) {
      throw new UsageError(
        `--to ${maskIngestUrl(url)} needs its stream key: --key-file FILE, or LIVECART_STREAM_KEY in the environment (never on the command line)`,
      );
    }
    const target = rtmpTarget(url, key);
    if (!target) throw new UsageError(`--to must be an rtmp:// or rtmps:// server address, got ${maskIngestUrl(url)}`);
    return target;
  });
}

export function parseStreamFlags(flags: StreamFlags) {
  if (!flags.testPattern) {
    throw new UsageError('stream needs a source: --test-pattern (cameras are chosen in the studio window)');
  }
  const size = parseSize(flags.size ?? '1280x720');
  if (!size) throw new UsageError(`--size must be WIDTHxHEIGHT with even numbers, got ${flags.size}`);
  const fps = parseFps(flags.fps ?? '30');
  if (!fps) throw new UsageError(`--fps must be a whole number 1–60, got ${flags.fps}`);
  const videoKbps = parseBitrateKbps(flags.bitrate ?? '2500k');
  if (!videoKbps) throw new UsageError(`--bitrate must be like 2500k or 2.5M (100k–50M), got ${flags.bitrate}`);
  for (const url of flags.to) {
    if (!parseIngestUrl(url))
      throw new UsageError(`--to must be an rtmp:// or rtmps:// URL, got ${maskIngestUrl(url)}`);
  }
  if (flags.to.length === 0 && !flags.record) throw new UsageError('stream needs --to URL or --record FILE');
  let durationMs: number | null = null;
  if (flags.duration !== undefined) {
    const seconds = Number(flags.duration);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new UsageError(`--duration must be seconds > 0, got ${flags.duration}`);
    durationMs = Math.round(seconds * 1000);
  }
  return { size, fps, videoKbps, durationMs };
}

/** The overlay for this run, or null (asked for but impossible: said why, the stream goes on without it). */
async function cliOverlay(
  dataDir: string,
  ffmpegPath: string,
  frame: { width: number; height: number },
  zh: boolean,
): Promise<{ folder: FolderOverlay; show: ShowOverlay } | null> {
  const { filters } = await probeFfmpeg(ffmpegPath);
  if (!filters.overlay) {
    console.error(
      zh ? '这个 ffmpeg 没有 overlay 滤镜：不叠加画面。' : 'This ffmpeg has no overlay filter: no overlay.',
    );
    return null;
  }
  const folder = openFolderOverlay(dataDir);
  if (!folder) {
    console.error(zh ? `${dataDir} 里没有工作室的数据：不叠加画面。` : `No studio data in ${dataDir}: no overlay.`);
    return null;
  }
  const show = await folder.feed.open(frame, { drawtext: filters.drawtext });
  console.log(
    zh
      ? `画面叠加：跟随 ${dataDir} 中正在直播的场次（讲解、优惠券、库存）`
      : `Overlay: following the live show in ${dataDir} (explaining, coupons, stock)`,
  );
  return { folder, show };
}

export async function streamCommand(flags: StreamFlags, dataDir: string, locale: Locale): Promise<number> {
  const { size, fps, videoKbps, durationMs } = parseStreamFlags(flags);
  const targets = streamTargets(flags);
  const zh = locale === 'zh-CN';
  const ffmpeg = locateFfmpeg();
  if (!ffmpeg) {
    console.error(
      zh ? '找不到 ffmpeg：请安装 ffmpeg，或设置 FFMPEG_PATH。' : 'ffmpeg not found: install it or set FFMPEG_PATH.',
    );
    return EXIT_FAILED;
  }
  const names = new Map(flags.to.map((url, i) => [`${i + 1}`, maskIngestUrl(`${url.replace(/\/+$/, '')}/key`)]));
  // Each state is printed once, when it begins (a countdown is not reprinted every second).
  const shown = new Map<string, DestinationPhase>();
  const started = Date.now();
  const clock = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  };
  let losses = 0;
  const overlay = flags.overlay ? await cliOverlay(dataDir, ffmpeg.path, size, zh) : null;
  const engine: StreamEngine = new StreamEngine({
    ffmpegPath: ffmpeg.path,
    source: { kind: 'test-pattern' },
    settings: {
      ...size,
      fps,
      videoKbps,
      audioKbps: 128,
      encoder: 'libx264',
      preset: 'veryfast',
      lowLatency: flags.lowLatency,
    },
    destinations: targets.map((target, i) => ({ id: `${i + 1}`, target })),
    recordPath: flags.record,
    overlay: overlay?.show ?? null,
    onChange: () => {
      if (engine.source.losses > losses) {
        losses = engine.source.losses;
        console.log(
          zh
            ? `[${clock()}] 编码器中断（${engine.source.lostDetail}），测试画面（无声）接替，推流继续`
            : `[${clock()}] the encoder stopped (${engine.source.lostDetail}); the silent test pattern stands in`,
        );
      }
      for (const d of engine.destinations) {
        if (shown.get(d.id) === d.state) continue;
        shown.set(d.id, d.state);
        console.log(`[${clock()}] ${names.get(d.id)} ${describeState(d.state, locale)}`);
      }
    },
  });

  const closeOverlay = async () => {
    if (!overlay) return;
    await overlay.folder.feed.close(overlay.show).catch(() => undefined);
    await overlay.folder.close();
  };
  try {
    await engine.start();
  } catch (error) {
    await engine.stop();
    await closeOverlay();
    console.error(`${zh ? '无法开始推流' : 'Could not start the stream'}: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  console.log(zh ? `[${clock()}] 编码器已启动` : `[${clock()}] encoder running`);

  const reason = await runUntilDone(engine, durationMs, Boolean(flags.record));
  const summary = await engine.stop();
  await closeOverlay();
  printSummary(summary, names, locale);
  if (reason === 'failed') {
    console.error(`${zh ? '编码器出错' : 'The encoder failed'}: ${summary.error}`);
    return EXIT_FAILED;
  }
  if (summary.destinations.some((d) => d.state.phase === 'failed')) return EXIT_FAILED;
  return reason === 'interrupted' ? EXIT_INTERRUPTED : 0;
}

/** Until the duration is up, Ctrl-C (or SIGTERM) arrives, or the encoder fails; then cleans up after itself. */
type Ending = 'duration' | 'interrupted' | 'failed' | 'rejected';

function runUntilDone(engine: StreamEngine, durationMs: number | null, recording: boolean): Promise<Ending> {
  return new Promise((resolve) => {
    const finish = (why: Ending) => {
      if (timer) clearTimeout(timer);
      clearInterval(watch);
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      resolve(why);
    };
    const interrupt = () => finish('interrupted');
    const timer = durationMs === null ? null : setTimeout(() => finish('duration'), durationMs);
    const watch = setInterval(() => {
      if (engine.phase === 'failed') finish('failed');
      // Every destination's key refused and nothing being recorded: there is nothing left to run for.
      const allRejected =
        engine.destinations.length > 0 && engine.destinations.every((d) => d.state.phase === 'failed');
      if (allRejected && !recording) finish('rejected');
    }, 200);
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
  });
}

export function describeState(state: DestinationPhase, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (state.phase) {
    case 'idle':
      return zh ? '等待' : 'waiting';
    case 'connecting':
      return zh ? `连接中（第 ${state.attempt} 次）` : `connecting (attempt ${state.attempt})`;
    case 'live':
      return zh ? '直播中' : 'live';
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
      const why = messageFor(`stream_${state.reason}`, locale);
      return zh
        ? `${seconds} 秒后重连（第 ${state.attempt} 次）：${why}`
        : `reconnecting in ${seconds} s (attempt ${state.attempt}): ${why}`;
    }
    case 'failed':
      return `${zh ? '失败' : 'failed'}: ${messageFor(`stream_${state.reason}`, locale)}`;
    case 'stopped':
      return zh ? '已停止' : 'stopped';
  }
}

function printSummary(summary: EngineSummary, names: Map<string, string>, locale: Locale): void {
  const zh = locale === 'zh-CN';
  console.log(
    zh ? `\n共推流 ${Math.round(summary.liveMs / 1000)} 秒` : `\nStreamed for ${Math.round(summary.liveMs / 1000)} s`,
  );
  for (const d of summary.destinations) {
    const live = Math.round(d.stats.liveMs / 1000);
    const mb = (d.stats.bytesSent / 1e6).toFixed(1);
    console.log(
      zh
        ? `  ${names.get(d.id)}：直播 ${live} 秒，重连 ${d.stats.reconnects} 次，发送 ${mb} MB`
        : `  ${names.get(d.id)}: live ${live} s, ${d.stats.reconnects} reconnect(s), ${mb} MB sent`,
    );
  }
  if (summary.recording) console.log(`${zh ? '录像' : 'Recording'}: ${summary.recording.file}`);
}
