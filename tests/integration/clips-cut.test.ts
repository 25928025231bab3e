// Clips cut from a real recording: the engine records the test pattern (testsrc: every frame a different picture)
// with real ffmpeg while streaming to a real ingest, explanations start and end while it runs (one across a lost
// camera and its stand-in, one across the ingest dropping and the destination reconnecting), and each clip is
// checked by decoding: its first and last frames are found among the recording's own frames, and must fall within
// one GOP of the planned cut (copy mode) or on it (exact mode). A copy of the FLV taken mid-show stands
// for what a crash leaves: finished at the next start, it gives the same clip.
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { cutClip, makePoster } from '../../electron/core/clips/clip-cutter.ts';
import { planClips, usable, type ClipPiece, type ExplainedSegment } from '../../electron/core/clips/clip-plan.ts';
import type { RecordingAnchor } from '../../electron/core/stream/engine/recorder.ts';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { RECORDING_SUFFIX } from '../../electron/core/stream/recording-recovery.ts';
import { RecordingStore } from '../../electron/core/stream/recording-store.ts';
import { StreamRecordings } from '../../electron/core/stream/stream-recordings.ts';
import { StreamStore } from '../../electron/core/stream/stream-store.ts';
import { decodesCleanly, packetTimes, until } from '../support/media-probe.ts';
import { spawnNotingEncoders } from '../support/encoder-spawn.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

const FPS = 30;
const FRAME_MS = 1000 / FPS;
/** The engine forces a keyframe every 2 s. */
const GOP_MS = 2000;
const W = 96;
const H = 54;

/** Every frame of a file, decoded small and grey (one byte a pixel), in presentation order. */
function frames(file: string): Buffer[] {
  const raw = execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-i',
      file,
      '-map',
      '0:v:0',
      '-fps_mode',
      'passthrough',
      '-s',
      `${W}x${H}`,
      '-pix_fmt',
      'gray',
    ].concat(['-f', 'rawvideo', '-']),
    { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 },
  );
  const size = W * H;
  return Array.from({ length: raw.length / size }, (_, k) => raw.subarray(k * size, (k + 1) * size));
}

/** Sum of absolute differences: 0 for the same decoded picture. */
function sad(a: Buffer, b: Buffer): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d += Math.abs(a[k]! - b[k]!);
  return d;
}

/** The recording's frame (its time, ms) that `frame` shows, searched around `nearMs`; with how sure the match is. */
function locate(frame: Buffer, recording: Buffer[], times: number[], nearMs: number) {
  let best = -1;
  let bestSad = Infinity;
  let second = Infinity;
  recording.forEach((candidate, k) => {
    // The stand-in replays the pattern from its start: only frames near the cut are candidates.
    if (Math.abs(times[k]! - nearMs) > GOP_MS + 1000) return;
    const d = sad(frame, candidate);
    if (d < bestSad) [second, bestSad, best] = [bestSad, d, k];
    else if (d < second) second = d;
  });
  assert.ok(best >= 0, `no recording frame near ${nearMs} ms`);
  return { ms: times[best]!, sad: bestSad, second };
}

function tools(t: TestContext): boolean {
  return ['ffmpeg', 'ffprobe', 'nginx'].every((tool) => requireTool(t, tool));
}

test(
  'clips from a real recording: within one GOP (copy) or on the cut (exact), across a lost camera and a reconnect, from a crash-left FLV',
  { timeout: 180_000 },
  async (t) => {
    if (!tools(t)) return;
    const dir = tempDir('livecart-clips-');
    const record = path.join(dir, 'show.mp4');
    const crashDir = path.join(dir, 'crash');
    const crashFlv = path.join(crashDir, `2026-12-02_20-00-00.mp4${RECORDING_SUFFIX}`);
    const anchors: RecordingAnchor[] = [];
    const encoders: ChildProcess[] = [];
    const ingest = await startRtmpServer();
    t.after(() => ingest.stop());
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern' },
      settings: {
        width: 640,
        height: 360,
        fps: FPS,
        videoKbps: 1500,
        audioKbps: 96,
        encoder: 'libx264',
        preset: 'ultrafast',
        lowLatency: false,
      },
      destinations: [{ id: 'a', target: ingest.target('clips-key') }],
      recordPath: record,
      onRecordingAnchor: (anchor) => anchors.push(anchor),
      spawn: spawnNotingEncoders(encoders),
    });
    // Explanations begin and end at points of the media, read from the encoder's progress (never a fixed sleep).
    const at = (seconds: number) =>
      until(`${seconds} s of media`, () => engine.health.mediaSeconds >= seconds, 60_000).then(() => Date.now());
    const segments: ExplainedSegment[] = [];
    const explain = (id: number, startedAt: number, endedAt: number) =>
      segments.push({ id, productId: id, linkNo: id, title: `商品${id}`, startedAt, endedAt });
    try {
      await engine.start();
      const aFrom = await at(3);
      const aTo = await at(7.5);
      explain(1, aFrom, aTo);
      await at(9);
      // What a crash of the studio here would leave: the FLV as written so far (perhaps cut mid-tag).
      fs.mkdirSync(crashDir);
      fs.copyFileSync(`${record}.recording.flv`, crashFlv);
      const bFrom = await at(9.5);
      // The camera is lost mid-explanation: the stand-in takes over, and the recording goes on on one timeline.
      encoders[0]!.kill('SIGKILL');
      await until('the stand-in', () => engine.source.fallback && encoders.length === 2 && anchors.length === 2);
      const resumed = engine.health.mediaSeconds;
      const bTo = await at(resumed + 4);
      explain(2, bFrom, bTo);
      // The platform's ingest drops mid-explanation and comes back: the destination reconnects, the recording (which
      // no destination feeds) goes on untouched.
      const destination = engine.destinations[0]!;
      await until('live at the ingest', () => destination.state.phase === 'live', 30_000);
      const cFrom = await at(engine.health.mediaSeconds + 0.5);
      await ingest.kill();
      await until('the drop noticed', () => destination.state.phase === 'reconnecting');
      await ingest.restart();
      await until('live again', () => destination.state.phase === 'live', 40_000);
      const cTo = await at(engine.health.mediaSeconds + 1.5);
      explain(3, cFrom, cTo);
      await at(engine.health.mediaSeconds + 2);
    } finally {
      await engine.stop();
    }
    const result = engine.summary().recording!;
    assert.equal(result.remuxed, true, result.error);
    assert.ok(result.durationMs! > 10_000, `${result.durationMs} ms recorded`);
    assert.equal(anchors.length, 2, 'the start and the stand-in (a reconnect is no new encoder)');
    assert.ok(engine.summary().destinations[0]!.stats.reconnects >= 1, 'the destination reconnected');
    assert.ok(anchors[1]!.recordingMs > anchors[0]!.recordingMs);

    const recording = usable(
      {
        id: 1,
        file: result.file,
        startedAt: anchors[0]!.wallMs,
        endedAt: Date.now(),
        durationMs: result.durationMs!,
        anchors,
        state: 'done',
        deletedAt: null,
      },
      fs.existsSync,
    )!;
    const plans = planClips(segments, [recording]);
    assert.deepEqual(
      plans.map((p) => [p.segmentIds, p.pieces.length, p.missing]),
      [
        [[1], 1, []],
        [[2], 1, []],
        [[3], 1, []],
      ],
    );
    const recFrames = frames(result.file);
    const recTimes = packetTimes(result.file).map((s) => s * 1000);
    assert.equal(recFrames.length, recTimes.length);

    const check = async (piece: ClipPiece, exact: boolean, name: string) => {
      const out = path.join(dir, `${name}.mp4`);
      const progress: number[] = [];
      const cut = await cutClip([piece], out, {
        ffmpegPath: 'ffmpeg',
        exact,
        onProgress: (done) => progress.push(done),
      });
      decodesCleanly(cut.file);
      const poster = path.join(dir, `${name}.jpg`);
      await makePoster('ffmpeg', cut.file, cut.durationMs, poster);
      assert.deepEqual([...fs.readFileSync(poster).subarray(0, 2)], [0xff, 0xd8], 'a poster frame, as JPEG');
      assert.equal(progress.at(-1), piece.toMs - piece.fromMs, 'progress ends at the whole');
      const clip = frames(cut.file);
      const first = locate(clip[0]!, recFrames, recTimes, piece.fromMs);
      const last = locate(clip.at(-1)!, recFrames, recTimes, piece.toMs);
      if (exact) {
        // Re-encoded: the nearest recording frame, clearly nearer than any other, on the cut.
        assert.ok(first.sad < first.second / 2, `${name}: the first frame matches one recording frame`);
        assert.ok(Math.abs(first.ms - piece.fromMs) <= FRAME_MS + 1, `${name}: first ${first.ms} vs ${piece.fromMs}`);
        assert.ok(Math.abs(last.ms - piece.toMs) <= 2 * FRAME_MS + 1, `${name}: last ${last.ms} vs ${piece.toMs}`);
      } else {
        // Copied: the very frames of the recording, from the keyframe at or before the cut.
        assert.equal(first.sad, 0, `${name}: the first frame is the recording's own`);
        assert.ok(first.ms <= piece.fromMs + 1 && first.ms >= piece.fromMs - GOP_MS, `${name}: first ${first.ms}`);
        assert.ok(Math.abs(last.ms - piece.toMs) <= GOP_MS, `${name}: last ${last.ms} vs ${piece.toMs}`);
      }
      return cut;
    };
    for (const [k, plan] of plans.entries()) {
      const piece = plan.pieces[0]!;
      const copy = await check(piece, false, `copy-${k + 1}`);
      // Its length as a player shows it: from the keyframe before the cut to the cut's end.
      const planned = piece.toMs - piece.fromMs;
      assert.ok(
        copy.durationMs >= planned - FRAME_MS && copy.durationMs <= planned + GOP_MS + FRAME_MS,
        `copy-${k + 1}: ${copy.durationMs} ms for a planned ${planned} ms (${piece.fromMs}–${piece.toMs})`,
      );
      const exact = await check(piece, true, `exact-${k + 1}`);
      assert.ok(Math.abs(exact.durationMs - (piece.toMs - piece.fromMs)) <= 2 * FRAME_MS + 1);
    }
    // Two explanations joined (one product explained twice): the pieces one after the other, playing through.
    const pieces = plans.map((p) => p.pieces[0]!);
    const joined = await cutClip(pieces, path.join(dir, 'joined.mp4'), { ffmpegPath: 'ffmpeg' });
    decodesCleanly(joined.file);
    const planned = pieces.reduce((sum, p) => sum + p.toMs - p.fromMs, 0);
    assert.ok(joined.durationMs >= planned - FRAME_MS, `${joined.durationMs} of ${planned} ms`);
    assert.ok(joined.durationMs <= planned + pieces.length * GOP_MS, 'each piece from its keyframe before, no more');
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.startsWith('joined')),
      ['joined.mp4'],
      'its parts and list are gone',
    );

    // The second explanation spans the stand-in: its clip holds frames from both encoders.
    const [, b] = plans;
    assert.ok(b!.pieces[0]!.fromMs < anchors[1]!.recordingMs && b!.pieces[0]!.toMs > anchors[1]!.recordingMs);

    // The crash-left FLV: the next start finishes it (its row in the recordings table too), and the first
    // explanation's clip is cut from it, frame for frame the same as from the whole recording.
    const db = openDatabase(path.join(dir, 'studio.db'));
    try {
      const registry = new RecordingStore(db, dir);
      const id = registry.begin(crashFlv, anchors[0]!);
      const old = Date.now() / 1000 - 120;
      fs.utimesSync(crashFlv, old, old);
      await new StreamRecordings(new StreamStore(db), registry, (work) => work()).recover(
        crashDir,
        'ffmpeg',
        () => false,
      );
      const crashed = registry.get(id)!;
      assert.equal(crashed.state, 'interrupted');
      assert.match(crashed.file, /\.mp4$/);
      const [fromCrash] = planClips([segments[0]!], [usable(crashed, fs.existsSync)!]);
      assert.deepEqual(fromCrash!.missing, []);
      const piece = fromCrash!.pieces[0]!;
      assert.ok(Math.abs(piece.fromMs - plans[0]!.pieces[0]!.fromMs) <= 1);
      await check(piece, false, 'crash-copy');
    } finally {
      db.close();
    }
  },
);
