// How long an MP4 plays, read from its movie header (`moov` → `mvhd`: timescale and duration) in the first bytes of
// a faststart file: no ffmpeg run. A copied clip starts at the keyframe before its cut, so its length is more than
// the planned one, and ffmpeg's progress counts from the cut: the header is what a player shows.
import fs from 'node:fs';

const HEAD_BYTES = 1024 * 1024;

/** Null when the header is not in the first megabyte (no faststart) or the file is not an MP4. */
export function mp4DurationMs(file: string): number | null {
  const fd = fs.openSync(file, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(HEAD_BYTES);
    head = head.subarray(0, fs.readSync(fd, head, 0, HEAD_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
  const moov = box(head, 0, head.length, 'moov');
  const mvhd = moov && box(head, moov.start, moov.end, 'mvhd');
  if (!mvhd) return null;
  const version = head[mvhd.start];
  // version 0: 4-byte times; version 1: 8-byte times (then timescale, duration).
  const at = mvhd.start + 4 + (version === 1 ? 16 : 8);
  if (at + (version === 1 ? 12 : 8) > mvhd.end) return null;
  const timescale = head.readUInt32BE(at);
  const duration = version === 1 ? Number(head.readBigUInt64BE(at + 4)) : head.readUInt32BE(at + 4);
  return timescale > 0 ? Math.round((duration * 1000) / timescale) : null;
}

/** The first `type` box between `from` and `to`: where its payload starts and ends. */
function box(buf: Buffer, from: number, to: number, type: string): { start: number; end: number } | null {
  for (let at = from; at + 8 <= to;) {
    let size = buf.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return null;
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at; // to the end
    }
    if (size < header) return null;
    if (buf.toString('latin1', at + 4, at + 8) === type) return { start: at + header, end: Math.min(at + size, to) };
    at += size;
  }
  return null;
}
