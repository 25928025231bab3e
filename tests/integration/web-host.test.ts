// The web host on loopback: health, the token, origin checks, static files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { openStudio, type Studio } from '../../electron/core/studio.ts';
import { startWebHost, type WebHost } from '../../electron/core/host/web-host.ts';
import { CLOSE_UNAUTHORIZED } from '../../electron/core/protocol/bridge.ts';
import { TestClient } from '../support/ws-client.ts';
import { tempDir } from '../support/studio-fixture.ts';

let studio: Studio;
let host: WebHost;
const rendererDir = tempDir('livecart-renderer-');

before(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  studio = await openStudio({ dataDir: tempDir() });
  host = await startWebHost(studio, { port: 0, rendererDir });
});
after(async () => {
  await host.close();
  await studio.close();
});

const get = (p: string) => fetch(`http://127.0.0.1:${host.port}${p}`);

test('GET /api/health answers ok with the app and protocol versions', async () => {
  const res = await get('/api/health');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { ok: boolean; protocol: number; version: string };
  assert.equal(body.ok, true);
  assert.equal(body.protocol, 1);
  assert.match(body.version, /^\d+\.\d+\.\d+/);
});

test('the URL is on loopback and carries a long random token in its fragment', () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  assert.equal(host.url.split('#token=')[1], host.token);
});

test('pages are served with a strict CSP; unknown routes get the app; traversal is refused', async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await (await get('/products')).text(), /<title>studio/);
  assert.equal((await get('/assets/app-1234.js')).headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await get('/assets/missing.js')).status, 404);
  for (const evil of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..%5c..%5cwindows']) {
    const res = await get(evil);
    assert.ok([400, 404].includes(res.status) || !(await res.text()).includes('root:'), evil);
  }
});

test('a wrong token is refused with the unauthorized close code', async () => {
  await assert.rejects(TestClient.connect(host.port, 'wrong-token'), /closed 4401/);
  assert.equal(CLOSE_UNAUTHORIZED, 4401);
});

test('a client that never sends its token gets no data', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`);
  await new Promise((r) => ws.once('open', r));
  const got: string[] = [];
  ws.on('message', (d) => got.push(d.toString()));
  ws.send(JSON.stringify({ type: 'request', id: 1, method: 'catalog.list', params: {} }));
  const code = await new Promise<number>((resolve) => ws.once('close', resolve));
  assert.equal(code, CLOSE_UNAUTHORIZED, 'a request in place of the token closes the connection');
  assert.deepEqual(got, []);
});

test('a WebSocket from another site is refused even with the token', async () => {
  await assert.rejects(TestClient.connect(host.port, host.token, { origin: 'https://evil.example' }));
  const ok = await TestClient.connect(host.port, host.token, { origin: `http://127.0.0.1:${host.port}` });
  ok.close();
});

test('requests pipelined right behind the token are answered', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`);
  await new Promise((r) => ws.once('open', r));
  const replies: unknown[] = [];
  ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
  ws.send(JSON.stringify({ type: 'auth', token: host.token }));
  ws.send(JSON.stringify({ type: 'request', id: 1, method: 'studio.hello', params: {} }));
  ws.send(JSON.stringify({ type: 'request', id: 2, method: 'catalog.list', params: {} }));
  const deadline = Date.now() + 5000;
  while (replies.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  ws.close();
  assert.deepEqual(
    replies.map((r) => (r as { type: string; id?: number }).id ?? (r as { type: string }).type),
    ['auth', 1, 2],
  );
});
