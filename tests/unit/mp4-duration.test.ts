// An MP4's length from its movie header, without ffmpeg.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { mp4DurationMs } from '../../electron/core/clips/mp4-duration.ts';

const boxOf = (type: string, payload: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};

function mvhd(version: 0 | 1, timescale: number, duration: number): Buffer {
  const times = Buffer.alloc(version === 1 ? 16 : 8);
  const scale = Buffer.alloc(4);
  scale.writeUInt32BE(timescale);
  const length = Buffer.alloc(version === 1 ? 8 : 4);
  if (version === 1) length.writeBigUInt64BE(BigInt(duration));
  else length.writeUInt32BE(duration);
  return boxOf('mvhd', Buffer.concat([Buffer.from([version, 0, 0, 0]), times, scale, length, Buffer.alloc(80)]));
}

function file(bytes: Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-mp4-')), 'a.mp4');
  fs.writeFileSync(f, bytes);
  return f;
}

test('the movie header of a faststart file gives the length, version 0 or 1', () => {
  const ftyp = boxOf('ftyp', Buffer.from('isom\0\0\x02\0isomiso2', 'latin1'));
  const v0 = file(Buffer.concat([ftyp, boxOf('moov', mvhd(0, 1000, 7019)), boxOf('mdat', Buffer.alloc(16))]));
  assert.equal(mp4DurationMs(v0), 7019);
  const v1 = file(
    Buffer.concat([ftyp, boxOf('moov', Buffer.concat([boxOf('udta', Buffer.alloc(4)), mvhd(1, 90000, 540000)]))]),
  );
  assert.equal(mp4DurationMs(v1), 6000);
});

test('no movie header up front (not faststart), or not an MP4: null, for ffmpeg to say', () => {
  assert.equal(
    mp4DurationMs(file(Buffer.concat([boxOf('ftyp', Buffer.alloc(8)), boxOf('mdat', Buffer.alloc(64))]))),
    null,
  );
  assert.equal(mp4DurationMs(file(Buffer.from('FLV\x01 not an mp4 at all', 'latin1'))), null);
});
