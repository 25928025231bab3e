// The level meter's arithmetic, and the frame swap that mutes the show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AudioMeter, FLOOR_DB, METER_RATE } from '../../electron/core/stream/engine/audio-meter.ts';
import { METER_FD, encoderArgs } from '../../electron/core/stream/engine/encoder-args.ts';
import { TAG_AUDIO, TAG_VIDEO, type FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';
import { isAacFrame, withAacFrame } from '../../electron/core/stream/engine/silent-aac.ts';

function pcm(samples: number[]): Buffer {
  const buffer = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => buffer.writeInt16LE(Math.round(s * 32767), i * 2));
  return buffer;
}
const block = (value: number) => pcm(Array.from({ length: METER_RATE / 10 }, (_, i) => (i % 2 ? value : -value)));

test('a block per tenth of a second: peak and RMS in dBFS; digital silence at the floor', () => {
  const meter = new AudioMeter();
  const [half] = meter.push(block(0.5));
  assert.ok(Math.abs(half!.peakDb - -6.02) < 0.01, `${half!.peakDb}`);
  assert.ok(Math.abs(half!.rmsDb - -6.02) < 0.01, 'a square wave: RMS = peak');
  assert.deepEqual(meter.push(block(0)), [{ peakDb: FLOOR_DB, rmsDb: FLOOR_DB }]);
});

test('bytes split anywhere (an odd byte included) give the same blocks', () => {
  const whole = Buffer.concat([block(0.25), block(0.01)]);
  const expected = new AudioMeter().push(whole);
  const meter = new AudioMeter();
  const got = [];
  for (let i = 0; i < whole.length; i += 333) got.push(...meter.push(whole.subarray(i, i + 333)));
  assert.deepEqual(got, expected);
  assert.equal(got.length, 2);
});

test('silence is counted in samples and ends with the first block of sound', () => {
  const meter = new AudioMeter();
  for (let i = 0; i < 105; i++) meter.push(block(0.001)); // -60 dBFS: room noise this quiet counts as silence
  assert.equal(meter.silentMs, 10_500);
  meter.push(block(0.1));
  assert.equal(meter.silentMs, 0);
});

function audioTag(body: number[], config = false): FlvTag {
  const bytes = Buffer.alloc(11 + body.length + 4);
  bytes[0] = TAG_AUDIO;
  bytes.writeUIntBE(body.length, 1, 3);
  bytes.writeUIntBE(0x123456, 4, 3);
  Buffer.from(body).copy(bytes, 11);
  bytes.writeUInt32BE(11 + body.length, 11 + body.length);
  return { type: TAG_AUDIO, timestamp: 0x123456, bytes, keyframe: false, config };
}

test('muting swaps the AAC data for the silent frame and keeps the tag’s time and format', () => {
  const tag = audioTag([0xaf, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(isAacFrame(tag), true);
  assert.equal(isAacFrame(audioTag([0xaf, 0x00, 0x12, 0x10], true)), false, 'the configuration stays');
  assert.equal(isAacFrame({ ...tag, type: TAG_VIDEO }), false);
  assert.equal(isAacFrame(audioTag([0x2f, 1, 2])), false, 'MP3 is not AAC');
  const muted = withAacFrame(tag, Buffer.from([0xde, 0xad]));
  assert.equal(muted.timestamp, tag.timestamp);
  assert.deepEqual(
    [...muted.bytes],
    [TAG_AUDIO, 0, 0, 4, 0x12, 0x34, 0x56, 0, 0, 0, 0, 0xaf, 0x01, 0xde, 0xad, 0, 0, 0, 15],
  );
});

test('the encoder sends the meter its own copy of the sound on fd 5 only when asked', () => {
  const settings = {
    width: 640,
    height: 360,
    fps: 30,
    videoKbps: 1000,
    audioKbps: 128,
    encoder: 'libx264',
    preset: 'veryfast',
    lowLatency: false,
  };
  const source = { kind: 'test-pattern' } as const;
  const without = encoderArgs(source, settings, { preview: true }).join(' ');
  assert.ok(!without.includes(`pipe:${METER_FD}`));
  const args = encoderArgs(source, settings, { preview: true, meter: true }).join(' ');
  assert.match(args, /-map 1:a:0 -c:a pcm_s16le -ar 8000 -ac 1 -f s16le pipe:5/);
});
