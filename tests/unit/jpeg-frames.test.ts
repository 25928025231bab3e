import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, test } from 'node:test';
import { JpegFrames } from '../../electron/core/stream/engine/jpeg-frames.ts';
import { hasCommand, requireTool } from '../support/tools.ts';

/** Five MJPEG frames as the encoder's preview output writes them: back to back on one pipe. */
let stream: Buffer;
let frames: Buffer[];

before(() => {
  if (!hasCommand('ffmpeg')) return; // each test says so through requireTool
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=5'];
  stream = execFileSync('ffmpeg', [
    ...args,
    '-frames:v',
    '5',
    '-c:v',
    'mjpeg',
    '-q:v',
    '8',
    '-f',
    'image2pipe',
    'pipe:1',
  ]);
  // The same frames one by one, to know where each ends.
  frames = [0, 1, 2, 3, 4].map((i) =>
    execFileSync('ffmpeg', [
      ...args,
      '-vf',
      `select=eq(n\\,${i})`,
      '-frames:v',
      '1',
      '-c:v',
      'mjpeg',
      '-q:v',
      '8',
      '-f',
      'image2pipe',
      'pipe:1',
    ]),
  );
});

function feed(splitter: JpegFrames, bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(...splitter.push(bytes.subarray(at, at + size)));
    at += size;
  }
  return out;
}

test('the pipe holds five JPEGs back to back (the fixture is what it should be)', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  assert.deepEqual(Buffer.concat(frames), stream);
  assert.ok(frames.every((f) => f[0] === 0xff && f[1] === 0xd8 && f.at(-2) === 0xff && f.at(-1) === 0xd9));
});

test('a whole pipe read is split into its frames', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  assert.deepEqual(new JpegFrames().push(stream), frames);
});

test('odd chunk sizes, down to one byte, give the same frames', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  for (const sizes of [[1], [2], [3, 1], [7, 13, 1, 1000], [4096], [frames[0]!.length - 1, 1]]) {
    assert.deepEqual(feed(new JpegFrames(), stream, sizes), frames, `chunks of ${sizes.join(', ')}`);
  }
});

test('a start marker split across chunks right after a frame is not lost', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const splitter = new JpegFrames();
  const cut = frames[0]!.length + 1; // after the first frame and the 0xFF of the second one's FF D8
  assert.deepEqual(splitter.push(stream.subarray(0, cut)), [frames[0]]);
  assert.deepEqual(splitter.push(stream.subarray(cut)), frames.slice(1));
});

test('garbage before a frame (and between frames) is skipped', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const junk = Buffer.from([0x00, 0xff, 0x12, 0xd9, 0xff, 0xff, 0xd9, 0x42]);
  const dirty = Buffer.concat([junk, frames[0]!, junk, frames[1]!, junk]);
  assert.deepEqual(new JpegFrames().push(dirty), [frames[0], frames[1]]);
  assert.deepEqual(feed(new JpegFrames(), dirty, [3]), [frames[0], frames[1]]);
  const splitter = new JpegFrames();
  assert.deepEqual(splitter.push(junk), []);
  assert.deepEqual(splitter.push(junk), []);
  assert.deepEqual(splitter.push(frames[2]!), [frames[2]]);
});

test('a frame that never ends is dropped rather than kept growing', () => {
  const splitter = new JpegFrames();
  assert.deepEqual(splitter.push(Buffer.from([0xff, 0xd8, 1, 2, 3])), []);
  assert.deepEqual(splitter.push(Buffer.alloc(5 * 1024 * 1024, 0x11)), []);
  const small = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9, 0xff, 0xd9]);
  assert.deepEqual(splitter.push(small), [small], 'the next frame is found on its own');
});
