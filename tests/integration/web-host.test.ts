// The web host on loopback: health, the token, origin checks, static files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import net from 'node:net';
import WebSocket from 'ws';
import { openStudio, type Studio } from '../../electron/core/studio.ts';
import { startWebHost, type WebHost } from '../../electron/core/host/web-host.ts';
import {
  CLOSE_TOO_MANY_TRIES,
  CLOSE_UNAUTHORIZED,
  messagesOfFrame,
  wsProtocols,
} from '../../electron/core/protocol/bridge.ts';
import { CallFailed, TestClient } from '../support/ws-client.ts';
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

test('a client without a token gets no data: the socket is closed unauthorized before any message is read', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`);
  const got: string[] = [];
  ws.on('message', (d) => got.push(d.toString()));
  ws.on('open', () => ws.send(JSON.stringify({ type: 'request', id: 1, method: 'catalog.list', params: {} })));
  const code = await new Promise<number>((resolve) => ws.once('close', resolve));
  assert.equal(code, CLOSE_UNAUTHORIZED);
  assert.deepEqual(got, []);
});

test('a WebSocket from another site is refused even with the token', async () => {
  await assert.rejects(TestClient.connect(host.port, host.token, { origin: 'https://evil.example' }));
  const ok = await TestClient.connect(host.port, host.token, { origin: `http://127.0.0.1:${host.port}` });
  ok.close();
});

test('requests sent the moment the socket opens are answered', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, wsProtocols(host.token));
  const replies: Array<{ id?: number }> = [];
  const bothAnswered = new Promise<void>((resolve) =>
    ws.on('message', (d) => {
      replies.push(...(messagesOfFrame(JSON.parse(d.toString())) as Array<{ id?: number }>));
      if (replies.length === 2) resolve();
    }),
  );
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'studio.hello', params: {} }));
    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'catalog.list', params: {} }));
  });
  await bothAnswered;
  ws.close();
  assert.deepEqual(
    replies.map((r) => r.id),
    [1, 2],
  );
});

test('DNS rebinding: a request naming another host is refused, page and WebSocket alike', async () => {
  const page = await rawHttp(host.port, 'GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n');
  assert.match(page, /^HTTP\/1\.1 421/);
  const api = await rawHttp(
    host.port,
    `GET /api/health HTTP/1.1\r\nHost: rebind.example:${host.port}\r\nConnection: close\r\n\r\n`,
  );
  assert.match(api, /^HTTP\/1\.1 421/);
  const upgrade = await rawHttp(
    host.port,
    `GET /ws HTTP/1.1\r\nHost: evil.example:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Protocol: ${wsProtocols(host.token).join(', ')}\r\n\r\n`,
  );
  assert.match(upgrade, /^HTTP\/1\.1 421/, 'even with the right token');
  assert.equal((await get('/api/health')).status, 200, 'its own name still works');
  const byName = await rawHttp(
    host.port,
    `GET /api/health HTTP/1.1\r\nHost: localhost:${host.port}\r\nConnection: close\r\n\r\n`,
  );
  assert.match(byName, /^HTTP\/1\.1 200/);
});

test('a message over the limit is refused before it is parsed; the studio answers everyone else', async () => {
  const big = await TestClient.connect(host.port, host.token);
  const other = await TestClient.connect(host.port, host.token);
  // Three megabytes of a 1M-item array: what once stalled the core for seconds.
  big.sendText(`{"type":"request","id":9,"method":"catalog.list","params":{"query":[${'1,'.repeat(1_500_000)}1]}}`);
  await big.until(() => big.closeCode !== null);
  assert.equal(big.closeCode, 1009, 'message too big');
  assert.equal((await other.call('catalog.list', {})).total >= 0, true);
  // Under the limit, a request holding too many values is refused before its schema sees it.
  await assert.rejects(
    other.raw({ type: 'request', id: 10, method: 'catalog.list', params: { query: Array(100_000).fill(1) } }),
    (e: unknown) => e instanceof CallFailed && e.error.issues?.[0]?.code === 'too_complex',
  );
  other.close();
});

test('wrong tokens: the right one still gets in at once; 200 parallel guesses are mostly turned away unchecked', async () => {
  const own = await startWebHost(studio, { port: 0, rendererDir });
  try {
    for (let i = 0; i < 4; i++) await assert.rejects(TestClient.connect(own.port, `wrong-${i}`), /closed 4401/);
    const ok = await TestClient.connect(own.port, own.token);
    ok.close();
    // Past the free tries, every checked guess waits for its answer: only a few can be waiting at once.
    const attempts = Array.from({ length: 200 }, (_, i) =>
      TestClient.connect(own.port, `guess-${i}`).then(
        () => 'in',
        (e: Error) => e.message,
      ),
    );
    const outcomes = await Promise.all(attempts);
    const turnedAway = outcomes.filter((c) => c === `closed ${CLOSE_TOO_MANY_TRIES}`).length;
    assert.ok(turnedAway >= 180, outcomes.join());
    assert.equal(outcomes.includes('in'), false);
    assert.ok(outcomes.filter((c) => c === `closed ${CLOSE_UNAUTHORIZED}`).length <= 20, outcomes.join());
  } finally {
    await own.close();
  }
});

test('while a wrong token waits for its answer, nothing it sends is read', async () => {
  const own = await startWebHost(studio, { port: 0, rendererDir });
  try {
    // Past the free tries, so the next wrong token waits before its answer.
    for (let i = 0; i < 3; i++) await assert.rejects(TestClient.connect(own.port, `w-${i}`), /closed 4401/);
    const socket = net.connect(own.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Protocol: ${wsProtocols('still-wrong').join(', ')}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 48; i++) socket.write(chunk);
    // The answer comes after the wrong token's wait. Meanwhile the kernel took what its socket buffers hold and the
    // rest is still queued here: the studio read none of it (before, it buffered every byte as messages).
    const answer = await new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString('latin1'))));
    assert.match(answer, /^HTTP\/1\.1 101/);
    assert.ok(socket.writableLength > 16 * 1024 * 1024, `only ${socket.writableLength} bytes are still queued`);
    socket.destroy();
  } finally {
    await own.close();
  }
});

test('the UI folder: dot-files, symlinks and unreadable files are never served, and never crash the studio', async () => {
  fs.writeFileSync(path.join(rendererDir, '.env'), 'SECRET=1');
  fs.mkdirSync(path.join(rendererDir, '.git'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, '.git', 'config'), '[core]');
  const outside = path.join(tempDir(), 'outside.txt');
  fs.writeFileSync(outside, 'not yours');
  fs.symlinkSync(outside, path.join(rendererDir, 'assets', 'linked.js'));
  const locked = path.join(rendererDir, 'assets', 'locked.js');
  fs.writeFileSync(locked, 'x');
  fs.chmodSync(locked, 0o000);
  for (const p of ['/.env', '/.git/config', '/assets/linked.js', '/%2eenv']) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.doesNotMatch(await res.text(), /SECRET|not yours|core/);
  }
  // Root can read a 0000 file; everyone else gets a 404. Either way the studio is still up.
  const lockedStatus = (await get('/assets/locked.js')).status;
  assert.ok([200, 404].includes(lockedStatus));
  assert.equal((await get('/api/health')).status, 200);
  const head = await fetch(`http://127.0.0.1:${host.port}/`, { method: 'HEAD' });
  assert.equal(head.status, 200);
});

function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (/\r\n\r\n/.test(text)) socket.destroy();
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}
