// The RTMP test ingest (tests/support/rtmp-server.ts) with real ffmpeg: what a publisher sees when the server
// accepts, refuses a key, freezes (SIGSTOP), dies and comes back on the same port, and that stop() leaves nothing.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { after, describe, test, type TestContext } from 'node:test';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { requireTool } from '../support/tools.ts';

const tools = (t: TestContext) => requireTool(t, 'nginx') && requireTool(t, 'ffmpeg') && requireTool(t, 'ffprobe');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Test picture and tone, H.264 (a keyframe every 2 s) + AAC in FLV, at real-time speed. */
function encodeArgs(seconds: number, extra: string[] = []): string[] {
  return [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    '-progress',
    'pipe:1',
    '-stats_period',
    '0.1',
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-g',
    '60',
    '-c:a',
    'aac',
    ...extra,
    '-f',
    'flv',
  ];
}

interface Run {
  child: ChildProcess;
  /** Latest `out_time_us` from -progress, and when it last changed. */
  outTimeUs: () => number;
  lastAdvance: () => number;
  stderr: () => string;
  /** Exit code (null when killed by a signal); SIGKILLs the process and throws after `timeoutMs`. */
  exit: (timeoutMs: number) => Promise<number | null>;
}

function run(command: string, args: string[]): Run {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let outTimeUs = 0;
  let lastAdvance = Date.now();
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    for (const match of chunk.matchAll(/^out_time_us=(\d+)$/gm)) {
      const value = Number(match[1]);
      if (value !== outTimeUs) {
        outTimeUs = value;
        lastAdvance = Date.now();
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    outTimeUs: () => outTimeUs,
    lastAdvance: () => lastAdvance,
    stderr: () => stderr,
    async exit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const result = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (result !== 'timeout') return result;
      child.kill('SIGKILL');
      await exited;
      throw new Error(`${command} did not exit within ${timeoutMs} ms\n${stderr}`);
    },
  };
}

/** Polls `check` every 25 ms; throws with `what` after `timeoutMs`. */
async function until(what: string, timeoutMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('the RTMP test ingest', () => {
  // One server for this group, started by the first test that has the tools (the others skip or fail on their own).
  let server: RtmpServer | undefined;
  const ingest = async () => (server ??= await startRtmpServer({ rejectKeys: ['banned'] }));
  const publishers: Run[] = [];
  after(async () => {
    for (const p of publishers) p.child.kill('SIGKILL');
    await server?.stop();
  });
  const publish = (key: string, seconds: number, extra: string[] = []) => {
    const p = run('ffmpeg', [...encodeArgs(seconds, extra), server!.url(key)]);
    publishers.push(p);
    return p;
  };

  test('a publish of H.264 640x360 + AAC is accepted and ffprobe reads it back from the same URL', async (t) => {
    if (!tools(t)) return;
    const s = await ingest();
    const publisher = publish('show', 3);
    await s.waitForPublish('show', 5_000);
    const probe = run('ffprobe', [
      '-v',
      'error',
      '-rw_timeout',
      '5000000',
      '-show_entries',
      'stream=codec_name,width,height',
      '-of',
      'json',
      s.url('show'),
    ]);
    let json = '';
    probe.child.stdout!.on('data', (chunk: string) => (json += chunk));
    assert.equal(await probe.exit(10_000), 0, probe.stderr());
    const streams = (JSON.parse(json) as { streams: { codec_name: string; width?: number; height?: number }[] })
      .streams;
    const video = streams.find((s) => s.codec_name === 'h264');
    assert.deepEqual(video && { width: video.width, height: video.height }, { width: 640, height: 360 }, json);
    assert.ok(
      streams.some((s) => s.codec_name === 'aac'),
      json,
    );
    assert.equal(await publisher.exit(10_000), 0, publisher.stderr());
    assert.deepEqual(
      s.publishes.filter((k) => k === 'show'),
      ['show'],
    );
    assert.ok(s.accepted >= 1);
    await until('the publish_done hook', 3_000, () => s.publishesDone.includes('show'));
  });

  test('a refused key: ffmpeg fails at once with an I/O error, and the hook counts it as rejected', async (t) => {
    if (!tools(t)) return;
    const s = await ingest();
    const rejectedBefore = s.rejected;
    const started = Date.now();
    const publisher = publish('banned', 10);
    const code = await publisher.exit(8_000);
    const took = Date.now() - started;
    assert.notEqual(code, 0, publisher.stderr());
    assert.ok(took < 5_000, `ffmpeg took ${took} ms to give up`);
    // What the engine has to work with: no "forbidden", just an I/O error right after the publish.
    assert.match(publisher.stderr(), /Input\/output error/);
    assert.ok(s.publishes.includes('banned'));
    assert.equal(s.rejected, rejectedBefore + 1);
  });

  test("pause() freezes the ingest: the publisher's progress stops; resume() lets it go on", async (t) => {
    if (!tools(t)) return;
    const s = await ingest();
    // A small socket send buffer, so the publisher blocks after ~200 KB instead of the ~3 MB the kernel would
    // otherwise soak up (tens of seconds at this bitrate).
    const publisher = publish('frozen', 30, ['-send_buffer_size', '32768']);
    await s.waitForPublish('frozen', 5_000);
    await until('the publisher to make progress', 5_000, () => publisher.outTimeUs() > 300_000);

    s.pause();
    try {
      await until('progress to stall for 1 s', 10_000, () => Date.now() - publisher.lastAdvance() > 1_000);
      const stalledAt = publisher.outTimeUs();
      await sleep(300);
      assert.equal(publisher.outTimeUs(), stalledAt, 'progress moved while nginx was stopped');
      assert.equal(publisher.child.exitCode, null, `the publisher exited: ${publisher.stderr()}`);
    } finally {
      s.resume();
    }
    const frozenAt = publisher.outTimeUs();
    await until('progress after resume', 5_000, () => publisher.outTimeUs() > frozenAt);
    publisher.child.kill('SIGKILL');
    await publisher.exit(5_000);
  });
});

test('kill() drops the publisher; restart() on the same port accepts a new publish; stop() leaves nothing', async (t) => {
  if (!tools(t)) return;
  const s = await startRtmpServer();
  const live: Run[] = [];
  try {
    const { port, pid: firstPid } = s;
    const first = run('ffmpeg', [...encodeArgs(20), s.url('again')]);
    live.push(first);
    await s.waitForPublish('again', 5_000);
    await until('the publisher to make progress', 5_000, () => first.outTimeUs() > 0);

    await s.kill();
    assert.equal(isAlive(firstPid), false, `nginx ${firstPid} survived kill()`);
    assert.notEqual(await first.exit(5_000), 0, 'the publisher should fail when its server dies');
    assert.match(first.stderr(), /Broken pipe|Connection reset/);

    await s.restart();
    assert.equal(s.port, port);
    assert.notEqual(s.pid, firstPid);
    assert.ok(isAlive(s.pid));
    const second = run('ffmpeg', [...encodeArgs(1), s.url('again')]);
    live.push(second);
    assert.equal(await second.exit(10_000), 0, `${second.stderr()}\n--- nginx ---\n${s.log()}`);
    assert.deepEqual(s.publishes, ['again', 'again']);
    assert.equal(s.accepted, 2);

    // stop() from a paused server: it must still end (SIGCONT before SIGTERM), and leave nothing behind.
    const { pid, dir } = s;
    s.pause();
    const stopping = Date.now();
    await s.stop();
    assert.ok(Date.now() - stopping < 3_000, `stop() took ${Date.now() - stopping} ms`);
    assert.equal(isAlive(pid), false, `nginx ${pid} survived stop()`);
    assert.equal(fs.existsSync(dir), false, `${dir} is still there`);
  } finally {
    for (const p of live) p.child.kill('SIGKILL');
    await s.stop();
  }
});
