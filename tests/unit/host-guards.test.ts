import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { FailureThrottle, newToken, tokensMatch } from '../../electron/core/host/auth-guard.ts';
import { resolveStaticPath } from '../../electron/core/host/static-files.ts';
import { sameOrigin } from '../../electron/core/host/web-host.ts';

test('tokens are long, random and compared exactly', () => {
  const a = newToken();
  assert.notEqual(a, newToken());
  assert.ok(a.length >= 32);
  assert.equal(tokensMatch(a, a), true);
  assert.equal(tokensMatch(a, a.slice(1)), false);
  assert.equal(tokensMatch(a, a.toUpperCase() === a ? a.toLowerCase() : a.toUpperCase()), false);
  for (const bad of [undefined, null, 42, {}, '']) assert.equal(tokensMatch(a, bad), false);
});

test('repeated wrong tokens from one address are slowed down, others are not, and it decays', () => {
  let now = 0;
  const throttle = new FailureThrottle(() => now);
  for (let i = 0; i < 3; i++) {
    assert.equal(throttle.delayFor('10.0.0.9'), 0);
    throttle.fail('10.0.0.9');
  }
  const first = throttle.delayFor('10.0.0.9');
  assert.ok(first > 0);
  throttle.fail('10.0.0.9');
  assert.ok(throttle.delayFor('10.0.0.9') > first, 'grows');
  for (let i = 0; i < 20; i++) throttle.fail('10.0.0.9');
  assert.equal(throttle.delayFor('10.0.0.9'), 10_000, 'capped');
  assert.equal(throttle.delayFor('127.0.0.1'), 0);
  now += 61_000;
  assert.equal(throttle.delayFor('10.0.0.9'), 0);
});

test('static paths stay under the root', () => {
  const root = path.resolve('/srv/app');
  assert.equal(resolveStaticPath(root, '/index.html'), path.join(root, 'index.html'));
  assert.equal(resolveStaticPath(root, '/assets/a.js'), path.join(root, 'assets', 'a.js'));
  assert.equal(resolveStaticPath(root, '/../etc/passwd'), path.join(root, 'etc', 'passwd'), 'normalised inside root');
  assert.equal(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd'), path.join(root, 'etc', 'passwd'));
  assert.equal(resolveStaticPath(root, '/..%5cwin.ini'), null);
  assert.equal(resolveStaticPath(root, '/a%00.js'), null);
  assert.equal(resolveStaticPath(root, '/%E0%A4%A'), null, 'malformed escapes');
});

test('WebSocket origins must match the host they connect to', () => {
  assert.equal(sameOrigin(undefined, '127.0.0.1:5000'), true);
  assert.equal(sameOrigin('http://127.0.0.1:5000', '127.0.0.1:5000'), true);
  assert.equal(sameOrigin('http://127.0.0.1:5001', '127.0.0.1:5000'), false);
  assert.equal(sameOrigin('https://evil.example', '127.0.0.1:5000'), false);
  assert.equal(sameOrigin('null', '127.0.0.1:5000'), false);
});
