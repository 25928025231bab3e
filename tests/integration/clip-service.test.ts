// The clips service over real files and real ffmpeg, its recordings given by hand: one damaged recording fails its
// own clip (a warning) and not the job; an explanation that has just ended while the recording is still written
// waits; a re-cut replaces the clip under its name; files are kept relative to the data folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { ClipService, type ClipShows } from '../../electron/core/clips/clip-service.ts';
import { ReelService, type ReelProduct } from '../../electron/core/clips/reel-service.ts';
import { chapterTime } from '../../electron/core/clips/reel-plan.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { mp4DurationMs } from '../../electron/core/clips/mp4-duration.ts';
import type { StudioError } from '../../electron/core/protocol/errors.ts';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { Writer } from '../../electron/core/db/writer.ts';
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
  const clips = new ClipService(db, { shows, recordings: read }, new Writer(db, () => {}), () => {}, {
    dataDir,
    ffmpeg: () => 'ffmpeg',
  });
  const products: Record<number, ReelProduct> = {
    7: {
      title: '福鼎白茶',
      priceFen: 8800,
      originalPriceFen: 12800,
      imageId: null,
      link: 'https://shop.example.com/tea',
      kind: 'url',
    },
    8: { title: '大红袍', priceFen: 19900, originalPriceFen: null, imageId: null, link: null, kind: null },
  };
  const reels = new ReelService(
    clips,
    { product: (id) => products[id], overlaySettings: () => DEFAULT_OVERLAY_SETTINGS, imageBytes: () => null },
    () => 'ffmpeg',
  );
  return { dataDir, db, clips, reels, segments };
}

/** Six seconds of the test pattern with a keyframe every second, as the engine records (H.264 + AAC in MP4). */
function makeRecording(dir: string, name: string, { size = '320x180', rate = 25, hz = 44100 } = {}): string {
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}:duration=6`],
    ...['-f', 'lavfi', '-i', `sine=duration=6:sample_rate=${hz}`, '-c:v', 'libx264', '-g', String(rate)],
    ...['-c:a', 'aac', '-y', file],
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

/** One frame at `seconds` as grey levels, `width` × `height`. */
function greyFrame(file: string, seconds: number): Buffer {
  return execFileSync('ffmpeg', [
    '-v',
    'error',
    '-ss',
    String(seconds),
    '-i',
    file,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    '-',
  ]);
}

/** Mean difference of two grey frames over a region. */
function difference(a: Buffer, b: Buffer, width: number, region: { x0: number; x1: number; y0: number; y1: number }) {
  let sum = 0;
  let n = 0;
  for (let y = region.y0; y < region.y1; y++) {
    for (let x = region.x0; x < region.x1; x++) {
      sum += Math.abs(a[y * width + x]! - b[y * width + x]!);
      n++;
    }
  }
  return sum / n;
}

test('the long video: chosen order, chapters where each part begins, links; too long refused; a lower-third drawn', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = makeRecording(dir, 'show.mp4');
  const { reels, clips, dataDir } = setup(t, [recording(1, file)]);

  const made = await reels.make({ sessionId: 1, segmentIds: [2, 1] }, progress);
  assert.equal(made.summary.exact, 0, 'one recording: its streams copied');
  assert.equal(path.dirname(made.reel.file), path.join(dataDir, 'clips'));
  assert.match(path.basename(made.reel.file), /^2026-12-0\d 秋茶专场 合集 #1\.mp4$/);
  const lines = made.reel.description.split('\n');
  assert.equal(lines[0], '00:00 2号 大红袍');
  assert.match(lines[1]!, /^00:0[1-5] 1号 福鼎白茶$/);
  assert.deepEqual(lines.slice(2), ['', '商品链接', '1号 福鼎白茶：https://shop.example.com/tea', '']);
  assert.equal(fs.readFileSync(made.reel.file.replace(/\.mp4$/, '.txt'), 'utf8'), made.reel.description);
  const duration = mp4DurationMs(made.reel.file)!;
  assert.ok(Math.abs(duration - made.reel.durationMs) < 100 && duration > 5000, `${duration} ms`);
  assert.deepEqual(reels.made(1)?.description, made.reel.description);

  // With the explanations' clips cut (as they are while the show runs), the reel is those clips joined: its chapters
  // fall where each clip ends.
  await clips.cut({ sessionId: 1 }, progress);
  const [one, two] = clips.list(1);
  const again = await reels.make({ sessionId: 1, segmentIds: [2, 1] }, progress);
  assert.equal(again.reel.description.split('\n')[1], `${chapterTime(two!.durationMs)} 1号 福鼎白茶`);
  assert.ok(Math.abs(again.reel.durationMs - one!.durationMs - two!.durationMs) < 200, `${again.reel.durationMs} ms`);

  // Longer than allowed: refused with the figure, nothing written.
  await assert.rejects(
    reels.make({ sessionId: 1, maxMs: 2000, out: path.join(dir, 'short.mp4') }, progress),
    (error) => {
      const issue = (error as StudioError).issues?.[0];
      assert.equal(issue?.code, 'reel_too_long');
      assert.deepEqual(issue?.params, { length: '00:08', max: '00:02' });
      return true;
    },
  );
  assert.equal(fs.existsSync(path.join(dir, 'short.mp4')), false);
  await assert.rejects(reels.make({ sessionId: 1, segmentIds: [9] }, progress), /not an ended explanation/);

  // The lower-third: the product card drawn over its part (bottom left, as the overlay's settings place it).
  const plain = await reels.make(
    { sessionId: 1, segmentIds: [1], exact: true, out: path.join(dir, 'plain.mp4') },
    progress,
  );
  const drawn = await reels.make(
    { sessionId: 1, segmentIds: [1], lowerThird: true, out: path.join(dir, 'lt.mp4') },
    progress,
  );
  assert.equal(drawn.summary.exact, 1);
  const [a, b] = [greyFrame(plain.reel.file, 0.5), greyFrame(drawn.reel.file, 0.5)];
  const width = 320;
  assert.ok(difference(a, b, width, { x0: 0, x1: 160, y0: 100, y1: 180 }) > 10, 'the card is there');
  assert.ok(difference(a, b, width, { x0: 200, x1: 320, y0: 0, y1: 60 }) < 3, 'and nowhere else');
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
    'no picture or partial file left behind',
  );
});

test('the long video of recordings that differ (a crash, then other settings): encoded to one picture and sound', async (t) => {
  if (!requireTool(t, 'ffmpeg') || !requireTool(t, 'ffprobe')) return;
  const dir = tempDir();
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = makeRecording(dir, 'first.mp4');
  const second = makeRecording(dir, 'second.mp4', { size: '480x270', rate: 30, hz: 48000 });
  const { reels } = setup(t, [
    recording(1, first, { endedAt: T0 + 3000, durationMs: 3000 }),
    recording(2, second, { startedAt: T0 + 3000, anchors: [{ recordingMs: 0, wallMs: T0 + 3000 }] }),
  ]);
  const made = await reels.make({ sessionId: 1 }, progress);
  assert.equal(made.summary.exact, 1, 'they cannot be joined as they are');
  const streams = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', made.reel.file], { encoding: 'utf8' }),
  ) as { streams: Array<{ codec_type: string; width?: number; height?: number; sample_rate?: string }> };
  const video = streams.streams.filter((s) => s.codec_type === 'video');
  assert.deepEqual(
    video.map((v) => [v.width, v.height]),
    [[320, 180]],
    "one picture size: the first recording's",
  );
  assert.deepEqual(
    streams.streams.filter((s) => s.codec_type === 'audio').map((a) => a.sample_rate),
    ['44100'],
  );
  // It plays through: every frame decodes, and it lasts both parts.
  execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', made.reel.file, '-f', 'null', '-']);
  // 0–3 s of the first (its end) and 0–2.5 s of the second (the explanation's end and its tail padding).
  assert.ok(Math.abs(made.reel.durationMs - 5500) < 200, `${made.reel.durationMs} ms`);
});
