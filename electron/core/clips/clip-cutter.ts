// Cuts a clip from its plan (clip-plan.ts) with ffmpeg. Fast by default: the streams are copied, so the clip starts
// at the keyframe at or before the padded start (the recording has one every 2 s) and takes seconds for any length.
// Exact: decoded and encoded again, first frame on the padded start (and an optional crop to vertical, which needs
// the encode too). Several pieces (an explanation across two recordings, or several explanations of one product)
// are cut one by one and joined with ffmpeg's concat demuxer. Written aside and renamed: a clip file is whole or
// absent; a poster frame from a third of the way in.
import fs from 'node:fs';
import path from 'node:path';
import { mediaDurationMs } from '../stream/media-duration.ts';
import { ownerOnly, tighten } from '../system/data-folder.ts';
import type { ClipPiece } from './clip-plan.ts';
import { runFfmpegTask } from './ffmpeg-task.ts';

export interface CutOptions {
  ffmpegPath: string;
  /** Re-encode so the first frame is the padded start exactly (default: copy, from the keyframe before it). */
  exact?: boolean;
  /** Crop a landscape recording to 9:16 (re-encoded, so exact). */
  vertical?: boolean;
  signal?: AbortSignal;
  /** Ms of the clip written so far, of `totalMs`. */
  onProgress?(doneMs: number, totalMs: number): void;
}

export interface CutResult {
  file: string;
  poster: string | null;
  durationMs: number;
  bytes: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

// A landscape picture's middle 9:16 (even width, as H.264 needs); a picture already upright is left as it is.
const VERTICAL = "crop='if(gt(iw,ih),trunc(ih*9/16/2)*2,iw)':ih";

function pieceArgs(piece: ClipPiece, out: string, options: CutOptions): string[] {
  const input = ['-ss', seconds(piece.fromMs), '-i', piece.file, '-t', seconds(piece.toMs - piece.fromMs)];
  const map = ['-map', '0:v:0', '-map', '0:a:0?'];
  const encode =
    options.exact || options.vertical
      ? [
          ...(options.vertical ? ['-vf', VERTICAL] : []),
          ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p'],
          ['-c:a', 'aac', '-b:a', '128k'],
        ].flat()
      : // Copy: the frames from the keyframe before the start are kept (they are what makes the first ones decode);
        // their times are moved up to zero so every player starts at the first frame.
        ['-c', 'copy', '-avoid_negative_ts', 'make_zero'];
  return ['-y', ...input, ...map, ...encode, '-movflags', '+faststart', '-f', 'mp4', out];
}

/** Cuts `pieces` into `out` (an .mp4 path); rejects (leaving nothing at `out`) when ffmpeg fails or is cancelled. */
export async function cutClip(pieces: readonly ClipPiece[], out: string, options: CutOptions): Promise<CutResult> {
  if (pieces.length === 0) throw new Error('nothing of the explanation was recorded');
  const totalMs = pieces.reduce((sum, p) => sum + (p.toMs - p.fromMs), 0);
  const partial = `${out}.cutting.mp4`;
  const parts: string[] = [];
  let doneMs = 0;
  try {
    for (const [i, piece] of pieces.entries()) {
      const target = pieces.length === 1 ? partial : `${out}.part${i + 1}.mp4`;
      if (pieces.length > 1) parts.push(target);
      fs.writeFileSync(target, '', ownerOnly);
      const before = doneMs;
      await runFfmpegTask(options.ffmpegPath, pieceArgs(piece, target, options), {
        signal: options.signal,
        onProgress: (ms) => options.onProgress?.(Math.min(totalMs, before + ms), totalMs),
      });
      doneMs += piece.toMs - piece.fromMs;
    }
    if (parts.length > 0) await join(parts, partial, options);
    tighten(partial);
    fs.renameSync(partial, out);
  } finally {
    for (const part of parts) fs.rmSync(part, { force: true });
    fs.rmSync(partial, { force: true });
    fs.rmSync(`${out}.concat.txt`, { force: true });
  }
  options.onProgress?.(totalMs, totalMs);
  const durationMs = (await mediaDurationMs(options.ffmpegPath, out)) ?? totalMs;
  const poster = await posterOf(out, durationMs, options).catch(() => null);
  return { file: out, poster, durationMs, bytes: fs.statSync(out).size };
}

/** The parts one after another, streams copied (they share the recording's codecs, or the same encode). */
async function join(parts: string[], out: string, options: CutOptions): Promise<void> {
  const list = `${out.replace(/\.cutting\.mp4$/, '')}.concat.txt`;
  // The concat demuxer's quoting: each path in single quotes, a quote inside written '\''.
  const lines = parts.map((p) => `file '${path.resolve(p).replaceAll("'", "'\\''")}'`);
  fs.writeFileSync(list, `${lines.join('\n')}\n`, ownerOnly);
  const args = ['-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4'];
  await runFfmpegTask(options.ffmpegPath, [...args, out], { signal: options.signal });
}

/** A JPEG from a third of the way in, 480 px wide: what the report and the player show before it plays. */
async function posterOf(clip: string, durationMs: number, options: CutOptions): Promise<string> {
  const poster = clip.replace(/\.mp4$/i, '.jpg');
  const args = ['-y', '-ss', seconds(durationMs / 3), '-i', clip, '-frames:v', '1', '-vf', 'scale=480:-2'];
  await runFfmpegTask(options.ffmpegPath, [...args, '-q:v', '4', poster], { signal: options.signal });
  tighten(poster);
  return poster;
}
