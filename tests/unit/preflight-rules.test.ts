// The pre-flight's verdicts and its test clip's command line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CAP_FACTOR,
  kbpsOf,
  THIN_MARGIN,
  uploadLevel,
  worst,
} from '../../electron/core/stream/preflight/preflight-rules.ts';
import { clipArgs } from '../../electron/core/stream/preflight/test-clip.ts';

test('upload: ample from 1.5× the bitrate, thin below it, failing below the bitrate itself', () => {
  assert.equal(THIN_MARGIN, 1.5);
  assert.ok(CAP_FACTOR > THIN_MARGIN, 'the test can push fast enough to tell ample from thin');
  assert.equal(uploadLevel(3000, 2000), 'ok');
  assert.equal(uploadLevel(2999, 2000), 'warn');
  assert.equal(uploadLevel(2000, 2000), 'warn');
  assert.equal(uploadLevel(1999, 2000), 'fail');
  assert.equal(uploadLevel(0, 2000), 'fail');
});

test('the whole: the worst finding; skipped counts for nothing; pending until all are in', () => {
  assert.equal(worst(['ok', 'skipped', 'ok']), 'ok');
  assert.equal(worst(['ok', 'warn', 'ok']), 'warn');
  assert.equal(worst(['warn', 'fail', 'ok']), 'fail');
  assert.equal(worst(['fail', 'pending']), 'pending');
  assert.equal(worst(['skipped']), 'ok');
});

test('rates are rounded down, never flattered', () => {
  assert.equal(kbpsOf(125_000, 1000), 1000);
  assert.equal(kbpsOf(125_999, 1000), 1007);
  assert.equal(kbpsOf(100, 0), 0);
});

test('the clip: the show’s size, rate and bitrate, two seconds, FLV on stdout; nothing from a device', () => {
  const args = clipArgs({ width: 720, height: 1280, fps: 30, videoKbps: 2500, audioKbps: 128 });
  const joined = args.join(' ');
  assert.match(joined, /testsrc2=size=720x1280:rate=30/);
  assert.match(joined, /-b:v 2500k -maxrate 2500k/);
  assert.match(joined, /-t 2 /);
  assert.deepEqual(args.slice(-3), ['-f', 'flv', 'pipe:1']);
  assert.ok(!/v4l2|dshow|avfoundation|pulse/.test(joined));
});
