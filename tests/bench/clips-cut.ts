// Cutting a show's explanation clips (copy mode) beside a bare ffmpeg loop over the same segments. The recording is
// made once (testsrc at 720p30 with a tone, x264 with a keyframe every 2 s and AAC, as the studio records) and kept
// in ~/.cache/livecart/bench/ for later runs; 40 explanations spread over it. Studio = cutClip for each
// (`-progress` read, faststart; posters are made when first shown, not here); baseline = `ffmpeg -ss … -i REC -t …
// -c copy -avoid_negative_ts make_zero OUT` for each, one after another.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cutClip, joinFiles } from '../../electron/core/clips/clip-cutter.ts';
import { CLIP_PAD_MS } from '../../electron/core/clips/clip-plan.ts';
import { REEL_MAX_MS } from '../../electron/core/clips/reel-plan.ts';
import { now } from './measure.ts';
import type { Row } from './report.ts';

const run = promisify(execFile);

export interface ClipsBenchResult {
  minutes: number;
  clips: number;
  recordingMb: number;
  generatedSeconds: number | null;
  studioSeconds: number;
  baselineSeconds: number;
  clipsMb: number;
  reel: {
    parts: number;
    minutes: number;
    studioSeconds: number;
    coldSeconds: number;
    baselineSeconds: number;
    mb: number;
  };
}

async function recording(minutes: number): Promise<{ file: string; generatedSeconds: number | null }> {
  const dir = path.join(os.homedir(), '.cache', 'livecart', 'bench');
  const file = path.join(dir, `recording-720p30-${minutes}min.mp4`);
  if (fs.existsSync(file)) return { file, generatedSeconds: null };
  fs.mkdirSync(dir, { recursive: true });
  const t0 = now();
  const partial = `${file}.partial.mp4`;
  // prettier-ignore
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(minutes * 60),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0',
    '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '5000k', '-c:a', 'aac', '-b:a', '128k',
    '-movflags', '+faststart', partial,
  ], { timeout: 60 * 60_000 });
  fs.renameSync(partial, file);
  return { file, generatedSeconds: (now() - t0) / 1000 };
}

/** 40 explanations spread evenly, each 60 % of its share of the show (45 s each in an hour). */
function segments(minutes: number, count: number): Array<{ fromMs: number; toMs: number }> {
  const share = (minutes * 60_000) / count;
  return Array.from({ length: count }, (_, i) => {
    const start = i * share + share * 0.2;
    return { fromMs: Math.max(0, start - CLIP_PAD_MS), toMs: start + share * 0.6 + CLIP_PAD_MS };
  });
}

export async function benchClips(opts: { dir: string; minutes: number; clips: number }): Promise<ClipsBenchResult> {
  const { file, generatedSeconds } = await recording(opts.minutes);
  const cuts = segments(opts.minutes, opts.clips);
  const studioDir = path.join(opts.dir, 'studio');
  const bareDir = path.join(opts.dir, 'bare');
  fs.mkdirSync(studioDir, { recursive: true });
  fs.mkdirSync(bareDir, { recursive: true });
  // The file is read once before either side is timed, so both find it in the OS cache.
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-c', 'copy', '-f', 'null', '-']);

  let t0 = now();
  for (const [i, cut] of cuts.entries()) {
    // prettier-ignore
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-ss', (cut.fromMs / 1000).toFixed(3), '-i', file,
      '-t', ((cut.toMs - cut.fromMs) / 1000).toFixed(3), '-c', 'copy', '-avoid_negative_ts', 'make_zero',
      path.join(bareDir, `${i}.mp4`),
    ]);
  }
  const baselineSeconds = (now() - t0) / 1000;

  t0 = now();
  let bytes = 0;
  for (const [i, cut] of cuts.entries()) {
    const result = await cutClip([{ recordingId: 1, file, ...cut }], path.join(studioDir, `${i}.mp4`), {
      ffmpegPath: 'ffmpeg',
    });
    bytes += result.bytes;
  }
  const studioSeconds = (now() - t0) / 1000;
  const reel = await benchReel(file, cuts, studioDir, opts.dir);
  return {
    reel,
    minutes: opts.minutes,
    clips: cuts.length,
    recordingMb: fs.statSync(file).size / 1e6,
    generatedSeconds,
    studioSeconds,
    baselineSeconds,
    clipsMb: bytes / 1e6,
  };
}

/**
 * The long video: as many explanations as fit in 30 minutes (with room for a copy's keyframe slack), in show order,
 * into one MP4, as ReelService does in copy mode: from the clips the studio cut as the explanations ended (one join),
 * and with no clip cut yet (each cut, then joined). Baseline = one bare ffmpeg concat-demuxer run with
 * inpoint/outpoint over the same segments.
 */
async function benchReel(
  file: string,
  cuts: ReadonlyArray<{ fromMs: number; toMs: number }>,
  clipsDir: string,
  dir: string,
) {
  const limit = REEL_MAX_MS - 2 * 60_000;
  const chosen: Array<{ fromMs: number; toMs: number }> = [];
  let total = 0;
  for (const cut of cuts) {
    if (total + cut.toMs - cut.fromMs > limit) break;
    chosen.push(cut);
    total += cut.toMs - cut.fromMs;
  }
  const list = path.join(dir, 'reel.txt');
  const lines = chosen.map(
    (c) => `file '${file}'\ninpoint ${(c.fromMs / 1000).toFixed(3)}\noutpoint ${(c.toMs / 1000).toFixed(3)}`,
  );
  fs.writeFileSync(list, `${lines.join('\n')}\n`);
  let t0 = now();
  // prettier-ignore
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-f', 'concat', '-safe', '0', '-i', list,
    '-c', 'copy', '-movflags', '+faststart', path.join(dir, 'bare-reel.mp4'),
  ]);
  const baselineSeconds = (now() - t0) / 1000;

  t0 = now();
  const files = chosen.map((_, i) => path.join(clipsDir, `${i}.mp4`));
  const fromClips = await joinFiles(files, path.join(dir, 'reel.mp4'), { ffmpegPath: 'ffmpeg', totalMs: total });
  const studioSeconds = (now() - t0) / 1000;

  t0 = now();
  const pieces = chosen.map((cut) => ({ recordingId: 1, file, ...cut }));
  await cutClip(pieces, path.join(dir, 'cold-reel.mp4'), { ffmpegPath: 'ffmpeg' });
  const coldSeconds = (now() - t0) / 1000;
  return {
    parts: chosen.length,
    minutes: fromClips.durationMs / 60_000,
    studioSeconds,
    coldSeconds,
    baselineSeconds,
    mb: fromClips.bytes / 1e6,
  };
}

export function clipsRows(r: ClipsBenchResult): Row[] {
  const made = r.generatedSeconds === null ? 'cached' : `made in ${r.generatedSeconds.toFixed(0)} s`;
  return [
    {
      name: `clips: ${r.clips} explanations of a ${r.minutes}-min 720p recording, copy mode`,
      unit: 's',
      studio: r.studioSeconds,
      baseline: r.baselineSeconds,
      note: `recording ${r.recordingMb.toFixed(0)} MB (${made}), clips ${r.clipsMb.toFixed(0)} MB in all. Studio = cutClip per explanation (stream copy from the keyframe before, progress read, faststart; posters are made when first shown, not here); baseline = a bare \`ffmpeg -ss … -i REC -t … -c copy -avoid_negative_ts make_zero\` loop over the same segments`,
    },
    {
      name: `clips: the long video of ${r.reel.parts} explanations (${r.reel.minutes.toFixed(1)} min) from their clips`,
      unit: 's',
      studio: r.reel.studioSeconds,
      baseline: r.reel.baselineSeconds,
      note: `${r.reel.mb.toFixed(0)} MB. Studio = the copy-mode clips the studio cut as the explanations ended, joined in one ffmpeg run (ReelService in copy mode); baseline = one bare ffmpeg concat-demuxer run with inpoint/outpoint over the same segments of the recording`,
    },
    {
      name: `clips: the same long video with no clip cut yet`,
      unit: 's',
      studio: r.reel.coldSeconds,
      baseline: r.reel.baselineSeconds,
      note: 'each explanation cut from its keyframe (two at a time), then all joined: two passes over the media',
    },
  ];
}
