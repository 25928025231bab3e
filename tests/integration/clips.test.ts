// 讲解回放 through the real protocol and the real `livecart` process: a show recorded by the studio's own stream
// (the test pattern, real ffmpeg), explained product by product; its clips listed, cut as a job (named by date,
// show, link number and product, with a poster), cut again exact (replacing the first), cancelled half-way (nothing
// left behind), exported to a folder by the CLI, and deleted with the recording kept.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Job } from '../../electron/core/protocol/contract.ts';
import { livecart as runCli } from '../support/cli.ts';
import { until } from '../support/media-probe.ts';
import { runStudio, tempDir, type Running } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';
import { TestClient } from '../support/ws-client.ts';

let run: Running;
let host: TestClient;
let sessionId: number;
let ready = false;

const media = (urlPath: string) => `http://127.0.0.1:${run.host.port}${urlPath}`;
const sizeOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;

before(async () => {
  run = await runStudio();
  host = await TestClient.connect(run.host.port, run.host.token);
  await host.call('studio.hello', { client: 'desktop' });
});
after(async () => {
  host.close();
  await run.stop();
});

/** Records a show of two explanations with the studio's own stream (no destination: a rehearsal, recorded). */
async function recordShow(t: TestContext): Promise<boolean> {
  if (!requireTool(t, 'ffmpeg') || !requireTool(t, 'ffprobe')) return false;
  if (ready) return true;
  const show = await host.call('live.createSession', { input: { title: '秋茶专场' } });
  sessionId = show.id;
  for (const title of ['福鼎白茶', '武夷/岩茶:大红袍']) {
    const product = await host.call('catalog.create', { input: { title, priceFen: 8800, stock: 10 } });
    await host.call('live.bagAdd', { sessionId, productId: product.id });
  }
  const state = await host.call('stream.state', {});
  await host.call('stream.saveSettings', { settings: { ...state.settings, record: true, hardware: false } });
  await host.call('show.goLive', { sessionId, rehearse: true });
  const flv = (await host.call('stream.state', {})).recording.file!;
  // Explanations last a stretch of recorded media (its bytes), never a fixed time.
  const media = async (bytes: number) => {
    const from = sizeOf(flv);
    await until(`${bytes} more bytes recorded`, () => sizeOf(flv) > from + bytes, 60_000);
  };
  await media(200_000);
  await host.call('live.explain', { sessionId, linkNo: 1 });
  await media(900_000);
  await host.call('live.explain', { sessionId, linkNo: 2 });
  await media(900_000);
  await host.call('live.stopExplaining', { sessionId });
  await media(200_000);
  await host.call('show.end', { sessionId });
  ready = true;
  return true;
}

const cut = async (params: { exact?: boolean; vertical?: boolean }): Promise<Job> => {
  const { jobId } = await host.call('clips.cut', { sessionId, ...params });
  return host.jobFinished(jobId);
};

test('each explanation is cut as it ends; the show’s explanations are listed, and cut again as a job', async (t) => {
  if (!(await recordShow(t))) return;
  // The studio cut both clips by itself as the explanations ended (the second as the show ended).
  const finishedCuts = () =>
    host.events
      .filter((e) => e.name === 'job.updated')
      .map((e) => (e.data as { job: Job }).job)
      .filter((j) => j.kind === 'clips.cut' && j.state === 'done');
  await host.until(() => new Set(finishedCuts().map((j) => j.id)).size >= 2, 60_000);
  const auto = (await host.call('clips.list', { sessionId })).clips;
  assert.deepEqual(
    auto.map((c) => [c.linkNo, c.mode, c.segmentIds.length]),
    [
      [1, 'copy', 1],
      [2, 'copy', 1],
    ],
  );
  const listed = await host.call('clips.list', { sessionId });
  assert.deepEqual(
    listed.plans.map((p) => [p.linkNo, p.title, p.missing, p.waiting]),
    [
      [1, '福鼎白茶', [], false],
      [2, '武夷/岩茶:大红袍', [], false],
    ],
  );
  assert.ok(listed.plans.every((p) => p.recordedMs > 1000));

  const events = host.events.length;
  const job = await cut({});
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  assert.deepEqual(job.summary, { clips: 2, skipped: 0 });
  assert.ok(host.events.slice(events).some((e) => e.name === 'clips.changed'));
  const { clips } = await host.call('clips.list', { sessionId });
  assert.ok(
    clips.every((c) => !auto.some((a) => a.id === c.id)),
    'cut again: new clips in place of the first',
  );
  const day = (await host.call('live.session', { id: sessionId })).session.startedAt!;
  const date = new Date(day);
  const stamp = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  assert.deepEqual(
    clips.map((c) => [c.fileName, c.linkNo, c.mode, c.hasPoster]),
    [
      [`${stamp} 秋茶专场 1号 福鼎白茶.mp4`, 1, 'copy', false],
      // What no file system takes in a name (/ and :) becomes a space.
      [`${stamp} 秋茶专场 2号 武夷 岩茶 大红袍.mp4`, 2, 'copy', false],
    ],
  );
  const dir = path.join(run.dataDir, 'clips');
  for (const clip of clips) {
    const file = path.join(dir, clip.fileName);
    assert.equal(fs.statSync(file).size, clip.bytes);
    assert.equal(fs.statSync(file).mode & 0o077, 0, 'owner-only, like everything the studio keeps');
    assert.ok(clip.durationMs > 1000);
    // The poster is made when first asked for, then kept beside the clip.
    const poster = await fetch(media((await host.call('clips.poster', { clipId: clip.id })).url));
    assert.equal(poster.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual([...new Uint8Array(await poster.arrayBuffer()).subarray(0, 2)], [0xff, 0xd8]);
    assert.ok(fs.existsSync(file.replace(/\.mp4$/, '.jpg')), 'its poster');
  }
  assert.ok((await host.call('clips.list', { sessionId })).clips.every((c) => c.hasPoster));
});

test('a clip plays from the studio’s own address: range requests answered, a forged ticket refused', async (t) => {
  if (!(await recordShow(t))) return;
  const [clip] = (await host.call('clips.list', { sessionId })).clips;
  assert.ok(clip);
  const played = await host.call('clips.play', { clipId: clip.id });
  assert.equal(played.fileName, clip.fileName);
  const bytes = fs.readFileSync(path.join(run.dataDir, 'clips', clip.fileName));
  const whole = await fetch(media(played.url));
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.ok(Buffer.from(await whole.arrayBuffer()).equals(bytes));
  // A <video> seeking: a slice, and the rest from a point.
  const part = await fetch(media(played.url), { headers: { range: 'bytes=100-199' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200)));
  const tail = await fetch(media(played.url), { headers: { range: `bytes=${bytes.length - 10}-` } });
  assert.ok(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(-10)));
  const beyond = await fetch(media(played.url), { headers: { range: `bytes=${bytes.length}-` } });
  assert.equal(beyond.status, 416);
  await beyond.arrayBuffer();
  // The ticket is the key: changed by one character, or missing, nothing is served.
  const last = played.url.at(-1) === 'A' ? 'B' : 'A';
  for (const url of [played.url.slice(0, -1) + last, '/media/', '/media/clips/' + encodeURIComponent(clip.fileName)]) {
    const refused = await fetch(media(url));
    assert.equal(refused.status, 404, url);
    await refused.arrayBuffer();
  }
});

test('cut again exact: the clip is replaced, not doubled; a cut cancelled half-way leaves nothing behind', async (t) => {
  if (!(await recordShow(t))) return;
  const before = (await host.call('clips.list', { sessionId })).clips;
  const job = await cut({ exact: true });
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const { clips } = await host.call('clips.list', { sessionId });
  assert.deepEqual(
    clips.map((c) => [c.linkNo, c.mode]),
    [
      [1, 'exact'],
      [2, 'exact'],
    ],
  );
  assert.deepEqual(
    clips.map((c) => c.fileName),
    before.map((c) => c.fileName),
    'the same names: the old files went first',
  );
  const dir = path.join(run.dataDir, 'clips');
  const files = fs.readdirSync(dir).sort();
  assert.equal(files.length, 2, files.join(', '));

  const { jobId } = await host.call('clips.cut', { sessionId, vertical: true });
  await host.call('jobs.cancel', { id: jobId });
  const cancelled = await host.jobFinished(jobId);
  assert.equal(cancelled.state, 'failed');
  assert.equal((cancelled.error as { code: string }).code, 'cancelled');
  assert.deepEqual(fs.readdirSync(dir).sort(), files, 'no half-cut file, the clips as they were');
});

test('the long video: chosen order, chapters, played from the studio; `livecart clips reel` with --max', async (t) => {
  if (!(await recordShow(t))) return;
  const [first, second] = (await host.call('clips.list', { sessionId })).plans;
  assert.ok(first && second);
  const { jobId } = await host.call('clips.reel', {
    sessionId,
    segmentIds: [...second.segmentIds, ...first.segmentIds],
  });
  const job = await host.jobFinished(jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  const description = String(job.summary?.description);
  assert.match(description, /^00:00 2号 武夷\/岩茶:大红袍\n00:\d\d 1号 福鼎白茶\n$/);
  const made = await host.call('clips.reelFile', { sessionId });
  assert.equal(made.description, description);
  assert.match(made.fileName, /^\d{4}-\d\d-\d\d 秋茶专场 合集 #\d+\.mp4$/);
  const video = await fetch(media(made.url));
  assert.equal(video.status, 200);
  assert.equal(
    Number(video.headers.get('content-length')),
    fs.statSync(path.join(run.dataDir, 'clips', made.fileName)).size,
  );
  await video.arrayBuffer();
  // Its length: both explanations' (each from its keyframe).
  assert.ok(made.durationMs >= first.recordedMs + second.recordedMs - 100, `${made.durationMs} ms`);

  // The CLI: written where asked, its description on stdout and beside it; too long for --max is refused with the figure.
  const out = path.join(tempDir('livecart-reel-'), 'show');
  const reel = runCli(
    ['clips', 'reel', '--session', String(sessionId), '--out', out, '--data-dir', run.dataDir],
    'zh-CN',
  );
  assert.equal(reel.code, 0, reel.stderr);
  assert.match(reel.stdout, /^00:00 1号 福鼎白茶\n00:\d\d 2号 武夷\/岩茶:大红袍\n$/);
  assert.equal(fs.readFileSync(`${out}.txt`, 'utf8'), reel.stdout);
  assert.ok(fs.statSync(`${out}.mp4`).size > 10_000);
  const long = runCli(
    ['clips', 'reel', '--session', String(sessionId), '--out', `${out}-2`, '--max', '3s', '--data-dir', run.dataDir],
    'zh-CN',
  );
  assert.equal(long.code, 1);
  assert.match(long.stderr, /选中的讲解共 00:\d\d，超过合集上限 00:03/);
  assert.equal(fs.existsSync(`${out}-2.mp4`), false);
  for (const args of [['--max', '45m'], ['--segments', 'a,b'], []]) {
    const usage = runCli([
      'clips',
      'reel',
      '--out',
      out,
      ...(args.length ? ['--session', String(sessionId)] : []),
      ...args,
      '--data-dir',
      run.dataDir,
    ]);
    assert.equal(usage.code, 2, args.join(' '));
  }
});

test('`livecart clips list|export` and the deletion of a show’s clips; the recording stays', async (t) => {
  if (!(await recordShow(t))) return;
  const listed = runCli(['clips', 'list', '--session', String(sessionId), '--data-dir', run.dataDir], 'zh-CN');
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /1号 福鼎白茶 {2}· {2}\d+:\d\d {2}· {2}\S+ 秋茶专场 1号 福鼎白茶\.mp4/);
  const out = tempDir('livecart-clips-out-');
  const exported = runCli(['clips', 'export', '--session', String(sessionId), '--out', out, '--data-dir', run.dataDir]);
  assert.equal(exported.code, 0, exported.stderr);
  const names = fs.readdirSync(out).sort();
  assert.equal(names.filter((n) => n.endsWith('.mp4')).length, 2);
  assert.equal(names.filter((n) => n.endsWith('.jpg')).length, 2);
  // Copies to share: the usual permissions, not the studio's owner-only ones; the folder's left as it was.
  const folderMode = fs.statSync(out).mode & 0o777;
  for (const name of names) assert.equal(fs.statSync(path.join(out, name)).mode & 0o777, 0o644, name);
  assert.equal(fs.statSync(out).mode & 0o777, folderMode);
  const missing = runCli(['clips', 'cut', '--session', '99999', '--data-dir', run.dataDir]);
  assert.equal(missing.code, 1);
  // Without --session: the last show that went live.
  const last = runCli(['clips', 'list', '--data-dir', run.dataDir], 'zh-CN');
  assert.equal(last.stdout, listed.stdout);

  const stored = (run.studio.db.prepare('SELECT file FROM recordings').get() as { file: string }).file;
  const recording = path.join(run.dataDir, stored);
  const { deleted } = await host.call('clips.delete', { sessionId });
  assert.equal(deleted, 2);
  assert.deepEqual((await host.call('clips.list', { sessionId })).clips, []);
  assert.deepEqual(fs.readdirSync(path.join(run.dataDir, 'clips')), []);
  assert.ok(fs.existsSync(recording), 'the recording is kept');
});
