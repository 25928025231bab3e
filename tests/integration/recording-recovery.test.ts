// Recordings a crash of the studio left behind, finished at the next start with real ffmpeg on real files: a show
// cut off mid-tag becomes an MP4 that plays cleanly up to the cut; a file still being written is left alone; an MP4
// already at the target is never overwritten; a file with nothing recorded is deleted; a file ffmpeg cannot read is
// kept and reported while the others are still done.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { FlvReader, TAG_AUDIO, TAG_VIDEO } from '../../electron/core/stream/engine/flv-reader.ts';
import { recoverRecordings, RECORDING_SUFFIX } from '../../electron/core/stream/recording-recovery.ts';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { RecordingStore } from '../../electron/core/stream/recording-store.ts';
import { StreamRecordings } from '../../electron/core/stream/stream-recordings.ts';
import { StreamStore } from '../../electron/core/stream/stream-store.ts';
import { makeFlv } from '../support/flv-sample.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

/** A clock a minute ahead: every file just written counts as a crash's leftover. */
const LATER = () => Date.now() + 60_000;

function tools(t: TestContext): boolean {
  return requireTool(t, 'ffmpeg') && requireTool(t, 'ffprobe');
}

function recordingsDir(t: TestContext): string {
  const dir = tempDir('livecart-recovery-');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Leaves an FLV as the recorder names it for `<stamp>.mp4`; `mtime` (seconds) back-dates it. */
function leave(dir: string, stamp: string, bytes: Buffer, mtime?: number): string {
  const file = path.join(dir, `${stamp}.mp4${RECORDING_SUFFIX}`);
  fs.writeFileSync(file, bytes);
  if (mtime !== undefined) fs.utimesSync(file, mtime, mtime);
  return file;
}

function probe(file: string): { codecs: string[]; duration: number } {
  // prettier-ignore
  const out = execFileSync('ffprobe', [
    '-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', file,
  ]);
  const json = JSON.parse(out.toString()) as { streams: Array<{ codec_name: string }>; format: { duration: string } };
  return { codecs: json.streams.map((s) => s.codec_name), duration: Number(json.format.duration) };
}

/** What ffmpeg complains about while decoding every frame of the file ('' when it plays cleanly). */
function decodeErrors(file: string): string {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-nostdin', '-i', file, '-f', 'null', '-'], { timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr.toString());
  return run.stderr.toString().trim();
}

/** The FLV up to the first audio or video frame, and that frame's first half: what a crash at go-live leaves. */
function cutBeforeFirstFrame(flv: Buffer): Buffer {
  const reader = new FlvReader();
  const tags = reader.push(flv);
  let offset = reader.header!.length;
  for (const tag of tags) {
    if ((tag.type === TAG_AUDIO || tag.type === TAG_VIDEO) && !tag.config) {
      return flv.subarray(0, offset + Math.floor(tag.bytes.length / 2));
    }
    offset += tag.bytes.length;
  }
  throw new Error('no frame in the sample');
}

test('a show cut off mid-tag by a crash becomes an MP4 that plays up to the cut, and its FLV goes', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  const flv = makeFlv(4);
  const cut = flv.subarray(0, Math.floor(flv.length * 0.7));
  const reader = new FlvReader();
  const whole = reader.push(cut);
  const complete = reader.header!.length + whole.reduce((sum, tag) => sum + tag.bytes.length, 0);
  assert.ok(complete < cut.length, 'the cut falls inside a tag');
  const lastMs = Math.max(...whole.map((tag) => tag.timestamp));
  const source = leave(dir, '2026-11-24_20-00-05', cut);
  // What a crash during the last remux left: rewritten, not taken for the recording.
  fs.writeFileSync(path.join(dir, '2026-11-24_20-00-05.mp4.remuxing.mp4'), 'half an mp4');

  const results = await recoverRecordings(dir, 'ffmpeg', { now: LATER });

  const target = path.join(dir, '2026-11-24_20-00-05.mp4');
  assert.deepEqual(results, [{ source, file: target, bytes: fs.statSync(target).size, remuxed: true }]);
  assert.deepEqual(fs.readdirSync(dir), ['2026-11-24_20-00-05.mp4']);
  const { codecs, duration } = probe(target);
  assert.deepEqual(codecs, ['h264', 'aac']);
  assert.ok(duration > 1.5, `duration ${duration}`);
  assert.ok(Math.abs(duration - lastMs / 1000) < 0.3, `duration ${duration}, last tag at ${lastMs} ms`);
  // The half tag at the cut is dropped, not copied as a frame that fails to decode.
  assert.equal(decodeErrors(target), '');
});

test('a file written to within the last 30 s is left alone: a live show or another studio may own it', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  const source = leave(dir, '2026-11-24_21-00-00', makeFlv(1));

  assert.deepEqual(await recoverRecordings(dir, 'ffmpeg'), []);
  assert.deepEqual(fs.readdirSync(dir), [path.basename(source)]);

  const later = await recoverRecordings(dir, 'ffmpeg', { now: LATER });
  assert.equal(later[0]?.remuxed, true);
});

test('an MP4 already at the target is never overwritten: the recovered one is named -recovered, -recovered-2', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  const stamp = '2026-11-24_20-00-05';
  fs.writeFileSync(path.join(dir, `${stamp}.mp4`), 'the show as it was remuxed');

  leave(dir, stamp, makeFlv(1));
  const [recovered] = await recoverRecordings(dir, 'ffmpeg', { now: LATER });
  assert.equal(recovered?.file, path.join(dir, `${stamp}-recovered.mp4`));
  assert.equal(recovered?.remuxed, true);

  leave(dir, stamp, makeFlv(1));
  const [again] = await recoverRecordings(dir, 'ffmpeg', { now: LATER });
  assert.equal(again?.file, path.join(dir, `${stamp}-recovered-2.mp4`));

  assert.equal(fs.readFileSync(path.join(dir, `${stamp}.mp4`), 'utf8'), 'the show as it was remuxed');
  assert.deepEqual(probe(again!.file).codecs, ['h264', 'aac']);
});

test('a file with nothing recorded (empty, header only, cut before the first frame) is deleted, not made an MP4', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  const flv = makeFlv(1);
  leave(dir, '2026-11-24_20-00-01', Buffer.alloc(0));
  leave(dir, '2026-11-24_20-00-02', flv.subarray(0, 13));
  leave(dir, '2026-11-24_20-00-03', cutBeforeFirstFrame(flv));

  assert.deepEqual(await recoverRecordings(dir, 'ffmpeg', { now: LATER }), []);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a file ffmpeg cannot read is kept and reported; the ones before and after it are still recovered', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  // Named against their age: the order of the results is the order of the shows, newest last.
  const newest = leave(dir, '2026-11-24_18-00-00', makeFlv(1), hourAgo + 2);
  const garbage = leave(dir, '2026-11-24_19-00-00', Buffer.from('not a video at all\n'.repeat(2000)), hourAgo + 1);
  const oldest = leave(dir, '2026-11-24_20-00-00', makeFlv(1), hourAgo);

  const results = await recoverRecordings(dir, 'ffmpeg');

  assert.deepEqual(
    results.map((r) => [r.source, r.file, r.remuxed]),
    [
      [oldest, oldest.slice(0, -RECORDING_SUFFIX.length), true],
      [garbage, garbage, false],
      [newest, newest.slice(0, -RECORDING_SUFFIX.length), true],
    ],
  );
  assert.equal(results[1]!.bytes, fs.statSync(garbage).size);
  assert.match(results[1]!.error ?? '', /Invalid data/);
  assert.deepEqual(fs.readdirSync(dir).sort(), [
    '2026-11-24_18-00-00.mp4',
    '2026-11-24_19-00-00.mp4.recording.flv',
    '2026-11-24_20-00-00.mp4',
  ]);
});

test('no recordings folder yet is no recordings; other files in it are not touched', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  assert.deepEqual(await recoverRecordings(path.join(dir, 'recordings'), 'ffmpeg'), []);
  fs.writeFileSync(path.join(dir, 'notes.flv'), 'x');
  fs.mkdirSync(path.join(dir, `nested${RECORDING_SUFFIX}`));
  assert.deepEqual(await recoverRecordings(dir, 'ffmpeg', { now: LATER }), []);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['nested.recording.flv', 'notes.flv']);
});

test('a crash-left recording in the recordings table is finished there: its MP4, its length, its end', async (t) => {
  if (!tools(t)) return;
  const dir = recordingsDir(t);
  const db = openDatabase(path.join(dir, 'studio.db'));
  t.after(() => db.close());
  const registry = new RecordingStore(db, path.dirname(dir));
  const recordings = new StreamRecordings(new StreamStore(db), registry, (work) => work());
  const flv = leave(dir, '2026-11-24_20-00-05', makeFlv(3), Date.now() / 1000 - 120);
  const started = Date.now() - 200_000;
  const id = registry.begin(flv, { recordingMs: 0, wallMs: started });
  registry.addAnchor(id, { recordingMs: 1000, wallMs: started + 5000 });

  await recordings.recover(dir, 'ffmpeg', () => false);
  const row = registry.get(id)!;
  const mp4 = flv.slice(0, -RECORDING_SUFFIX.length);
  assert.deepEqual([row.file, row.state], [mp4, 'interrupted']);
  const seconds = probe(mp4).duration;
  assert.ok(row.durationMs !== null && Math.abs(row.durationMs - seconds * 1000) < 100, `${row.durationMs} ms`);
  // Its end on the wall clock from the last anchor: the file ran on from there for the rest of its length.
  assert.equal(row.endedAt, started + 5000 + (row.durationMs! - 1000));
  assert.equal(recordings.lastFile, mp4);

  // A show the disk watch ended without a remux: its row is finished, its FLV remuxed at this start: the row follows.
  const kept = leave(dir, '2026-11-25_20-00-05', makeFlv(2), Date.now() / 1000 - 120);
  const done = registry.begin(kept, { recordingMs: 0, wallMs: started });
  registry.finish(done, { file: kept, endedAt: started + 2000, durationMs: 2000, state: 'done' });
  await recordings.recover(dir, 'ffmpeg', () => false);
  assert.deepEqual(
    [registry.get(done)!.file, registry.get(done)!.state, registry.get(done)!.endedAt],
    [kept.slice(0, -RECORDING_SUFFIX.length), 'done', started + 2000],
  );
  // Remuxed, but the studio ended before its row was finished (a crash, or a short command that closed first): the
  // FLV is gone, the MP4 is there. The next start adopts it.
  const remuxed = leave(dir, '2026-11-26_20-00-05', makeFlv(2), Date.now() / 1000 - 120);
  const orphan = registry.begin(remuxed, { recordingMs: 0, wallMs: started });
  await recordings.recover(dir, 'ffmpeg', () => false); // the FLV becomes its MP4 (as the show's end would have)
  registry.finish(orphan, { file: remuxed, endedAt: 0, durationMs: null, state: 'recording' }); // as if never noted
  assert.equal(fs.existsSync(remuxed), false);
  await recordings.recover(dir, 'ffmpeg', () => false);
  const adopted = registry.get(orphan)!;
  assert.deepEqual([adopted.file, adopted.state], [remuxed.slice(0, -RECORDING_SUFFIX.length), 'interrupted']);
  assert.ok(adopted.durationMs !== null && adopted.durationMs > 1000, `${adopted.durationMs} ms`);

  // Kept relative to the data folder, so a moved data folder keeps its recordings.
  const stored = db.prepare<[], { file: string }>('SELECT file FROM recordings ORDER BY id').all();
  assert.deepEqual(
    stored.map((r) => r.file),
    [mp4, kept.slice(0, -RECORDING_SUFFIX.length), remuxed.slice(0, -RECORDING_SUFFIX.length)].map(
      (f) => `${path.basename(dir)}/${path.basename(f)}`,
    ),
  );
});
