// Where an explanation is in the show's recordings: the wall clock mapped onto each file's own time by its anchors,
// padding kept inside the file, and what no recording holds said as wall-clock ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planClips, usable, type ExplainedSegment } from '../../electron/core/clips/clip-plan.ts';
import { recordingEndWall, recordingTimeAt } from '../../electron/core/clips/clip-timing.ts';
import type { Recording } from '../../electron/core/stream/recording-store.ts';

const T0 = 1_764_700_000_000;

test('recording time follows the wall clock between anchors; a stall maps to where the file goes on', () => {
  // Started at T0; the camera was lost and the stand-in took over: 4 s of wall clock, 0.033 s of file.
  const anchors = [
    { recordingMs: 0, wallMs: T0 },
    { recordingMs: 60_033, wallMs: T0 + 64_000 },
  ];
  assert.equal(recordingTimeAt(anchors, T0 + 10_000, 120_000), 10_000);
  assert.equal(recordingTimeAt(anchors, T0 - 5_000, 120_000), 0, 'before the first frame: its start');
  assert.equal(recordingTimeAt(anchors, T0 + 62_000, 120_000), 60_033, 'inside the stall: the freeze');
  assert.equal(recordingTimeAt(anchors, T0 + 70_000, 120_000), 66_033, 'after it: by the later anchor');
  assert.equal(recordingTimeAt(anchors, T0 + 500_000, 120_000), 120_000, 'never past the end');
  assert.equal(recordingEndWall(anchors, 120_000), T0 + 64_000 + 59_967);
});

const recording = (over: Partial<Recording> & Pick<Recording, 'id' | 'startedAt'>): Recording => ({
  file: `/rec/${over.id}.mp4`,
  endedAt: null,
  durationMs: 600_000,
  anchors: [{ recordingMs: 0, wallMs: over.startedAt }],
  state: 'done',
  deletedAt: null,
  ...over,
});

const segment = (id: number, productId: number, from: number, to: number): ExplainedSegment => ({
  id,
  productId,
  linkNo: productId,
  title: `商品${productId}`,
  startedAt: T0 + from,
  endedAt: T0 + to,
});

test('a clip per explanation, padded inside the recording: a second before, a second and a half after', () => {
  const rec = usable(recording({ id: 1, startedAt: T0 }), () => true)!;
  const plans = planClips([segment(2, 8, 30_000, 90_000), segment(1, 7, 500, 20_000)], [rec]);
  assert.deepEqual(
    plans.map((p) => [p.segmentIds, p.pieces.map((x) => [x.fromMs, x.toMs]), p.missing]),
    [
      [[1], [[0, 21_500]], []], // padding stops at the file's start
      [[2], [[29_000, 91_500]], []],
    ],
  );
});

test('an explanation across a crash: both recordings give a piece, the gap between them is said', () => {
  const first = usable(recording({ id: 1, startedAt: T0, durationMs: 60_000 }), () => true)!;
  const second = usable(recording({ id: 2, startedAt: T0 + 75_000, durationMs: 60_000 }), () => true)!;
  const [plan] = planClips([segment(5, 3, 50_000, 100_000)], [first, second]);
  assert.deepEqual(
    plan!.pieces.map((p) => [p.recordingId, p.fromMs, p.toMs]),
    [
      [1, 49_000, 60_000],
      [2, 0, 26_500],
    ],
  );
  assert.deepEqual(plan!.missing, [[T0 + 60_000, T0 + 75_000]]);
});

test('an explanation before the recording began, or with its file gone, says what is missing', () => {
  const late = usable(recording({ id: 1, startedAt: T0 + 10_000 }), () => true)!;
  const [plan] = planClips([segment(1, 1, 0, 20_000)], [late]);
  assert.deepEqual(plan!.missing, [[T0, T0 + 10_000]]);
  assert.equal(
    usable(recording({ id: 2, startedAt: T0 }), () => false),
    null,
  );
  assert.equal(
    usable(recording({ id: 3, startedAt: T0, deletedAt: T0 + 1 }), () => true),
    null,
  );
  const [none] = planClips([segment(1, 1, 0, 20_000)], []);
  assert.deepEqual([none!.pieces, none!.missing], [[], [[T0, T0 + 20_000]]]);
});

test('joined: one clip per product, its explanations in order, pieces close together merged', () => {
  const rec = usable(recording({ id: 1, startedAt: T0 }), () => true)!;
  const plans = planClips(
    [
      segment(1, 4, 10_000, 20_000),
      segment(2, 5, 20_000, 20_500),
      segment(3, 4, 21_000, 40_000),
      segment(4, 4, 100_000, 110_000),
    ],
    [rec],
    { join: true },
  );
  assert.deepEqual(
    plans.map((p) => [p.productId, p.segmentIds, p.pieces.map((x) => [x.fromMs, x.toMs])]),
    [
      [
        4,
        [1, 3, 4],
        [
          [9_000, 41_500],
          [99_000, 111_500],
        ],
      ],
      [5, [2], [[19_000, 22_000]]],
    ],
  );
});

test('a show still live: the recording written so far serves, and a just-ended explanation waits for its end', () => {
  const live = recording({ id: 1, startedAt: T0, durationMs: null, state: 'recording' });
  assert.equal(
    usable(live, () => true),
    null,
    'no length and none written: a crash left it, until recovered',
  );
  const now = usable(live, () => true, 61_000)!;
  assert.equal(now.live, true);
  const [done, just] = planClips([segment(1, 1, 10_000, 40_000), segment(2, 2, 40_000, 60_000)], [now]);
  assert.deepEqual(
    [done!.waiting, done!.pieces.map((p) => [p.fromMs, p.toMs]), done!.missing],
    [false, [[9_000, 41_500]], []],
  );
  // Ended at 60 s, and the file holds 61 s: its tail padding (1.5 s) is not written yet. Nothing is missing.
  assert.deepEqual([just!.waiting, just!.missing], [true, []]);
  const later = planClips([segment(2, 2, 40_000, 60_000)], [usable(live, () => true, 61_500)!]);
  assert.equal(later[0]!.waiting, false);
});
