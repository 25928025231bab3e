// Muting without touching the encoder: while muted, every AAC frame that goes out is swapped for a silent one of the
// same format (sample rate, channels, profile), keeping its time. The encoder never restarts, the picture never
// blinks, the recording and every destination hear the same silence. The silent frame is made once per format by
// the same ffmpeg (its own AAC encoder on a silent source), so it matches what the encoder produces.
import { TAG_AUDIO, type FlvTag } from './flv-reader.ts';
import { ffmpegFlvTags } from '../ffmpeg-flv.ts';

const TAG_HEADER = 11;
const AAC = 10;
const TIME_LIMIT_MS = 15_000;
/** A frame from the middle: the first ones carry the encoder's priming. */
const PICK = 8;

/** An AAC media frame (not its configuration). */
export function isAacFrame(tag: FlvTag): boolean {
  return tag.type === TAG_AUDIO && !tag.config && tag.bytes[TAG_HEADER]! >> 4 === AAC;
}

/** The same tag (type, time, stream id, sound format byte) carrying `frame` instead of its own AAC data. */
export function withAacFrame(tag: FlvTag, frame: Buffer): FlvTag {
  const size = 2 + frame.length;
  const bytes = Buffer.alloc(TAG_HEADER + size + 4);
  tag.bytes.copy(bytes, 0, 0, TAG_HEADER + 2); // header, sound format, AAC packet type (1: raw)
  bytes.writeUIntBE(size, 1, 3);
  frame.copy(bytes, TAG_HEADER + 2);
  bytes.writeUInt32BE(TAG_HEADER + size, TAG_HEADER + size);
  return { ...tag, bytes };
}

const made = new Map<string, Promise<Buffer>>();

/** A silent AAC frame as `ffmpegPath` encodes `channels` at `sampleRate` and `kbps` (made once, then kept). */
export function silentAacFrame(
  ffmpegPath: string,
  sampleRate: number,
  channels: number,
  kbps: number,
): Promise<Buffer> {
  const key = [ffmpegPath, sampleRate, channels, kbps].join('|');
  let frame = made.get(key);
  if (!frame) {
    frame = encodeSilence(ffmpegPath, sampleRate, channels, kbps);
    made.set(key, frame);
    frame.catch(() => made.delete(key)); // tried again next time
  }
  return frame;
}

async function encodeSilence(ffmpegPath: string, sampleRate: number, channels: number, kbps: number): Promise<Buffer> {
  const layout = channels === 1 ? 'mono' : 'stereo';
  const args = [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', `anullsrc=channel_layout=${layout}:sample_rate=${sampleRate}`, '-t', '1'],
    ...['-c:a', 'aac', '-b:a', `${kbps}k`, '-ar', String(sampleRate), '-ac', String(channels), '-f', 'flv', 'pipe:1'],
  ];
  const tags = await ffmpegFlvTags(ffmpegPath, args, TIME_LIMIT_MS);
  const frames = tags
    .filter(isAacFrame)
    .map((tag) => Buffer.from(tag.bytes.subarray(TAG_HEADER + 2, tag.bytes.length - 4)));
  const frame = frames[Math.min(PICK, frames.length - 1)];
  if (!frame) throw new Error('ffmpeg made no silent AAC frame');
  return frame;
}
