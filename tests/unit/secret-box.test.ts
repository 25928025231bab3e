// Secrets at rest: AES-256-GCM round trips, any change to a sealed value is detected, another key or another
// row's context opens nothing, and the key file is created owner-only, once, whole.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadOrCreateKeyFile, SecretBox, SECRET_KEY_FILE } from '../../electron/core/system/secret-box.ts';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-secret-'));

const box = new SecretBox(crypto.randomBytes(32));

test('a sealed secret opens again, in any script; sealing twice gives two different ciphertexts', () => {
  for (const plain of ['live_123456789_abcdefghijklmnopqrstuvwxyz', '推流密钥?auth=x&t=1', '', 'a'.repeat(2000)]) {
    const sealed = box.seal(plain, 'stream_destinations:1');
    assert.match(sealed, /^v1:[A-Za-z0-9_-]+$/);
    if (plain.length >= 4) assert.ok(!sealed.includes(plain), 'not in clear');
    assert.equal(box.open(sealed, 'stream_destinations:1'), plain);
  }
  assert.notEqual(box.seal('same', 'c'), box.seal('same', 'c'), 'a fresh nonce each time');
});

test('any changed byte (nonce, tag or ciphertext) is detected: null, never garbage', () => {
  const sealed = box.seal('sk_live_0123456789', 'ctx');
  const bytes = Buffer.from(sealed.slice(3), 'base64url');
  for (let i = 0; i < bytes.length; i++) {
    const tampered = Buffer.from(bytes);
    tampered[i]! ^= 0x01;
    assert.equal(box.open(`v1:${tampered.toString('base64url')}`, 'ctx'), null, `byte ${i}`);
  }
  assert.equal(box.open(`v1:${bytes.subarray(0, bytes.length - 1).toString('base64url')}`, 'ctx'), null, 'truncated');
  for (const garbage of ['', 'v1:', 'v1:abc', 'v2:' + sealed.slice(3), 'sk_live_0123456789', '!!!'])
    assert.equal(box.open(garbage, 'ctx'), null, garbage);
});

test('another key, or another row, opens nothing', () => {
  const sealed = box.seal('sk_live_0123456789', 'stream_destinations:1');
  assert.equal(new SecretBox(crypto.randomBytes(32)).open(sealed, 'stream_destinations:1'), null);
  assert.equal(box.open(sealed, 'stream_destinations:2'), null, 'copied into another row');
});

test('a data key is exactly 32 bytes, and the box keeps its own copy', () => {
  assert.throws(() => new SecretBox(Buffer.alloc(16)), /32 bytes/);
  const key = crypto.randomBytes(32);
  const mine = new SecretBox(key);
  const sealed = mine.seal('x', 'c');
  key.fill(0);
  assert.equal(mine.open(sealed, 'c'), 'x');
});

test('the key file: created once with mode 0600, the same key on every open, never half-written', () => {
  const dir = tempDir();
  const first = loadOrCreateKeyFile(dir);
  assert.equal(first.length, 32);
  const file = path.join(dir, SECRET_KEY_FILE);
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateKeyFile(dir), first);
  assert.deepEqual(
    fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
    [],
    'no temp file left behind',
  );
});

test('a key file with loose permissions is tightened; a damaged one is refused, not replaced', () => {
  const dir = tempDir();
  const file = path.join(dir, SECRET_KEY_FILE);
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key, { mode: 0o644 });
  fs.chmodSync(file, 0o644);
  assert.deepEqual(loadOrCreateKeyFile(dir), key);
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);

  fs.writeFileSync(file, Buffer.alloc(7));
  assert.throws(
    () => loadOrCreateKeyFile(dir),
    (error: Error) => error.message.includes('damaged') && error.message.includes(file),
  );
  assert.equal(fs.readFileSync(file).length, 7, 'left as it was');
});
