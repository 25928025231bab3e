// Assistant access over real sockets, on loopback only: the LAN listener is bound to 127.0.0.1 here, exactly as
// `livecart serve --lan-host 127.0.0.1` does. Off by default; paired-device tokens only; revoke, throttle, off.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import WebSocket from 'ws';
import { FIRST_DELAY_MS } from '../../electron/core/host/auth-guard.ts';
import { attachLan } from '../../electron/core/host/lan-host.ts';
import { startWebHost } from '../../electron/core/host/web-host.ts';
import type { AccessState } from '../../electron/core/protocol/access-schemas.ts';
import { CLOSE_UNAUTHORIZED } from '../../electron/core/protocol/bridge.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
import { tempDir } from '../support/studio-fixture.ts';

const rendererDir = tempDir('livecart-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A port nobody listens on right now (so "nothing is listening" can be checked on a known port). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function studioWithLan(lanPort = 0) {
  const studio = await openStudio({ dataDir: tempDir() });
  const web = await startWebHost(studio, { port: 0, rendererDir });
  await attachLan(studio, { host: '127.0.0.1', port: lanPort, rendererDir });
  const host = await TestClient.connect(web.port, web.token);
  await host.call('studio.hello', { client: 'test-host' });
  cleanups.push(async () => {
    host.close();
    await web.close();
    await studio.close();
  });
  return { studio, web, host };
}

/** The LAN port and a fresh device token, through the host's own protocol calls (as the Settings screen does). */
async function enableAndPair(host: TestClient, name = '助理 1') {
  const state = await host.call('access.setEnabled', { enabled: true });
  assert.equal(state.problem, null);
  const { device, pairingUrls } = await host.call('access.pairDevice', { name });
  const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{32})$/.exec(pairingUrls[0] ?? '');
  assert.ok(match, `pairing URL ${pairingUrls[0]}`);
  return { device, lanPort: Number(match[1]), token: match[2]!, state };
}

function accessStates(client: TestClient): AccessState[] {
  return client.events.filter((e) => e.name === 'access.changed').map((e) => (e.data as { state: AccessState }).state);
}

const health = (port: number) => fetch(`http://127.0.0.1:${port}/api/health`);

test('off by default: nothing listens on the LAN port until the host switches access on, and again after off', async () => {
  const lanPort = await freePort();
  const { host } = await studioWithLan(lanPort);
  const initial = await host.call('access.state', {});
  assert.deepEqual(initial, { enabled: false, urls: [], problem: null, devices: [] });
  await assert.rejects(health(lanPort), 'nothing listens while access is off');

  const on = await host.call('access.setEnabled', { enabled: true });
  assert.deepEqual(on.urls, [`http://127.0.0.1:${lanPort}/`]);
  assert.equal((await health(lanPort)).status, 200);
  assert.match(await (await fetch(`http://127.0.0.1:${lanPort}/`)).text(), /<title>studio/, 'the same renderer');

  await host.call('access.setEnabled', { enabled: false });
  await assert.rejects(health(lanPort), 'switching off closes the listener');
  await host.call('access.setEnabled', { enabled: true });
  assert.equal((await health(lanPort)).status, 200, 'and the fixed port is free to listen on again');
});

test('a paired device is an assistant: its hello hides the data folder and access.* is forbidden', async () => {
  const { host } = await studioWithLan();
  const { lanPort, token } = await enableAndPair(host);
  const assistant = await TestClient.connect(lanPort, token);
  const hello = await assistant.call('studio.hello', { client: 'phone' });
  assert.equal(hello.role, 'assistant');
  assert.equal(hello.dataDir, '');
  for (const call of [
    () => assistant.call('access.state', {}),
    () => assistant.call('access.pairDevice', { name: 'sneaky' }),
    () => assistant.call('access.setEnabled', { enabled: false }),
  ]) {
    await assert.rejects(call(), (e: unknown) => e instanceof CallFailed && e.error.code === 'forbidden');
  }
  // …but runs the show: the product library is open to it.
  assert.equal((await assistant.call('catalog.list', {})).total, 0);
  assistant.close();
});

test('host-only events reach an assistant as studio.hidden, keeping its numbering gapless', async () => {
  const { host } = await studioWithLan();
  const { lanPort, token } = await enableAndPair(host);
  const assistant = await TestClient.connect(lanPort, token);
  const hello = await assistant.call('studio.hello', { client: 'phone' });
  await host.call('catalog.create', { input: { title: '保温杯', priceFen: 5900, stock: 10 } });
  await host.call('access.pairDevice', { name: '助理 2' });
  await host.call('catalog.create', { input: { title: '茶具', priceFen: 9900, stock: 5 } });
  await assistant.until(() => assistant.events.filter((e) => e.name === 'catalog.productChanged').length === 2);
  const seqs = assistant.events.map((e) => e.seq);
  assert.ok(seqs[0]! <= hello.seq + 1, 'nothing missed after the hello');
  assert.deepEqual(
    seqs,
    seqs.map((_, i) => seqs[0]! + i),
    'no gaps',
  );
  const names = new Set(assistant.events.map((e) => e.name));
  assert.ok(names.has('studio.hidden'), 'the pairing was announced, hidden');
  assert.ok(!names.has('access.changed'), 'but never shown');
  assert.ok(!JSON.stringify(assistant.events).includes('助理 2'), 'device names do not leak to assistants');
  // The host sees its device connect and leave.
  await host.until(() =>
    accessStates(host).some((state) => state.devices.some((d) => d.name === '助理 1' && d.connected === 1)),
  );
  assistant.close();
  await host.until(
    () =>
      accessStates(host)
        .at(-1)
        ?.devices.every((d) => d.connected === 0) ?? false,
  );
});

test('each listener takes only its own tokens; a foreign origin or no token is refused', async () => {
  const { host, web } = await studioWithLan();
  const { lanPort, token } = await enableAndPair(host);
  await assert.rejects(
    TestClient.connect(lanPort, web.token),
    /closed 4401/,
    'the host token opens nothing on the LAN',
  );
  await assert.rejects(TestClient.connect(web.port, token), /closed 4401/, 'a device token opens nothing on loopback');
  await assert.rejects(TestClient.connect(lanPort, token, { origin: 'https://evil.example' }));

  const ws = new WebSocket(`ws://127.0.0.1:${lanPort}/ws`);
  await new Promise((resolve) => ws.once('open', resolve));
  const got: string[] = [];
  ws.on('message', (data) => got.push(data.toString()));
  ws.send(JSON.stringify({ type: 'request', id: 1, method: 'catalog.list', params: {} }));
  const code = await new Promise<number>((resolve) => ws.once('close', resolve));
  assert.equal(code, CLOSE_UNAUTHORIZED, 'access without the token is refused');
  assert.deepEqual(got, []);
});

test('revoking closes the device at once with the unauthorized code, and its token is refused afterwards', async () => {
  const { host } = await studioWithLan();
  const { lanPort, token, device } = await enableAndPair(host);
  const other = await enableAndPair(host, '助理 2');
  const assistant = await TestClient.connect(lanPort, token);
  const colleague = await TestClient.connect(lanPort, other.token);
  await assistant.call('studio.hello', { client: 'phone' });

  const state = await host.call('access.revoke', { id: device.id });
  assert.ok(state.devices.find((d) => d.id === device.id)?.revokedAt);
  await assistant.until(() => assistant.closeCode !== null);
  assert.equal(assistant.closeCode, CLOSE_UNAUTHORIZED);
  await assert.rejects(TestClient.connect(lanPort, token), /closed 4401/);
  assert.equal((await colleague.call('studio.hello', { client: 'tablet' })).role, 'assistant', 'others stay');
  colleague.close();
});

test('switching access off drops assistants without forgetting them; switching on lets them back in', async () => {
  const { host } = await studioWithLan(await freePort());
  const { lanPort, token } = await enableAndPair(host);
  const assistant = await TestClient.connect(lanPort, token);
  await host.call('access.setEnabled', { enabled: false });
  await assistant.until(() => assistant.closeCode !== null);
  assert.notEqual(assistant.closeCode, CLOSE_UNAUTHORIZED, 'not a refusal: the page keeps its token and retries');
  await assert.rejects(TestClient.connect(lanPort, token));
  await host.call('access.setEnabled', { enabled: true });
  const back = await TestClient.connect(lanPort, token);
  assert.equal((await back.call('studio.hello', { client: 'phone' })).role, 'assistant');
  back.close();
});

test('repeated wrong tokens are answered ever more slowly', async () => {
  const { host } = await studioWithLan();
  const { lanPort } = await enableAndPair(host);
  let guess = 0;
  const attempt = async () => {
    const started = performance.now();
    await assert.rejects(TestClient.connect(lanPort, `not-a-token-at-all-not-at-all-${guess++}`), /closed 4401/);
    return performance.now() - started;
  };
  const free = [await attempt(), await attempt(), await attempt()];
  const slowed = await attempt();
  assert.ok(slowed >= FIRST_DELAY_MS, `the fourth wrong token waited ${slowed} ms (free ones: ${free.join(', ')})`);
  assert.ok((await attempt()) >= 2 * FIRST_DELAY_MS, 'and the fifth twice as long');
});

test('a busy LAN port is reported as a problem; the studio keeps running', async (t) => {
  t.mock.method(console, 'error', () => {});
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => squatter.close(() => resolve())));
  const { host } = await studioWithLan((squatter.address() as net.AddressInfo).port);
  const state = await host.call('access.setEnabled', { enabled: true });
  assert.deepEqual([state.enabled, state.urls, state.problem], [true, [], 'lan_port_busy']);
  await assert.rejects(
    host.call('access.pairDevice', { name: '助理 1' }),
    (e: unknown) => e instanceof CallFailed && e.error.code === 'refused',
  );
  assert.equal((await host.call('catalog.list', {})).total, 0, 'everything else still works');
});

const CLI = path.resolve(import.meta.dirname, '../../electron/core/cli.ts');

test('livecart serve with access left on listens at --lan-host/--lan-port and prints the address, never a token', async () => {
  const dataDir = tempDir();
  const setup = await openStudio({ dataDir });
  await setup.access.setEnabled(true); // no listener yet: only the switch is stored
  await setup.close();
  const lanPort = await freePort();
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--data-dir', dataDir, '--port', '0', '--lan-host', '127.0.0.1', '--lan-port', String(lanPort)],
    {
      env: { ...process.env, LIVECART_LANG: 'en' },
    },
  );
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no LAN note printed: ${out}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(`Assistant access is on at http://127.0.0.1:${lanPort}/`)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    assert.equal((await health(lanPort)).status, 200);
    assert.equal((out.match(/#token=/g) ?? []).length, 1, 'only the host link carries a token');
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
  const bad = spawnSync(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--lan-port', '70000'], {
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--lan-port must be 0–65535/);
});
