import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appRequestHandler,
  contentTypeFor,
  installAppProtocol,
  registerAppScheme,
  resolveAppPath,
} from '../../electron/main/app-protocol.ts';
import { contentSecurityPolicy } from '../../electron/main/security.ts';
import { MediaTickets } from '../../electron/core/media/media-tickets.ts';

const ROOT = path.resolve('/srv/renderer');

test('resolveAppPath: files of the build', () => {
  assert.equal(resolveAppPath(ROOT, 'app://studio/'), path.join(ROOT, 'index.html'));
  assert.equal(resolveAppPath(ROOT, 'app://studio/index.html'), path.join(ROOT, 'index.html'));
  assert.equal(resolveAppPath(ROOT, 'app://studio/index.html?v=1#/live'), path.join(ROOT, 'index.html'));
  assert.equal(resolveAppPath(ROOT, 'app://studio/assets/index-Bx1.js'), path.join(ROOT, 'assets', 'index-Bx1.js'));
  assert.equal(resolveAppPath(ROOT, 'app://studio/assets/'), path.join(ROOT, 'assets', 'index.html'));
  assert.equal(
    resolveAppPath(ROOT, 'app://studio/fonts/%E6%80%9D%E6%BA%90.woff2'),
    path.join(ROOT, 'fonts', '思源.woff2'),
  );
  assert.equal(resolveAppPath(ROOT, 'app://studio/a%20b.png'), path.join(ROOT, 'a b.png'));
});

test('resolveAppPath: traversal and tricks are refused', () => {
  const refused = [
    'app://studio/../etc/passwd',
    'app://studio/assets/../../etc/passwd',
    'app://studio/..',
    'app://studio/./index.html',
    'app://studio/%2e%2e/etc/passwd',
    'app://studio/%2E%2E/etc/passwd',
    'app://studio/.%2e/etc/passwd',
    'app://studio/assets/..%2f..%2fetc%2fpasswd',
    'app://studio/%2fetc%2fpasswd',
    'app://studio//etc/passwd',
    'app://studio/assets\\..\\..\\secret',
    'app://studio/assets%5c..%5csecret',
    'app://studio/C:/Windows/win.ini',
    'app://studio/C%3A%5CWindows%5Cwin.ini',
    'app://studio/index.html%00.png',
    'app://studio/%E0%A4%A', // malformed percent-encoding
    'app://studio/.env',
    'app://studio/.git/config',
    'app://evil/index.html',
    'app://studio.evil/index.html',
    'app://studio:80/index.html',
    'app://u:p@studio/index.html',
    'file:///srv/renderer/index.html',
    'https://studio/index.html',
    'app:/studio/index.html',
    '/etc/passwd',
    '',
  ];
  for (const url of refused) assert.equal(resolveAppPath(ROOT, url), null, url);
});

test('contentTypeFor: the types a Vite build has, octet-stream otherwise', () => {
  assert.equal(contentTypeFor('a/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeFor('a/x.JS'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('a/x.css'), 'text/css; charset=utf-8');
  assert.equal(contentTypeFor('a/x.woff2'), 'font/woff2');
  assert.equal(contentTypeFor('a/x.unknown'), 'application/octet-stream');
});

function tempBuild(): { root: string; outside: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-app-protocol-'));
  const root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>studio</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  const outside = path.join(base, 'secret.txt');
  fs.writeFileSync(outside, 'secret');
  fs.symlinkSync(outside, path.join(root, 'assets', 'leak.txt'));
  return { root, outside };
}

test('handler: serves files with the CSP and nosniff; 404/405 otherwise, also with the CSP', async (t) => {
  const { root } = tempBuild();
  t.after(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));
  const handle = appRequestHandler(root);

  const index = await handle(new Request('app://studio/'));
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('content-security-policy'), contentSecurityPolicy());
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await index.text(), /<title>studio<\/title>/);

  const script = await handle(new Request('app://studio/assets/app.js'));
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');

  const head = await handle(new Request('app://studio/assets/app.js', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');

  for (const url of ['app://studio/missing.js', 'app://studio/assets', 'app://studio/assets/leak.txt']) {
    const response = await handle(new Request(url));
    assert.equal(response.status, 404, url); // a directory, a missing file, a symlink out of the build
    assert.equal(response.headers.get('content-security-policy'), contentSecurityPolicy());
    assert.doesNotMatch(await response.text(), /secret/);
  }
  // A hand-made Request keeps the raw text, as a URL that skipped Chromium's normalisation would.
  const traversal = await handle({ method: 'GET', url: 'app://studio/%2e%2e/secret.txt' } as Request);
  assert.equal(traversal.status, 404);

  const post = await handle(new Request('app://studio/index.html', { method: 'POST', body: 'x' }));
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('content-security-policy'), contentSecurityPolicy());
});

test('handler: a clip plays by ticket, by range, from the data folder; a bad ticket is a 404', async (t) => {
  const { root } = tempBuild();
  const dataDir = path.join(path.dirname(root), 'data');
  t.after(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));
  fs.mkdirSync(path.join(dataDir, 'clips'), { recursive: true });
  const clip = path.join(dataDir, 'clips', '1号 福鼎白茶.mp4');
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  fs.writeFileSync(clip, bytes);
  const media = new MediaTickets(Buffer.alloc(32, 9), dataDir);
  const handle = appRequestHandler(root, media);
  const url = `app://studio${media.url(clip)}`;

  const whole = await handle(new Request(url));
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'video/mp4');
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.equal(whole.headers.get('cache-control'), 'private, no-store');
  assert.ok(Buffer.from(await whole.arrayBuffer()).equals(bytes));
  const part = await handle(new Request(url, { headers: { range: 'bytes=4000-4099' } }));
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), 'bytes 4000-4099/5000');
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(4000, 4100)));
  assert.equal((await handle(new Request(url, { headers: { range: 'bytes=5000-' } }))).status, 416);
  // The same ticket on a handler without the key, a forged one, and a deleted clip: nothing.
  assert.equal((await appRequestHandler(root)(new Request(url))).status, 404);
  assert.equal((await handle(new Request(`${url.slice(0, -1)}${url.endsWith('A') ? 'B' : 'A'}`))).status, 404);
  fs.rmSync(clip);
  assert.equal((await handle(new Request(url))).status, 404);
});

test('registration: a standard, secure scheme named app; the handler is installed for it', async () => {
  const registered: unknown[] = [];
  registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
  assert.deepEqual(registered, [
    {
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true },
    },
  ]);
  const installed: string[] = [];
  installAppProtocol({ handle: (scheme) => installed.push(scheme) }, ROOT);
  assert.deepEqual(installed, ['app']);
});
