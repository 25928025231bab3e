import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diskVerdict, RESERVE_BYTES, WARN_BYTES } from '../../electron/core/stream/disk-space.ts';

const GiB = 1024 ** 3;
const RATE = ((2500 + 128) * 1000) / 8; // 2.5 Mbit/s video and 128 kbit/s sound, bytes a second

test('plenty of room: ok, with the recording time left at this bitrate', () => {
  const v = diskVerdict(100 * GiB, RATE);
  assert.equal(v.level, 'ok');
  assert.equal(v.minutesLeft, Math.floor((100 * GiB - RESERVE_BYTES) / RATE / 60));
});

test('low: under 5 GiB beyond the reserve, or under half an hour of recording', () => {
  assert.equal(diskVerdict(RESERVE_BYTES + WARN_BYTES - 1, RATE).level, 'low');
  assert.equal(diskVerdict(RESERVE_BYTES + WARN_BYTES + 1, RATE).level, 'ok');
  const fast = 50 * 125_000; // 50 Mbit/s fills 6 GiB in under half an hour
  assert.equal(diskVerdict(RESERVE_BYTES + 6 * GiB, fast).level, 'low');
});

test('critical: the last minute of recording before the reserve kept for the database', () => {
  assert.deepEqual(diskVerdict(RESERVE_BYTES + RATE * 59, RATE), { level: 'critical', minutesLeft: 0 });
  assert.equal(diskVerdict(RESERVE_BYTES + RATE * 61, RATE).level, 'low');
  assert.equal(diskVerdict(RESERVE_BYTES / 2, RATE).level, 'critical', 'already inside the reserve');
  assert.equal(diskVerdict(0, 0).level, 'critical');
});
