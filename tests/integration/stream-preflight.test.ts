// The pre-flight check through the real protocol: a real studio, real ffmpeg encoding the test clip, a real
// nginx-rtmp on loopback reached directly and through a throttled line, a key the ingest refuses, a port nobody
// listens on, and a camera that is not there. Each finding comes back as its own line, as they come.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { startWebHost } from '../../electron/core/host/web-host.ts';
import type { Preflight } from '../../electron/core/protocol/preflight-schemas.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { startThrottleProxy } from '../support/throttle-proxy.ts';
import { requireTool } from '../support/tools.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';

const FAST_KEY = 'preflight_fast_SECRET_71c0';
const SLOW_KEY = 'preflight_slow_SECRET_2b9e';
const BAD_KEY = 'preflight_refused_SECRET_5d1a';
/** Far below the 1,628 kbit/s the show needs: a busy machine cannot make it look fast enough. */
const SLOW_LINE_KBPS = 400;

const rendererDir = tempDir('livecart-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A loopback port that was free a moment ago (nothing listens there). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test(
  'pre-flight: each ingest reached or not and why, a slow line found, a missing camera named',
  { timeout: 120_000 },
  async (t: TestContext) => {
    if (!['nginx', 'ffmpeg'].every((tool) => requireTool(t, tool))) return;
    const rtmp = await startRtmpServer({ rejectKeys: [BAD_KEY] });
    cleanups.push(() => rtmp.stop());
    const proxy = await startThrottleProxy(rtmp.port, SLOW_LINE_KBPS);
    cleanups.push(() => proxy.close());
    const dataDir = tempDir();
    const studio = await openStudio({ dataDir });
    const web = await startWebHost(studio, { port: 0, rendererDir });
    const host = await TestClient.connect(web.port, web.token);
    await host.call('studio.hello', { client: 'test-host' });
    cleanups.push(async () => {
      host.close();
      await web.close();
      await studio.close();
    });

    const { settings } = await host.call('stream.state', {});
    await host.call('stream.saveSettings', {
      settings: {
        ...settings,
        preset: '720p',
        videoKbps: 1500,
        source: { kind: 'device', video: '/dev/video97', audio: null },
      },
    });
    const direct = `rtmp://127.0.0.1:${rtmp.port}/live`;
    const add = async (name: string, serverUrl: string, streamKey: string) =>
      (await host.call('stream.saveDestination', { input: { name, platform: 'custom', serverUrl, streamKey } })).id;
    const fast = await add('直连', direct, FAST_KEY);
    const slow = await add('慢线路', `rtmp://127.0.0.1:${proxy.port}/live`, SLOW_KEY);
    const refused = await add('密钥错误', direct, BAD_KEY);
    const nobody = await add('无人监听', `rtmp://127.0.0.1:${await closedPort()}/live`, 'preflight_nobody_SECRET');

    const report = await host.call('stream.preflight', {});
    const line = (id: number) => report.destinations.find((d) => d.id === id)!;

    assert.equal(report.running, false);
    assert.deepEqual(report.devices, {
      level: 'fail',
      outcome: 'missing',
      missing: [{ kind: 'video', name: '/dev/video97' }],
    });
    assert.ok(['ok', 'warn'].includes(report.disk.level), `disk ${report.disk.level}, free ${report.disk.freeBytes}`);
    assert.ok(report.disk.freeBytes! > 0);

    t.diagnostic(`measured: direct ${line(fast).measuredKbps}, throttled ${line(slow).measuredKbps} kbit/s`);
    assert.ok(!line(fast).estimated && !line(slow).estimated, 'nginx acknowledges what it receives');
    const needed = 1500 + 128;
    assert.equal(line(fast).outcome, 'reached');
    assert.equal(line(fast).level, 'ok', `fast line measured ${line(fast).measuredKbps} kbit/s`);
    assert.ok(line(fast).measuredKbps! >= needed * 1.5);
    assert.equal(line(slow).outcome, 'reached', 'the slow line still reaches the ingest');
    assert.equal(line(slow).level, 'fail', `slow line measured ${line(slow).measuredKbps} kbit/s`);
    assert.ok(line(slow).measuredKbps! < needed, `${line(slow).measuredKbps} < ${needed}`);
    assert.equal(line(refused).level, 'fail');
    assert.equal(line(refused).outcome, 'publish_refused');
    assert.equal(line(nobody).level, 'fail');
    assert.equal(line(nobody).outcome, 'host_unreachable');
    assert.equal(report.upload.neededKbps, needed * 4);
    assert.equal(report.upload.measuredKbps, line(fast).measuredKbps! + line(slow).measuredKbps!);
    assert.equal(report.level, 'fail');

    // The test pattern went to the ingest on the keys that work (the refused one was tried and turned away).
    for (const key of [FAST_KEY, SLOW_KEY, BAD_KEY]) assert.ok(rtmp.publishes.includes(key), key);
    assert.ok(proxy.forwarded > 0);
    // No key in any report.
    const events = host.events
      .filter((e) => e.name === 'stream.preflight')
      .map((e) => (e.data as { report: Preflight }).report);
    const text = JSON.stringify([report, events]);
    for (const key of [FAST_KEY, SLOW_KEY, BAD_KEY]) assert.ok(!text.includes(key), `${key} leaked`);
    // Findings arrive one by one: first everything pending, then lines filled in, the last the final report.
    assert.ok(events.length >= 4, `${events.length} progress events`);
    assert.equal(events[0]!.devices.level, 'pending');
    assert.ok(events[0]!.destinations.every((d) => d.level === 'pending'));
    assert.deepEqual(events.at(-1), report);

    // A show after the check goes live on the same keys (the check let go of them).
    await host.call('stream.saveSettings', {
      settings: { ...settings, source: { kind: 'test-pattern' }, record: false },
    });
    for (const id of [slow, refused, nobody]) await host.call('stream.removeDestination', { id });
    const live = await host.call('stream.start', {});
    assert.equal(live.phase, 'live');
    await assert.rejects(
      host.call('stream.preflight', {}),
      (error: unknown) => error instanceof CallFailed && error.error.code === 'refused',
    );
    await host.call('stream.stop', {});
  },
);
