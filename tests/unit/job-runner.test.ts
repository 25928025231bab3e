import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { JobRunner } from '../../electron/core/jobs/job-runner.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import type { Job } from '../../electron/core/protocol/jobs-schemas.ts';

function runner() {
  let now = 0;
  const events: Job[] = [];
  const jobs = new JobRunner(
    (_name, data) => events.push((data as { job: Job }).job),
    () => now,
  );
  return { jobs, events, tick: (ms: number) => (now += ms) };
}

test('progress is throttled but phase changes and the end are always reported', async () => {
  const { jobs, events, tick } = runner();
  const { done } = jobs.start('catalog.import', async (progress) => {
    for (let i = 0; i < 1000; i++) {
      progress('phase_checking', i, 1000);
      tick(1);
    }
    progress('phase_writing', 0, 10);
    return { summary: { created: 10 } };
  });
  const job = await done;
  assert.equal(job.state, 'done');
  assert.deepEqual(job.summary, { created: 10 });
  assert.ok(events.length < 20, `${events.length} events for 1000 steps`);
  assert.ok(events.some((e) => e.phase === 'phase_writing'));
  assert.equal(events.at(-1)!.state, 'done');
  assert.equal(events[0]!.state, 'running');
});

test('a second job of the same kind is refused while one runs; another kind is fine', async () => {
  const { jobs } = runner();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const first = jobs.start('catalog.import', async () => {
    await gate;
    return { summary: {} };
  });
  assert.throws(
    () => jobs.start('catalog.import', async () => ({ summary: {} })),
    (e: StudioError) => e.code === 'busy',
  );
  const other = jobs.start('catalog.export', async () => ({
    summary: { rows: 0 },
    file: { fileName: 'a.csv', mime: 'text/csv', bytes: Buffer.from('x') },
  }));
  await other.done;
  assert.equal(jobs.file(other.job.id).fileName, 'a.csv');
  release();
  await first.done;
  jobs.start('catalog.import', async () => ({ summary: {} })); // free again
});

test('a failing job keeps its StudioError shape; an unexpected error becomes internal without details', async () => {
  const { jobs } = runner();
  const issues = [{ path: '价格', code: 'price_invalid', line: 3 }];
  const failed = await jobs.start('catalog.import', async () => {
    throw new StudioError('import_invalid', '1 problem', { issues });
  }).done;
  assert.equal(failed.state, 'failed');
  assert.deepEqual(failed.error, { code: 'import_invalid', message: '1 problem', issues });
  const original = console.error;
  console.error = () => {};
  try {
    const crashed = await jobs.start('catalog.export', async () => {
      throw new Error('secret stream key rtmp://x/abc');
    }).done;
    assert.equal((crashed.error as { code: string }).code, 'internal');
    assert.doesNotMatch(JSON.stringify(crashed.error), /secret/);
  } finally {
    console.error = original;
  }
  assert.throws(
    () => jobs.file(failed.id),
    (e: StudioError) => e.code === 'not_found',
  );
});

test('results on disk: fetched whole or in slices, kept apart per runner, removed on dispose; day-old leftovers go', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-jobs-'));
  const stale = path.join(tmp, 'jobs-crashed');
  fs.mkdirSync(stale);
  fs.writeFileSync(path.join(stale, 'old.csv'), 'x');
  const dayAgo = new Date(Date.now() - 25 * 3600_000);
  fs.utimesSync(stale, dayAgo, dayAgo);
  const fresh = path.join(tmp, 'jobs-running-elsewhere');
  fs.mkdirSync(fresh);

  const a = new JobRunner(() => undefined, Date.now, tmp);
  assert.ok(!fs.existsSync(stale), 'a crashed run’s day-old files are removed');
  assert.ok(fs.existsSync(fresh), 'another running studio’s folder is left alone');
  const { job, done } = a.start('orders.export', async () => {
    const out = a.tempPath('.csv');
    fs.writeFileSync(out, 'abcdefghij');
    return { summary: {}, file: { fileName: 'o.csv', mime: 'text/csv', path: out } };
  });
  await done;
  assert.equal(a.wholeFile(job.id).bytes.toString(), 'abcdefghij');
  const slices = [0, 4, 8, 12].map((offset) => a.chunk(job.id, offset, 4));
  assert.deepEqual(
    slices.map((s) => [s.bytes.toString(), s.size]),
    [
      ['abcd', 10],
      ['efgh', 10],
      ['ij', 10],
      ['', 10],
    ],
  );
  const b = new JobRunner(() => undefined, Date.now, tmp);
  assert.equal(a.wholeFile(job.id).bytes.toString(), 'abcdefghij', 'a second runner (a CLI command) deletes nothing');
  const file = a.file(job.id);
  a.dispose();
  assert.ok('path' in file && !fs.existsSync(file.path));
  b.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const exported = async () => ({
  summary: { rows: 1 },
  file: { fileName: 'a.csv', mime: 'text/csv', bytes: Buffer.from('phone 13812345678') },
});
const device = { role: 'assistant' as const, deviceId: 7 };

test("a device's rights change: its finished results go at once, a running one's when it ends; others stay", async () => {
  const { jobs, events } = runner();
  const finished = jobs.start('orders.export', exported, 'device:7');
  await finished.done;
  const hosts = jobs.start('catalog.export', exported, 'host');
  await hosts.done;
  let release!: () => void;
  const running = jobs.start(
    'catalog.import',
    async () => {
      await new Promise<void>((r) => (release = r));
      return exported();
    },
    'device:7',
  );
  assert.equal(jobs.list(device).length, 2);

  jobs.forgetOwner('device:7');
  assert.throws(
    () => jobs.file(finished.job.id, device),
    (e: StudioError) => e.code === 'not_found',
  );
  assert.throws(
    () => jobs.file(finished.job.id),
    (e: StudioError) => e.code === 'not_found',
    'not for the host either',
  );
  assert.deepEqual(
    jobs.list(device).map((j) => j.id),
    [running.job.id],
    'the running one is still seen running',
  );
  release();
  const end = await running.done;
  assert.equal(end.state, 'done');
  assert.deepEqual(jobs.list(device), [], 'forgotten when it ended');
  assert.throws(
    () => jobs.file(running.job.id),
    (e: StudioError) => e.code === 'not_found',
  );
  assert.equal(events.at(-1)!.id, running.job.id, 'the host still learns it ended');
  assert.equal(jobs.file(hosts.job.id).fileName, 'a.csv', "the host's own result stays");
});

test("finished jobs are kept per owner: a device's many do not push out the host's export", async () => {
  const { jobs } = runner();
  const hosts = jobs.start('orders.export', exported, 'host');
  await hosts.done;
  for (let i = 0; i < 50; i++) await jobs.start('catalog.export', exported, 'device:7').done;
  assert.equal(jobs.file(hosts.job.id).fileName, 'a.csv');
  assert.equal(jobs.list(device).length, 20, 'the device keeps its last 20');
});

test('assertIdle says busy before anything is used up', async () => {
  const { jobs } = runner();
  let release!: () => void;
  const first = jobs.start('orders.ship', () => new Promise((r) => (release = () => r({ summary: {} }))));
  assert.throws(
    () => jobs.assertIdle('orders.ship'),
    (e: StudioError) => e.code === 'busy',
  );
  jobs.assertIdle('catalog.import');
  release();
  await first.done;
  jobs.assertIdle('orders.ship');
});

test('cancel: a job that listens to its signal ends failed with cancelled; an import is refused, not stopped', async () => {
  const { jobs } = runner();
  const cut = jobs.start('clips.cut', (progress) => {
    return new Promise((_resolve, reject) => {
      progress.signal!.addEventListener('abort', () => reject(progress.signal!.reason as Error), { once: true });
    });
  });
  jobs.cancel(cut.job.id);
  const cancelled = await cut.done;
  assert.equal(cancelled.state, 'failed');
  assert.equal((cancelled.error as { code: string }).code, 'cancelled');

  let finish = () => {};
  const load = jobs.start('catalog.import', () => new Promise((resolve) => (finish = () => resolve({ summary: {} }))));
  assert.throws(
    () => jobs.cancel(load.job.id),
    (error: unknown) => error instanceof StudioError && error.issues?.[0]?.code === 'job_not_cancellable',
  );
  finish();
  assert.equal((await load.done).state, 'done', 'the import ran to its end');
  assert.throws(() => jobs.cancel('no-such-job'), { code: 'not_found' });
});
