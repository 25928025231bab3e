// Cuts a clip from its plan (clip-plan.ts) with ffmpeg. Fast by default: the streams are copied, so the clip starts
// at the keyframe at or before the padded start (the recording has one every 2 s) and takes seconds for any length.
// Exact: decoded and encoded again, first frame on the padded start (and an optional crop to vertical, which needs
// the encode too). Several pieces (an explanation across two recordings, or several explanations of one product)
// are cut one by one and joined with ffmpeg's concat demuxer. Written aside and renamed: a clip file is whole or
// absent. The poster is made when first wanted (`makePoster`): made with every cut, it cost a third more than the
// cut itself (measured: every keyframe of the clip decoded), and a clip nobody looks at needs none.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mediaDurationMs } from '../ffmpeg/media-duration.ts';
import { ownerOnly, tighten } from '../system/data-folder.ts';
import type { ClipPiece } from './clip-plan.ts';
import { runFfmpegTask } from '../ffmpeg/task.ts';
import { mp4DurationMs } from './mp4-duration.ts';

export interface CutOptions {
  ffmpegPath: string;
  /** Re-encode so the first frame is the padded start exactly (default: copy, from the keyframe before it). */
  exact?: boolean;
  /** Crop a landscape recording to 9:16 (re-encoded, so exact). */
  vertical?: boolean;
  /**
   * A picture (PNG, the output's size, transparent around what it shows) drawn over each piece: the reel's
   * lower-third, one per piece (null: none). Drawn means encoded again, so exact.
   */
  overlays?: ReadonlyArray<string | null>;
  /**
   * Every piece encoded to this picture and sound (scaled and padded, its rate set): pieces from recordings that
   * differ join into one file a player takes. Encoded again, so exact.
   */
  normalize?: { width: number; height: number; fps: string; sampleRate: number; channels: number };
  signal?: AbortSignal;
  /** Ms of the clip written so far, of `totalMs`. */
  onProgress?(doneMs: number, totalMs: number): void;
}

export interface CutResult {
  file: string;
  durationMs: number;
  bytes: number;
  /** How long each piece came out (a copied piece starts at the keyframe before its cut). */
  piecesMs: number[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

// A landscape picture's middle 9:16 (even width, as H.264 needs); a picture already upright is left as it is.
const VERTICAL = "crop='if(gt(iw,ih),trunc(ih*9/16/2)*2,iw)':ih";

const ENCODE = [
  ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'],
  // A keyframe every 2 s, as the recording has: a player seeks in it, and a poster is found quickly.
  ['-force_key_frames', 'expr:gte(t,n_forced*2)'],
  ['-c:a', 'aac', '-b:a', '128k'],
].flat();

function pieceArgs(
  piece: ClipPiece,
  out: string,
  options: CutOptions,
  overlay: string | null,
  faststart: boolean,
): string[] {
  const length = seconds(piece.toMs - piece.fromMs);
  const output = [...(faststart ? ['-movflags', '+faststart'] : []), '-f', 'mp4', out];
  const n = options.normalize;
  if (overlay || n) {
    // The picture (cropped, made the common size) with the lower-third over it for as long as the piece lasts (the
    // piece's length is its input's: -t before -i).
    const steps = [
      ...(options.vertical ? [VERTICAL] : []),
      ...(n
        ? [
            `scale=${n.width}:${n.height}:force_original_aspect_ratio=decrease`,
            `pad=${n.width}:${n.height}:(ow-iw)/2:(oh-ih)/2`,
            'setsar=1',
            ...(n.fps ? [`fps=${n.fps}`] : []),
          ]
        : []),
    ];
    const base = `[0:v]${steps.length > 0 ? steps.join(',') : 'null'}[base]`;
    const graph = overlay ? `${base};[base][1:v]overlay=0:0:shortest=1:format=auto[v]` : base.replace('[base]', '[v]');
    const inputs = ['-ss', seconds(piece.fromMs), '-t', length, '-i', piece.file];
    const sound = n && n.sampleRate > 0 ? ['-ar', String(n.sampleRate), '-ac', String(n.channels || 2)] : [];
    return [
      '-y',
      ...inputs,
      ...(overlay ? ['-loop', '1', '-i', overlay] : []),
      ...['-filter_complex', graph, '-map', '[v]', '-map', '0:a:0?'],
      ...ENCODE,
      ...sound,
      ...output,
    ];
  }
  const input = ['-ss', seconds(piece.fromMs), '-i', piece.file, '-t', length];
  const map = ['-map', '0:v:0', '-map', '0:a:0?'];
  const encode =
    options.exact || options.vertical
      ? [...(options.vertical ? ['-vf', VERTICAL] : []), ...ENCODE]
      : // Copy: the frames from the keyframe before the start are kept (they are what makes the first ones decode);
        // their times are moved up to zero so every player starts at the first frame.
        ['-c', 'copy', '-avoid_negative_ts', 'make_zero'];
  return ['-y', ...input, ...map, ...encode, ...output];
}

/** Pieces cut at once when there are several: stream copies wait on the disk more than on a core. */
const PARALLEL_PIECES = 2;

/** Cuts `pieces` into `out` (an .mp4 path); rejects (leaving nothing at `out`) when ffmpeg fails or is cancelled. */
export async function cutClip(pieces: readonly ClipPiece[], out: string, options: CutOptions): Promise<CutResult> {
  if (pieces.length === 0) throw new Error('nothing of the explanation was recorded');
  const totalMs = pieces.reduce((sum, p) => sum + (p.toMs - p.fromMs), 0);
  const partial = `${out}.cutting.mp4`;
  const single = pieces.length === 1;
  const parts = single ? [] : pieces.map((_, i) => `${out}.part${i + 1}.mp4`);
  /** Of each piece, what ffmpeg last said it had written: the clip's length, without asking again. */
  const written = pieces.map(() => 0);
  // Cancelled by the caller, or by a piece that failed.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let writtenMs = 0;
  const piecesMs: number[] = [];
  try {
    const cutPiece = async (i: number) => {
      const target = single ? partial : parts[i]!;
      fs.writeFileSync(target, '', ownerOnly);
      // Only the file the user gets is laid out for streaming: a part is rewritten by the join anyway.
      const args = pieceArgs(pieces[i]!, target, options, options.overlays?.[i] ?? null, single);
      await runFfmpegTask(options.ffmpegPath, args, {
        signal,
        onProgress: (ms) => {
          written[i] = ms;
          const done = written.reduce((sum, x) => sum + x, 0);
          options.onProgress?.(Math.min(totalMs, done), totalMs);
        },
      });
    };
    let next = 0;
    let failed: unknown = null;
    const worker = async () => {
      while (next < pieces.length && failed === null) {
        try {
          await cutPiece(next++);
        } catch (error) {
          failed ??= error;
          stop.abort(error); // the other piece being cut stops too
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PIECES, pieces.length) }, worker));
    if (failed !== null) throw failed;
    if (single) writtenMs = written[0]!;
    else for (const [i, part] of parts.entries()) piecesMs.push(mp4DurationMs(part) ?? written[i]!);
    if (parts.length > 0) writtenMs = await join(parts, partial, options);
    tighten(partial);
    fs.renameSync(partial, out);
  } finally {
    for (const part of parts) fs.rmSync(part, { force: true });
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${out}.concat.txt`, { force: true });
  }
  options.onProgress?.(totalMs, totalMs);
  // Copied, the clip starts at the keyframe before its cut: its header says how long it plays, not the progress.
  const durationMs =
    mp4DurationMs(out) ?? (writtenMs > 0 ? writtenMs : ((await mediaDurationMs(options.ffmpegPath, out)) ?? totalMs));
  if (pieces.length === 1) piecesMs.push(durationMs);
  return { file: out, durationMs, bytes: fs.statSync(out).size, piecesMs };
}

/**
 * The clip's poster: the first keyframe at or after a third of the way in, else its first frame (a clip shorter
 * than a keyframe's distance), 480 px wide, as `poster` (a .jpg path). Only keyframes are decoded: it costs one
 * keyframe's decode, not the clip's.
 */
export async function makePoster(ffmpegPath: string, clip: string, durationMs: number, poster: string) {
  const partial = `${poster}.${crypto.randomUUID()}.making.jpg`;
  try {
    for (const atMs of [durationMs / 3, 0]) {
      fs.writeFileSync(partial, '', ownerOnly);
      // prettier-ignore
      await runFfmpegTask(ffmpegPath, [
        '-y', '-skip_frame', 'nokey', '-ss', seconds(atMs), '-i', clip,
        '-frames:v', '1', '-vf', 'scale=480:-2', '-q:v', '4', '-f', 'image2', '-update', '1', partial,
      ]);
      if (fs.statSync(partial).size > 0) {
        fs.renameSync(partial, poster);
        return;
      }
    }
    throw new Error('no frame to make a poster of');
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/**
 * Files cut from the same show's recordings (its copy-mode clips) joined into `out` with their streams copied, in one
 * ffmpeg run: the long video made of clips already cut costs one pass over them.
 */
export async function joinFiles(
  files: readonly string[],
  out: string,
  options: Pick<CutOptions, 'ffmpegPath' | 'signal' | 'onProgress'> & { totalMs: number },
): Promise<{ file: string; durationMs: number; bytes: number }> {
  const partial = `${out}.cutting.mp4`;
  try {
    fs.writeFileSync(partial, '', ownerOnly);
    const writtenMs = await join(files, partial, options);
    tighten(partial);
    fs.renameSync(partial, out);
    return { file: out, durationMs: mp4DurationMs(out) ?? writtenMs, bytes: fs.statSync(out).size };
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${out}.concat.txt`, { force: true });
  }
}

/** The parts one after another, streams copied (they share the recording's codecs, or the same encode). */
async function join(
  parts: readonly string[],
  out: string,
  options: Pick<CutOptions, 'ffmpegPath' | 'signal' | 'onProgress'> & { totalMs?: number },
): Promise<number> {
  const list = `${out.replace(/\.cutting\.mp4$/, '')}.concat.txt`;
  // The concat demuxer's quoting: each path in single quotes, a quote inside written '\''.
  const lines = parts.map((p) => `file '${path.resolve(p).replaceAll("'", "'\\''")}'`);
  fs.writeFileSync(list, `${lines.join('\n')}\n`, ownerOnly);
  const args = ['-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4'];
  let writtenMs = 0;
  await runFfmpegTask(options.ffmpegPath, [...args, out], {
    signal: options.signal,
    onProgress: (ms) => {
      writtenMs = ms;
      if (options.totalMs) options.onProgress?.(Math.min(ms, options.totalMs), options.totalMs);
    },
  });
  return writtenMs;
}
