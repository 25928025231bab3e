import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { Recorder } from '../../electron/core/stream/engine/recorder.ts';
import { makeFlv, readAll } from '../support/flv-sample.ts';
import { requireTool } from '../support/tools.ts';

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-recorder-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("an .flv target is the encoder's FLV byte for byte", async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const flv = makeFlv(2);
  const { header, tags } = readAll(flv);
  const anchors: Array<{ recordingMs: number; wallMs: number }> = [];
  const recorder = new Recorder(path.join(tempDir(t), 'show.flv'), {
    onAnchor: (anchor) => anchors.push(anchor),
    now: () => 1_000_000,
  });
  recorder.tag(tags[0]!); // before the header: not written
  recorder.header(header);
  recorder.header(header); // once only
  for (const tag of tags) recorder.tag(tag);
  const result = await recorder.finish('ffmpeg');
  const last = Math.max(...tags.map((tag) => tag.timestamp));
  assert.deepEqual(result, { file: recorder.target, bytes: flv.length, remuxed: false, durationMs: last });
  // Its time tied to the wall clock at the first picture written (not the decoder configuration before it).
  const firstVideo = tags.find((tag) => tag.type === 9 && !tag.config)!;
  assert.ok(tags.some((tag) => tag.type === 9 && tag.config && tag.timestamp < firstVideo.timestamp + 1));
  assert.deepEqual(anchors, [{ recordingMs: firstVideo.timestamp, wallMs: 1_000_000 }]);
  assert.deepEqual(fs.readFileSync(result.file), flv);
});

test('an .mp4 target is remuxed at the end, and the FLV beside it removed', async (t) => {
  if (!requireTool(t, 'ffmpeg') || !requireTool(t, 'ffprobe')) return;
  const { header, tags } = readAll(makeFlv(2));
  const target = path.join(tempDir(t), 'nested', 'show.mp4');
  const recorder = new Recorder(target);
  assert.equal(recorder.flvPath, `${target}.recording.flv`);
  recorder.header(header);
  for (const tag of tags) recorder.tag(tag);
  const result = await recorder.finish('ffmpeg');
  assert.equal(result.file, target);
  assert.equal(result.remuxed, true);
  assert.equal(result.bytes, fs.statSync(target).size);
  assert.equal(fs.existsSync(recorder.flvPath), false);
  const codecs = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_name',
    '-of',
    'csv=p=0',
    target,
  ]);
  assert.deepEqual(codecs.toString().trim().split('\n'), ['h264', 'aac']);
});

test('a path that cannot be written does not take the process down; finish() says why', async (t) => {
  const dir = tempDir(t);
  const target = path.join(dir, 'taken.flv');
  fs.mkdirSync(target); // a folder where the file should go
  const recorder = new Recorder(target);
  recorder.header(Buffer.from('FLV\x01\x05\0\0\0\x09\0\0\0\0', 'latin1'));
  recorder.tag({ type: 9, timestamp: 0, bytes: Buffer.alloc(100), keyframe: true, config: false });
  // The open fails after the constructor returned: before the fix, an 'error' nobody listened to ended the process.
  await assert.rejects(recorder.finish('ffmpeg'), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
});
