// Going live through the real protocol: a real studio and web host, real WebSocket clients, real ffmpeg pushing to
// a real nginx-rtmp on loopback, and an assistant on the (loopback-bound) LAN listener. A stream key goes in once
// and never comes back out — not in a reply, an event, or the database files — yet reaches the ingest; the show
// goes live with preview frames, a refused key ends as key rejected, assistants see none of it, and stopping
// leaves a recording in the data directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { attachLan } from '../../electron/core/host/lan-host.ts';
import { startWebHost } from '../../electron/core/host/web-host.ts';
import type { StreamState } from '../../electron/core/protocol/stream-schemas.ts';
import { openStudio, type Studio } from '../../electron/core/studio.ts';
import { commandLinesHolding } from '../support/processes.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';

const KEY = 'live_7c1e0f5a93b2_integration_SECRET';
const BAD_KEY = 'refused_4d2a9e_integration_SECRET';

const rendererDir = tempDir('livecart-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function studioWithLan(): Promise<{ studio: Studio; host: TestClient; dataDir: string }> {
  const dataDir = tempDir();
  const studio = await openStudio({ dataDir });
  const web = await startWebHost(studio, { port: 0, rendererDir });
  await attachLan(studio, { host: '127.0.0.1', port: 0, rendererDir });
  const host = await TestClient.connect(web.port, web.token);
  await host.call('studio.hello', { client: 'test-host' });
  cleanups.push(async () => {
    host.close();
    await web.close();
    await studio.close();
  });
  return { studio, host, dataDir };
}

/** An assistant connection, paired the way the Settings screen does it. */
async function assistantOf(host: TestClient): Promise<TestClient> {
  await host.call('access.setEnabled', { enabled: true });
  const { pairingUrls } = await host.call('access.pairDevice', { name: '助理' });
  const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{32})$/.exec(pairingUrls[0] ?? '');
  assert.ok(match, `pairing URL ${pairingUrls[0]}`);
  const assistant = await TestClient.connect(Number(match[1]), match[2]!);
  assert.equal((await assistant.call('studio.hello', { client: 'phone' })).role, 'assistant');
  cleanups.push(async () => assistant.close());
  return assistant;
}

function states(client: TestClient): StreamState[] {
  return client.events.filter((e) => e.name === 'stream.changed').map((e) => (e.data as { state: StreamState }).state);
}

async function failure(
  work: Promise<unknown>,
): Promise<{ code: string; issues: Array<{ path: string; code: string }> }> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof CallFailed, String(error));
    return {
      code: error.error.code,
      issues: (error.error.issues ?? []).map(({ path: p, code }) => ({ path: p, code })),
    };
  }
  assert.fail('expected the call to fail');
}

/** Every file in the data directory except recordings, as bytes: the database, its WAL, the key file. */
function dataFiles(dataDir: string): Array<[string, Buffer]> {
  return fs
    .readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => [e.name, fs.readFileSync(path.join(dataDir, e.name))]);
}

test(
  'a show over the protocol: the key never comes back, the ingest gets it, previews flow, assistants see nothing',
  {
    timeout: 120_000,
  },
  async (t: TestContext) => {
    if (!['nginx', 'ffmpeg', 'ffprobe'].every((tool) => requireTool(t, tool))) return;
    const rtmp = await startRtmpServer({ rejectKeys: [BAD_KEY] });
    cleanups.push(() => rtmp.stop());
    const { studio, host, dataDir } = await studioWithLan();
    const assistant = await assistantOf(host);

    const initial = await host.call('stream.state', {});
    assert.equal(initial.phase, 'idle');
    assert.deepEqual(initial.destinations, []);
    assert.equal(initial.settings.record, true, 'recording is on by default');
    const settings = await host.call('stream.saveSettings', {
      settings: { ...initial.settings, videoKbps: 1500, hardware: true },
    });
    assert.equal(settings.settings.videoKbps, 1500);

    const server = `rtmp://127.0.0.1:${rtmp.port}/live`;
    const good = await host.call('stream.saveDestination', {
      input: { name: '本地 nginx', platform: 'custom', serverUrl: server, streamKey: KEY },
    });
    assert.deepEqual(good, {
      id: good.id,
      name: '本地 nginx',
      platform: 'custom',
      maskedUrl: `${server}/••••`,
      hasKey: true,
      enabled: true,
      live: null,
    });
    const bad = await host.call('stream.saveDestination', {
      input: { name: '错误密钥', platform: 'custom', serverUrl: server, streamKey: BAD_KEY },
    });
    const probe = await host.call('stream.probe', {});
    assert.ok(probe.ffmpeg?.h264Encoders.includes('libx264'));

    const started = await host.call('stream.start', {});
    assert.equal(started.phase, 'live', started.error ?? '');
    assert.ok(started.startedAt !== null);
    assert.ok(started.encoder, 'the encoder in use is named');
    if (started.encoder.name === 'libx264') assert.ok(started.encoder.fallbackReason, 'and why it is not hardware');
    assert.ok(started.recording.file?.startsWith(path.join(dataDir, 'recordings')));

    await rtmp.waitForPublish(KEY, 20_000);
    await host.until(
      () => states(host).some((s) => s.destinations.find((d) => d.id === good.id)?.live?.phase === 'live'),
      30_000,
    );
    // While live, no process on this machine has a key among its arguments (any local user can read them).
    assert.deepEqual(commandLinesHolding([KEY, BAD_KEY]), []);
    await host.until(() => host.events.filter((e) => e.name === 'stream.preview').length >= 3, 15_000);
    for (const e of host.events.filter((ev) => ev.name === 'stream.preview')) {
      const { jpegBase64, at } = e.data as { jpegBase64: string; at: number };
      const jpeg = Buffer.from(jpegBase64, 'base64');
      assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');
      assert.deepEqual([...jpeg.subarray(-2)], [0xff, 0xd9]);
      assert.ok(at > 0);
    }
    // The refused key: tried, refused again and again, then reported as rejected (not retried for ever).
    await host.until(
      () =>
        states(host).some((s) => {
          const live = s.destinations.find((d) => d.id === bad.id)?.live;
          return live?.phase === 'failed' && live.reason === 'key_rejected';
        }),
      60_000,
    );
    const live = await host.call('stream.state', {});
    assert.equal(live.phase, 'live', 'one rejected destination does not end the show');
    assert.equal(live.destinations.find((d) => d.id === good.id)!.live!.phase, 'live');
    assert.ok(live.destinations.find((d) => d.id === good.id)!.live!.bytesSent > 0);
    assert.ok(live.health.fps > 0);
    if (process.platform === 'linux') assert.ok((live.health.cpuPercent ?? -1) >= 0, 'CPU of the ffmpeg processes');
    // "Reconnect now" on the rejected key tries it again.
    const publishes = rtmp.publishes.filter((k) => k === BAD_KEY).length;
    await host.call('stream.reconnect', { id: bad.id });
    await rtmp.waitForPublish(BAD_KEY, 20_000, publishes + 1);

    // While live: settings and the running destinations' addresses stay as they are.
    const refusedSettings = await failure(host.call('stream.saveSettings', { settings: live.settings }));
    assert.deepEqual(refusedSettings, { code: 'refused', issues: [{ path: '(root)', code: 'stream_live' }] });
    assert.equal((await failure(host.call('stream.start', {}))).issues[0]!.code, 'stream_live');

    // The assistant: every stream method forbidden, every stream event seen only as studio.hidden.
    for (const call of [
      () => assistant.call('stream.state', {}),
      () => assistant.call('stream.stop', {}),
      () => assistant.call('stream.probe', {}),
      () => assistant.call('stream.saveDestination', { input: { name: 'x', platform: 'custom', serverUrl: server } }),
    ]) {
      assert.equal((await failure(call())).code, 'forbidden');
    }
    await assistant.until(() => assistant.events.filter((e) => e.name === 'studio.hidden').length >= 3);
    assert.deepEqual(
      assistant.events.filter((e) => e.name.startsWith('stream.')),
      [],
      'no stream event reaches an assistant',
    );
    assert.ok(!JSON.stringify(assistant.events).includes('nginx'));
    assert.ok(
      studio.server.connectionCount() >= 2,
      'the assistant is still connected: hidden events do not cost it its connection',
    );

    const stopped = await host.call('stream.stop', {});
    assert.equal(stopped.phase, 'idle');
    assert.equal(stopped.recording.file, null);
    const recording = stopped.recording.lastFile;
    assert.ok(recording, 'the recording is named');
    assert.equal(path.dirname(recording), path.join(dataDir, 'recordings'));
    assert.match(path.basename(recording), /^\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.mp4$/);
    const duration = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', recording]),
    );
    assert.ok(duration > 1, `the recording plays (${duration} s)`);
    // The recordings table has it: its file now, its time tied to the wall clock at its first frame, its length.
    const rows = studio.db.prepare('SELECT * FROM recordings').all() as Array<Record<string, unknown>>;
    assert.equal(rows.length, 1);
    const [row] = rows;
    // Kept relative to the data folder: a moved data folder keeps its recordings.
    assert.deepEqual(
      [row!.file, row!.state, row!.deleted_at],
      [path.relative(studio.dataDir, recording).split(path.sep).join('/'), 'done', null],
    );
    const anchors = JSON.parse(row!.anchors as string) as Array<{ recordingMs: number; wallMs: number }>;
    assert.equal(anchors.length, 1);
    assert.equal(row!.started_at, anchors[0]!.wallMs);
    assert.ok(anchors[0]!.wallMs >= started.startedAt! - 60_000 && anchors[0]!.wallMs <= Date.now());
    assert.ok(Math.abs((row!.duration_ms as number) - duration * 1000) < 1000, `${row!.duration_ms} ms`);
    assert.ok((row!.ended_at as number) >= (row!.started_at as number));
    assert.ok(stopped.destinations.every((d) => d.live === null));
    await host.until(() => states(host).at(-1)?.phase === 'idle');

    // The ingest got the real key; nothing the studio said or stored holds it.
    assert.ok(rtmp.publishes.includes(KEY));
    for (const key of [KEY, BAD_KEY]) {
      assert.ok(!JSON.stringify(host.replies).includes(key), 'in a reply');
      assert.ok(!JSON.stringify(host.events).includes(key), 'in an event');
      assert.ok(!JSON.stringify(assistant.replies).includes(key));
      studio.db.pragma('wal_checkpoint(PASSIVE)');
      for (const [name, bytes] of dataFiles(dataDir)) assert.ok(!bytes.includes(key), `in ${name}`);
    }
    const phases: string[] = states(host).map((s) => s.phase);
    for (const phase of ['starting', 'live', 'stopping', 'idle']) assert.ok(phases.includes(phase), phase);
  },
);

test('refused: nothing to stream to, a bad or keyless destination, no ffmpeg', async () => {
  const { studio, host } = await studioWithLan();
  const state = await host.call('stream.state', {});
  await host.call('stream.saveSettings', { settings: { ...state.settings, record: false } });
  assert.deepEqual(await failure(host.call('stream.start', {})), {
    code: 'refused',
    issues: [{ path: '(root)', code: 'stream_nothing_to_do' }],
  });

  const input = { name: '视频号', platform: 'wechat' as const, serverUrl: 'rtmp://push.example.com/live' };
  assert.deepEqual(
    await failure(host.call('stream.saveDestination', { input: { ...input, serverUrl: 'http://x/y' } })),
    {
      code: 'invalid',
      issues: [
        { path: 'input.serverUrl', code: 'stream_url_invalid' },
        { path: 'input.streamKey', code: 'required' },
      ],
    },
  );
  assert.deepEqual(
    await failure(
      host.call('stream.saveDestination', {
        input: { ...input, platform: 'facebook', serverUrl: 'rtmp://live-api-s.facebook.com/rtmp', streamKey: 'k' },
      }),
    ),
    { code: 'invalid', issues: [{ path: 'input.serverUrl', code: 'stream_url_rtmps_required' }] },
  );
  assert.equal((await failure(host.call('stream.removeDestination', { id: 999 }))).code, 'not_found');

  // A destination whose key cannot be read (here: removed behind the studio's back) is never pushed keyless.
  const saved = await host.call('stream.saveDestination', { input: { ...input, streamKey: KEY } });
  studio.db.prepare('UPDATE stream_destinations SET key_cipher = NULL WHERE id = ?').run(saved.id);
  assert.equal((await host.call('stream.state', {})).destinations[0]!.hasKey, false);
  const keyless = await failure(host.call('stream.start', {}));
  assert.equal(keyless.code, 'refused');
  assert.ok(keyless.issues.some((i) => i.code === 'stream_key_missing' && i.path === `destinations.${saved.id}`));

  // No ffmpeg anywhere: refused before anything is spawned; devices say why they are empty.
  const env = { PATH: process.env.PATH, FFMPEG_PATH: process.env.FFMPEG_PATH };
  process.env.PATH = tempDir('livecart-empty-path-');
  delete process.env.FFMPEG_PATH;
  try {
    await host.call('stream.saveDestination', { id: saved.id, input: { ...input, streamKey: KEY } });
    assert.deepEqual(await failure(host.call('stream.start', {})), {
      code: 'refused',
      issues: [{ path: '(root)', code: 'stream_no_ffmpeg' }],
    });
    assert.deepEqual(await host.call('stream.devices', {}), { devices: [], error: 'stream_no_ffmpeg' });
    assert.deepEqual(await host.call('stream.probe', {}), { ffmpeg: null });
  } finally {
    process.env.PATH = env.PATH;
    if (env.FFMPEG_PATH !== undefined) process.env.FFMPEG_PATH = env.FFMPEG_PATH;
  }
  assert.equal((await host.call('stream.state', {})).phase, 'idle');

  const removed = await host.call('stream.removeDestination', { id: saved.id });
  assert.deepEqual(removed.destinations, []);
});

test('closing the studio mid-show ends the show and finalises its recording', { timeout: 60_000 }, async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const dataDir = tempDir();
  const studio = await openStudio({ dataDir });
  const state = await studio.stream.saveSettings({ ...studio.stream.state().settings, hardware: false });
  assert.equal(state.settings.record, true);
  const live = await studio.stream.start();
  assert.equal(live.phase, 'live', live.error ?? '');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await studio.close();
  const files = fs.readdirSync(path.join(dataDir, 'recordings'));
  assert.equal(files.length, 1, files.join(', '));
  assert.match(files[0]!, /\.mp4$/);
  assert.ok(fs.statSync(path.join(dataDir, 'recordings', files[0]!)).size > 0);
});

test(
  'the last recording is remembered across a restart; one a crash left behind is finished at the next start',
  {
    timeout: 90_000,
  },
  async (t) => {
    if (!requireTool(t, 'ffmpeg') || !requireTool(t, 'ffprobe')) return;
    const dataDir = tempDir();
    let studio = await openStudio({ dataDir });
    await studio.stream.saveSettings({ ...studio.stream.state().settings, hardware: false });
    assert.equal((await studio.stream.start()).phase, 'live');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const lastFile = (await studio.stream.stop()).recording.lastFile;
    assert.ok(lastFile && fs.existsSync(lastFile));
    await studio.close();

    studio = await openStudio({ dataDir });
    assert.equal(studio.stream.state().recording.lastFile, lastFile, 'still offered after a restart');
    await studio.close();

    // A crash mid-show leaves the FLV the recorder was writing (made here by ffmpeg, as the recorder would).
    const left = path.join(dataDir, 'recordings', '2026-11-24_20-00-05.mp4.recording.flv');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15:duration=3'],
      ...['-f', 'lavfi', '-i', 'sine=duration=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac'],
      ...['-f', 'flv', left],
    ]);
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(left, old, old);
    studio = await openStudio({ dataDir });
    await studio.stream.recovering;
    const recovered = path.join(dataDir, 'recordings', '2026-11-24_20-00-05.mp4');
    assert.ok(!fs.existsSync(left), 'the FLV was remuxed');
    const duration = Number(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', recovered]),
    );
    assert.ok(duration > 2.5, `the recovered MP4 plays ${duration} s`);
    assert.equal(studio.stream.state().recording.lastFile, recovered);
    await studio.close();
  },
);
