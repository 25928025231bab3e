import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { allowedHost, parseHostHeader } from '../../electron/core/host/allowed-host.ts';
import {
  AuthGate,
  MAX_DELAY_MS,
  MAX_PENDING_PER_ADDRESS,
  MAX_PENDING_TOTAL,
  newToken,
  tokensMatch,
} from '../../electron/core/host/auth-guard.ts';
import { resolveStaticPath } from '../../electron/core/host/static-files.ts';
import { tokenFromProtocols } from '../../electron/core/host/studio-listener.ts';
import { sameOrigin } from '../../electron/core/host/web-host.ts';
import { wsProtocols } from '../../electron/core/protocol/bridge.ts';

test('tokens are long, random and compared exactly', () => {
  const a = newToken();
  assert.notEqual(a, newToken());
  assert.ok(a.length >= 32);
  assert.equal(tokensMatch(a, a), true);
  assert.equal(tokensMatch(a, a.slice(1)), false);
  assert.equal(tokensMatch(a, a.toUpperCase() === a ? a.toLowerCase() : a.toUpperCase()), false);
  for (const bad of [undefined, null, 42, {}, '']) assert.equal(tokensMatch(a, bad), false);
});

const RIGHT = 'the-right-token';
const resolve = (token: unknown) => (token === RIGHT ? 'host' : null);

test('wrong tokens from one address are answered ever later; others are not slowed, and it decays', () => {
  let now = 0;
  const gate = new AuthGate(() => now);
  const delays: number[] = [];
  for (let i = 0; i < 30; i++) {
    const verdict = gate.check('10.0.0.9', `guess-${i}`, resolve);
    assert.equal(verdict.kind, 'refuse');
    if (verdict.kind === 'refuse') {
      delays.push(verdict.delayMs);
      verdict.release();
    }
  }
  assert.deepEqual(delays.slice(0, 9), [0, 0, 0, 500, 1000, 2000, 4000, 8000, 10_000]);
  assert.equal(delays.at(-1), MAX_DELAY_MS, 'capped');
  const other = gate.check('127.0.0.1', 'guess', resolve);
  assert.equal(other.kind === 'refuse' && other.delayMs, 0, 'another address is not slowed');
  now += 61_000;
  const later = gate.check('10.0.0.9', 'guess-again', resolve);
  assert.equal(later.kind === 'refuse' && later.delayMs, 0, 'forgotten after a minute');
});

test('the right token is let in at once, even from an address that just guessed wrong many times', () => {
  const gate = new AuthGate(() => 0);
  for (let i = 0; i < 8; i++) {
    const verdict = gate.check('10.0.0.9', `guess-${i}`, resolve);
    if (verdict.kind === 'refuse') verdict.release();
  }
  assert.deepEqual(gate.check('10.0.0.9', RIGHT, resolve), { kind: 'admit', principal: 'host' });
});

test('the same stale token again is no new guess: a tab retrying an old link does not lock its device out', () => {
  const gate = new AuthGate(() => 0);
  for (let i = 0; i < 10; i++) {
    const verdict = gate.check('10.0.0.9', 'revoked-token', resolve);
    assert.equal(verdict.kind === 'refuse' && verdict.delayMs, 0);
    if (verdict.kind === 'refuse') verdict.release();
  }
  assert.equal(gate.failures('10.0.0.9'), 1);
});

test('only a few wrong tokens wait per address and in all; the rest are turned away at once, never a right one', () => {
  const gate = new AuthGate(() => 0);
  const verdicts = Array.from({ length: 200 }, (_, i) => gate.check('10.0.0.9', `guess-${i}`, resolve));
  assert.equal(verdicts.filter((v) => v.kind === 'refuse').length, MAX_PENDING_PER_ADDRESS);
  assert.equal(verdicts.filter((v) => v.kind === 'busy').length, 200 - MAX_PENDING_PER_ADDRESS);
  assert.deepEqual(gate.check('10.0.0.9', RIGHT, resolve), { kind: 'admit', principal: 'host' }, 'its own address');
  // Once answered, the address may try again.
  for (const v of verdicts) if (v.kind === 'refuse') v.release();
  assert.equal(gate.check('10.0.0.9', 'next', resolve).kind, 'refuse');

  // A crowd of addresses fills the gate: wrong tokens from anywhere are turned away, the right one still gets in.
  const crowd = new AuthGate(() => 0);
  for (let i = 0; i < MAX_PENDING_TOTAL; i++)
    assert.equal(crowd.check(`10.1.${i >> 8}.${i & 255}`, 'x', resolve).kind, 'refuse');
  assert.equal(crowd.check('10.9.9.9', 'x', resolve).kind, 'busy', 'many addresses cannot hold many sockets either');
  assert.deepEqual(crowd.check('10.9.9.9', RIGHT, resolve), { kind: 'admit', principal: 'host' });
  assert.deepEqual(crowd.check('10.1.0.0', RIGHT, resolve), { kind: 'admit', principal: 'host' });
});

test('the gate forgets addresses: a right token leaves nothing behind, and old failures go with the window', () => {
  let now = 0;
  const gate = new AuthGate(() => now);
  for (let i = 0; i < 1000; i++) assert.equal(gate.check(`10.2.${i >> 8}.${i & 255}`, RIGHT, resolve).kind, 'admit');
  assert.equal(gate.remembered(), 0, 'admitted addresses are not kept');
  for (let i = 0; i < 1000; i++) {
    const verdict = gate.check(`10.3.${i >> 8}.${i & 255}`, 'wrong', resolve);
    if (verdict.kind === 'refuse') verdict.release();
  }
  assert.equal(gate.remembered(), 1000);
  now += 61_000;
  assert.equal(gate.remembered(), 0, 'a minute later, none of them');
});

test('the WebSocket token rides in a subprotocol and is read back from the header', () => {
  const header = wsProtocols('abc_DEF-123').join(', ');
  assert.equal(tokenFromProtocols(header), 'abc_DEF-123');
  assert.equal(tokenFromProtocols('livecart.v1'), undefined);
  assert.equal(tokenFromProtocols(undefined), undefined);
});

test('only names the studio is served under: IP addresses, localhost, this machine; and its port', () => {
  assert.equal(allowedHost('127.0.0.1:5000', 5000, 'shop-pc'), true);
  assert.equal(allowedHost('192.168.1.20:5000', 5000, 'shop-pc'), true);
  assert.equal(allowedHost('[::1]:5000', 5000, 'shop-pc'), true);
  assert.equal(allowedHost('localhost:5000', 5000, 'shop-pc'), true);
  assert.equal(allowedHost('SHOP-PC:5000', 5000, 'shop-pc'), true);
  assert.equal(allowedHost('shop-pc.local:5000', 5000, 'shop-pc'), true);
  assert.equal(allowedHost('evil.example:5000', 5000, 'shop-pc'), false, 'DNS rebinding');
  assert.equal(allowedHost('127.0.0.1.nip.io:5000', 5000, 'shop-pc'), false);
  assert.equal(allowedHost('127.0.0.1:5001', 5000, 'shop-pc'), false, 'another port');
  assert.equal(allowedHost('127.0.0.1', 5000, 'shop-pc'), false, 'no port means 80');
  assert.equal(allowedHost(undefined, 5000, 'shop-pc'), false);
  assert.equal(allowedHost('a:b:c', 5000, 'shop-pc'), false);
  assert.deepEqual(parseHostHeader('[::1]:80'), { name: '::1', port: 80 });
});

test('static paths stay under the root', () => {
  const root = path.resolve('/srv/app');
  assert.equal(resolveStaticPath(root, '/index.html'), path.join(root, 'index.html'));
  assert.equal(resolveStaticPath(root, '/assets/a.js'), path.join(root, 'assets', 'a.js'));
  assert.equal(resolveStaticPath(root, '/../etc/passwd'), null);
  assert.equal(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd'), null);
  assert.equal(resolveStaticPath(root, '/.env'), null, 'dot-files');
  assert.equal(resolveStaticPath(root, '/assets/.git/config'), null);
  assert.equal(resolveStaticPath(root, '/assets//a.js'), null);
  assert.equal(resolveStaticPath(root, '/'), path.join(root, 'index.html'));
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
