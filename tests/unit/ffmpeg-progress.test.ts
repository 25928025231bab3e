// `-progress pipe:N` as the real ffmpeg wrote it (tests/fixtures/ffmpeg/progress-*.txt): however the pipe splits
// it, the same blocks come out, with N/A, padded values and unknown keys handled.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createProgressParser, type ProgressBlock } from '../../electron/core/ffmpeg/progress.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ffmpeg');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

function parse(chunks: Iterable<string | Uint8Array>): ProgressBlock[] {
  const blocks: ProgressBlock[] = [];
  const parser = createProgressParser((block) => blocks.push(block));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return blocks;
}

function* bytes(buffer: Buffer) {
  for (let i = 0; i < buffer.length; i++) yield buffer.subarray(i, i + 1);
}

/** A small seeded generator, so a failing split can be reproduced. */
function* randomChunks(buffer: Buffer, seed: number) {
  let state = seed;
  let at = 0;
  while (at < buffer.length) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 40);
    yield buffer.subarray(at, at + size);
    at += size;
  }
}

test('the x264 → FLV run: seven blocks, numbers typed, the last one ends', () => {
  const blocks = parse([fixture('progress-x264-flv-debian12.txt')]);
  assert.equal(blocks.length, 7);
  const first = blocks[0]!;
  assert.deepEqual(
    { ...first, raw: undefined },
    {
      frame: 1,
      fps: 0,
      q: 0,
      bitrateKbps: null,
      totalSize: 408,
      outTimeMs: 0,
      dupFrames: 0,
      dropFrames: 0,
      speed: 0,
      ended: false,
      raw: undefined,
    },
  );
  const last = blocks.at(-1)!;
  assert.deepEqual(
    { ...last, raw: undefined },
    {
      frame: 90,
      fps: 28.78,
      q: -1,
      bitrateKbps: 2615.3,
      totalSize: 986634,
      outTimeMs: 3018,
      dupFrames: 0,
      dropFrames: 0,
      speed: 0.965,
      ended: true,
      raw: undefined,
    },
  );
  assert.equal(last.raw.out_time, '00:00:03.018000');
  assert.deepEqual(
    blocks.map((b) => b.ended),
    [false, false, false, false, false, false, true],
  );
  const frames = blocks.map((b) => b.frame!);
  assert.deepEqual(
    frames,
    [...frames].sort((a, b) => a - b),
    'frames only go up',
  );
});

test('the null-muxer run: N/A sizes and bitrates are null, a padded speed is read', () => {
  const blocks = parse([fixture('progress-x264-null-debian12.txt')]);
  assert.deepEqual(
    blocks.map((b) => [b.frame, b.totalSize, b.bitrateKbps, b.speed, b.outTimeMs, b.ended]),
    [
      [1, null, null, null, 0, false],
      [25, null, null, 126, 1000, true],
    ],
  );
});

test('whole, byte by byte, in random chunks, and with CRLF: identical blocks', () => {
  for (const name of ['progress-x264-flv-debian12.txt', 'progress-x264-null-debian12.txt']) {
    const buffer = fixture(name);
    const whole = parse([buffer]);
    assert.ok(whole.length >= 2, name);
    assert.deepEqual(parse(bytes(buffer)), whole, `${name} byte by byte`);
    for (const seed of [1, 7, 42, 2024, 99991]) {
      assert.deepEqual(parse(randomChunks(buffer, seed)), whole, `${name} random chunks, seed ${seed}`);
    }
    const crlf = Buffer.from(buffer.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    assert.deepEqual(parse(randomChunks(crlf, 3)), whole, `${name} CRLF`);
    assert.deepEqual(parse([buffer.toString('utf8')]), whole, `${name} as a string`);
  }
});

test('unknown keys are kept, not fatal; a block cut off by the pipe closing is dropped', () => {
  const text = fixture('progress-x264-null-debian12.txt').toString('utf8');
  // A newer ffmpeg's extra keys inside a block, and a half-written block at the end.
  const extended = text.replace('fps=0.00\n', 'fps=0.00\nstream_0_1_q=2.0\nout_time_us_hint=N/A\n') + 'frame=26\nfps=';
  const blocks = parse([extended]);
  assert.equal(blocks.length, 2);
  assert.equal(blocks[0]!.raw.stream_0_1_q, '2.0');
  assert.equal(blocks[0]!.frame, 1);
  assert.equal(blocks[1]!.frame, 25);
});

test('out_time falls back to the clock form; a negative start time (older ffmpeg) is null', () => {
  const blocks = parse([
    'frame=0\nout_time_us=N/A\nout_time_ms=N/A\nout_time=00:01:02.500000\nprogress=continue\n',
    'frame=0\nout_time_us=-9223372036854775807\nout_time=-577014:32:22.775808\nspeed=N/A\nprogress=continue\n',
  ]);
  assert.deepEqual(
    blocks.map((b) => b.outTimeMs),
    [62500, null],
  );
});
