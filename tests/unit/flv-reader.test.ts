import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  FlvReader,
  TAG_AUDIO,
  TAG_SCRIPT,
  TAG_VIDEO,
  type FlvTag,
} from '../../electron/core/stream/engine/flv-reader.ts';
import { makeFlv, readAll, SAMPLE_FPS, SAMPLE_GOP_FRAMES } from '../support/flv-sample.ts';
import { hasCommand, requireTool } from '../support/tools.ts';

let flv: Buffer;
let whole: FlvTag[];

before(() => {
  if (!hasCommand('ffmpeg')) return; // each test says so through requireTool
  flv = makeFlv(5);
  whole = readAll(flv).tags;
});

function feed(reader: FlvReader, bytes: Buffer, sizes: () => number): FlvTag[] {
  const tags: FlvTag[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = Math.min(sizes(), bytes.length - at);
    tags.push(...reader.push(bytes.subarray(at, at + size)));
    at += size;
  }
  return tags;
}

/** A small seeded generator, so a failing chunking can be reproduced. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test('the whole file: header, then tags whose bytes reproduce the file exactly', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const reader = new FlvReader();
  const tags = reader.push(flv);
  assert.deepEqual(reader.header, flv.subarray(0, 13));
  assert.equal(reader.header!.toString('latin1', 0, 3), 'FLV');
  assert.ok(tags.length > 300, `${tags.length} tags`);
  assert.ok(tags.every((tag) => [TAG_AUDIO, TAG_VIDEO, TAG_SCRIPT].includes(tag.type)));
  assert.deepEqual(Buffer.concat([reader.header!, ...tags.map((tag) => tag.bytes)]), flv);
  assert.equal(tags[0]!.type, TAG_SCRIPT, 'onMetaData first');
});

test('byte by byte: no header before 13 bytes, then the same tags as the whole file', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const reader = new FlvReader();
  const prefix = flv.subarray(0, 40_000); // the O(n²) re-buffering of 1-byte pushes makes the whole file slow
  const tags: FlvTag[] = [];
  for (let i = 0; i < prefix.length; i++) {
    tags.push(...reader.push(prefix.subarray(i, i + 1)));
    if (i === 11) assert.equal(reader.header, null);
  }
  assert.deepEqual(reader.header, flv.subarray(0, 13));
  assert.ok(tags.length > 50, `${tags.length} tags`);
  assert.deepEqual(tags, whole.slice(0, tags.length));
  const end = 13 + tags.reduce((sum, tag) => sum + tag.bytes.length, 0);
  assert.ok(prefix.length - end < whole[tags.length]!.bytes.length, 'every complete tag was returned');
});

test('random chunk sizes give the same tags as the whole file', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  for (const [seed, max] of [
    [1, 7],
    [2, 300],
    [3, 5000],
    [4, 70_000],
  ] as const) {
    const next = random(seed);
    const tags = feed(new FlvReader(), flv, () => 1 + Math.floor(next() * max));
    assert.deepEqual(tags, whole, `seed ${seed}, chunks up to ${max} bytes`);
  }
});

test('AVC and AAC configurations are flagged, and the first picture after them is a keyframe', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const configs = whole.filter((tag) => tag.config);
  assert.deepEqual(
    configs.map((tag) => [tag.type, tag.bytes[11], tag.bytes[12]]),
    [
      [TAG_VIDEO, 0x17, 0], // keyframe | AVC, AVCDecoderConfigurationRecord
      [TAG_AUDIO, 0xaf, 0], // AAC, AudioSpecificConfig
    ],
  );
  assert.ok(configs.every((tag) => !tag.keyframe));
  const videoConfig = whole.indexOf(configs[0]!);
  const firstPicture = whole.slice(videoConfig + 1).find((tag) => tag.type === TAG_VIDEO)!;
  assert.equal(firstPicture.keyframe, true);
  assert.ok(whole.filter((tag) => tag.type === TAG_AUDIO && !tag.config).every((tag) => !tag.keyframe));
});

test('keyframes come every 2 s: every 60th picture at 30 fps', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const pictures = whole.filter((tag) => tag.type === TAG_VIDEO && !tag.config && tag.bytes[12] === 1);
  assert.equal(pictures.length, 5 * SAMPLE_FPS);
  const keyframes = pictures.flatMap((tag, i) => (tag.keyframe ? [i] : []));
  assert.deepEqual(keyframes, [0, SAMPLE_GOP_FRAMES, 2 * SAMPLE_GOP_FRAMES]);
  const times = keyframes.map((i) => pictures[i]!.timestamp);
  assert.deepEqual([times[1]! - times[0]!, times[2]! - times[1]!], [2000, 2000]);
});

test('the end-of-sequence tag ffmpeg writes last is not a keyframe (nothing decodes from it)', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const last = whole.at(-1)!;
  assert.deepEqual([last.type, last.bytes[11], last.bytes[12]], [TAG_VIDEO, 0x17, 2]);
  assert.equal(last.keyframe, false);
  assert.equal(last.config, false);
});

test('a stream that is not FLV, or loses its framing, throws', (t) => {
  assert.throws(() => new FlvReader().push(Buffer.from('RIFF\0\0\0\0WAVEfmt \x10\0\0\0', 'latin1')), /not an FLV/);
  const short = new FlvReader();
  assert.deepEqual(short.push(Buffer.from('FLV\x01')), [], 'too short to tell yet');
  if (!requireTool(t, 'ffmpeg')) return;
  const badSize = Buffer.from(flv);
  const second = 13 + whole[0]!.bytes.length; // the tag after onMetaData
  badSize.writeUInt32BE(999, second + whole[1]!.bytes.length - 4);
  assert.throws(() => new FlvReader().push(badSize), /corrupt/);
  const badType = Buffer.from(flv);
  badType[second] = 0x05;
  assert.throws(() => new FlvReader().push(badType), /corrupt/);
});
