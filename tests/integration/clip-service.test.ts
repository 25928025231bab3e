// The clips service over real files and real ffmpeg, its recordings given by hand: one damaged recording fails its
// own clip (a warning) and not the job; an explanation that has just ended while the recording is still written
// waits; a re-cut replaces the clip under its name; files are kept relative to the data folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ClipService, type ClipShows } from '../../electron/core/clips/clip-service.ts';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { WriteGate } from '../../electron/core/db/write-gate.ts';
import type { Progress } from '../../electron/core/jobs/job-runner.ts';
import type { Recording, RecordingsRead } from '../../electron/core/stream/recording-store.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);

const progress: Progress = Object.assign(() => {}, { yield: async () => {} });

function recording(id: number, file: string, over: Partial<Recording> = {}): Recording {
  return {
    id,
    file,
    startedAt: T0,
    endedAt: T0 + 6000,
    durationMs: 6000,
    anchors: [{ recordingMs: 0, wallMs: T0 }],
    state: 'done',
    deletedAt: null,
    ...over,
  };
}

function setup(t: TestContext, recordings: Recording[], writtenMs: (id: number) => number | null = () => null) {
  const dataDir = tempDir();
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const db = openDatabase(path.join(dataDir, 'studio.db'));
  t.after(() => db.close());
  // The rows the clips refer to (the live and catalog domains' own, written here by hand).
  db.exec(`INSERT INTO live_sessions (id, title, state, started_at, ended_at, created_at, updated_at)
           VALUES (1, '秋茶专场', 'ended', ${T0}, ${T0 + 6000}, ${T0}, ${T0})`);
  for (const [id, title] of [
    [7, '福鼎白茶'],
    [8, '大红袍'],
  ] as const) {
    db.exec(`INSERT INTO products (id, title, price_fen, stock, created_at, updated_at)
             VALUES (${id}, '${title}', 8800, 10, ${T0}, ${T0})`);
  }
  const segments = [
    { id: 1, productId: 7, linkNo: 1, title: '福鼎白茶', startedAt: T0 + 1000, endedAt: T0 + 3000 },
    { id: 2, productId: 8, linkNo: 2, title: '大红袍', startedAt: T0 + 3000, endedAt: T0 + 4000 },
  ];
  const shows: ClipShows = {
    session: (id) => (id === 1 ? { id, title: '秋茶专场', startedAt: T0, endedAt: T0 + 6000 } : undefined),
    segments: () => segments,
  };
  const read: RecordingsRead = {
    overlapping: () => recordings,
    get: (id) => recordings.find((r) => r.id === id),
    writtenMs,
    recovered: async () => {},
  };
  const clips = new ClipService(db, { shows, recordings: read }, new WriteGate(), () => {}, {
    dataDir,
    ffmpeg: () => 'ffmpeg',
  });
  return { dataDir, db, clips, segments };
}

/** Six seconds of the test pattern with a keyframe every second, as the engine records (H.264 + AAC in MP4). */
function makeRecording(dir: string, name: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25:duration=6'],
    ...['-f', 'lavfi', '-i', 'sine=duration=6', '-c:v', 'libx264', '-g', '25', '-c:a', 'aac', '-y', file],
  ]);
  return file;
}

test('a damaged recording fails only its own clip, said as a warning; the other clip is cut', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const good = makeRecording(dir, 'good.mp4');
  const damaged = path.join(dir, 'damaged.mp4');
  fs.writeFileSync(damaged, Buffer.alloc(50_000, 0x17));
  // Explanation 1 in the good recording; explanation 2 only in the damaged one (which starts as it begins).
  const { clips, db, dataDir } = setup(t, [
    recording(1, good, { endedAt: T0 + 3000, durationMs: 3000 }),
    recording(2, damaged, { startedAt: T0 + 3000, anchors: [{ recordingMs: 0, wallMs: T0 + 3000 }] }),
  ]);
  const outcome = await clips.cut({ sessionId: 1 }, progress);
  assert.deepEqual(outcome.summary, { clips: 1, skipped: 1 });
  assert.deepEqual(
    (outcome.warnings ?? []).map((w) => [w.code, w.params?.linkNo]),
    [['clip_cut_failed', 2]],
  );
  const [clip] = clips.list(1);
  assert.equal(clip?.linkNo, 1);
  assert.ok(fs.statSync(clip.file).size > 1000);
  // Stored relative to the data folder; read back as a file in it.
  assert.equal(clip.file, path.join(dataDir, 'clips', path.basename(clip.file)));
  const stored = db.prepare<[], { file: string }>('SELECT file FROM clips').get();
  assert.equal(stored?.file, `clips/${path.basename(clip.file)}`);
  assert.deepEqual(
    fs.readdirSync(path.join(dataDir, 'clips')).filter((f) => f.startsWith('.')),
    [],
    'nothing of the failed cut is left',
  );

  // Cut again: the same name, one clip, the first file replaced (its poster with it).
  const poster = await clips.poster(clip.id);
  assert.ok(poster && fs.existsSync(poster));
  await clips.cut({ sessionId: 1, segmentIds: [1], exact: true }, progress);
  const again = clips.list(1);
  assert.deepEqual(
    again.map((c) => [path.basename(c.file), c.mode, c.poster]),
    [[path.basename(clip.file), 'exact', null]],
  );
  assert.ok(!fs.existsSync(poster), 'the old poster went with the old clip');
});

test('during the show: a just-ended explanation waits for the recording to hold its end', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = makeRecording(dir, 'live.flv.mp4');
  let written = 4700;
  const live = recording(1, file, { endedAt: null, durationMs: null, state: 'recording' });
  const { clips } = setup(t, [live], () => written);
  // Explanation 2 ended at 4 s; the file holds 4.7 s, less than its end and tail padding (1.5 s).
  assert.deepEqual(
    clips.plans(1).map((p) => [p.linkNo, p.waiting, p.missing]),
    [
      [1, false, []],
      [2, true, []],
    ],
  );
  const first = await clips.cut({ sessionId: 1 }, progress);
  assert.deepEqual(first.summary, { clips: 1, skipped: 1 });
  assert.deepEqual(
    (first.warnings ?? []).map((w) => w.code),
    ['clip_still_recording'],
  );
  written = 6000;
  const second = await clips.cut({ sessionId: 1, segmentIds: [2] }, progress);
  assert.deepEqual([second.summary, second.warnings], [{ clips: 1, skipped: 0 }, []]);
  assert.deepEqual(
    clips.list(1).map((c) => c.linkNo),
    [1, 2],
  );
});
