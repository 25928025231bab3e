// How long an MP4 plays, read from its movie header (`moov` → `mvhd`: timescale and duration): no ffmpeg run. The
// file's top-level boxes are walked by their sizes (a faststart file has `moov` first; a part cut for a join has it
// after `mdat`). A copied clip starts at the keyframe before its cut, so its length is more than the planned one,
// and ffmpeg's progress counts from the cut: the header is what a player shows.
import fs from 'node:fs';

/** A movie header box larger than this is not one we wrote. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

/** Null when the file is not an MP4 with a movie header. */
export function mp4DurationMs(file: string): number | null {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(16);
    for (let at = 0; at + 8 <= size;) {
      const got = fs.readSync(fd, header, 0, 16, at);
      if (got < 8) return null;
      let length = header.readUInt32BE(0);
      let headerBytes = 8;
      if (length === 1) {
        if (got < 16) return null;
        length = Number(header.readBigUInt64BE(8));
        headerBytes = 16;
      } else if (length === 0) {
        length = size - at; // to the end
      }
      if (length < headerBytes) return null;
      if (header.toString('latin1', 4, 8) === 'moov') {
        const bytes = Math.min(length - headerBytes, MAX_MOOV_BYTES, size - at - headerBytes);
        const moov = Buffer.alloc(bytes);
        fs.readSync(fd, moov, 0, bytes, at + headerBytes);
        return movieDuration(moov);
      }
      at += length;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function movieDuration(moov: Buffer): number | null {
  const mvhd = box(moov, 0, moov.length, 'mvhd');
  if (!mvhd) return null;
  const version = moov[mvhd.start];
  // version 0: 4-byte times; version 1: 8-byte times (then timescale, duration).
  const at = mvhd.start + 4 + (version === 1 ? 16 : 8);
  if (at + (version === 1 ? 12 : 8) > mvhd.end) return null;
  const timescale = moov.readUInt32BE(at);
  const duration = version === 1 ? Number(moov.readBigUInt64BE(at + 4)) : moov.readUInt32BE(at + 4);
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
