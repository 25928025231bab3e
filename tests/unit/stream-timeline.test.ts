// Joining encoders onto one timeline: the pure part of a capture being replaced mid-show (stream-engine.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FlvReader, TAG_AUDIO, TAG_VIDEO, type FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';
import { Timeline } from '../../electron/core/stream/engine/timeline.ts';

function tag(type: number, timestamp: number): FlvTag {
  const bytes = Buffer.alloc(11 + 2 + 4);
  bytes[0] = type;
  bytes.writeUIntBE(2, 1, 3);
  bytes.writeUIntBE(timestamp & 0xffffff, 4, 3);
  bytes[7] = (timestamp >>> 24) & 0xff;
  bytes.writeUInt32BE(13, 13);
  return { type, timestamp, bytes, keyframe: false, config: false };
}

/** The timestamp as a reader of the bytes sees it (not the field the timeline set beside them). */
function onTheWire(placed: FlvTag): number {
  const header = Buffer.from('FLV\x01\x05\0\0\0\x09\0\0\0\0', 'latin1');
  return new FlvReader().push(Buffer.concat([header, placed.bytes]))[0]!.timestamp;
}

test('before any cut tags pass untouched (the same object: no copy on the hot path)', () => {
  const timeline = new Timeline(30);
  const first = tag(TAG_VIDEO, 0);
  assert.equal(timeline.place(first), first);
  assert.equal(timeline.place(tag(TAG_AUDIO, 23)).timestamp, 23);
});

test('after a cut the next encoder starts one frame after the last tag, whatever its own clock says', () => {
  const timeline = new Timeline(25); // 40 ms a frame
  for (const ts of [0, 40, 80, 120]) timeline.place(tag(TAG_VIDEO, ts));
  timeline.place(tag(TAG_AUDIO, 110));
  timeline.cut();
  const placed = [tag(TAG_VIDEO, 1000), tag(TAG_AUDIO, 1000), tag(TAG_VIDEO, 1040)].map((t) => timeline.place(t));
  assert.deepEqual(
    placed.map((t) => t.timestamp),
    [160, 160, 200],
  );
  assert.deepEqual(placed.map(onTheWire), [160, 160, 200], 'the bytes say so too');
});

test('no stream steps back: a tag muxed before the new keyframe is held at its stream last time', () => {
  const timeline = new Timeline(30);
  timeline.place(tag(TAG_VIDEO, 500));
  timeline.place(tag(TAG_AUDIO, 520));
  timeline.cut();
  assert.equal(timeline.place(tag(TAG_VIDEO, 100)).timestamp, 553); // one frame after the last tag (520)
  const early = timeline.place(tag(TAG_AUDIO, 60)); // would be 513: before the audio already sent
  assert.equal(early.timestamp, 520);
  assert.equal(timeline.place(tag(TAG_AUDIO, 120)).timestamp, 573);
});

test('times past 24 bits use the extension byte (a show longer than 4 h 39 min)', () => {
  const timeline = new Timeline(30);
  const long = 0x1234567; // ≈ 5 h 18 min
  timeline.place(tag(TAG_VIDEO, long));
  timeline.cut();
  const placed = timeline.place(tag(TAG_VIDEO, 0));
  assert.equal(placed.timestamp, long + 33);
  assert.equal(onTheWire(placed), long + 33);
});
