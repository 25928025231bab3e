// How long a file plays, read from what `ffmpeg -i` prints (ffmpeg-static ships no ffprobe).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDurationMs } from '../../electron/core/ffmpeg/media-duration.ts';

test('Duration: HH:MM:SS.cc in ffmpeg’s input listing, in ms; none when it says N/A or nothing', () => {
  const listing = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'show.mp4':\n  Duration: 01:02:03.45, start: 0.000000, bitrate: 2612 kb/s`;
  assert.equal(parseDurationMs(listing), 3_723_450);
  assert.equal(parseDurationMs('  Duration: 00:00:07.00, start: 0.0'), 7000);
  assert.equal(parseDurationMs('  Duration: N/A, start: 0.0'), null);
  assert.equal(parseDurationMs('show.mp4: No such file or directory'), null);
});
