// The data key for stream keys in the desktop app: wrapped by the OS keychain (safeStorage) on disk, the same
// key on every launch, never written in clear, and a damaged file is an error rather than a new key.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadSecretKey, WRAPPED_KEY_FILE, type SafeStorageLike } from '../../electron/main/secret-key.ts';
import { tempDir } from '../support/studio-fixture.ts';

/** A stand-in for the keychain: reversible, but not the identity, so clear text on disk would show. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`wrapped:${Buffer.from(text).toString('hex')}`),
    decryptString: (data) => {
      const text = data.toString();
      if (!text.startsWith('wrapped:')) throw new Error('not ours');
      return Buffer.from(text.slice(8), 'hex').toString();
    },
  };
}

test('the first launch makes a key; later launches get the same one; the file holds it only wrapped', () => {
  const dir = tempDir();
  const first = loadSecretKey(dir, fakeSafeStorage());
  assert.equal(first?.length, 32);
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage()), first);
  const onDisk = fs.readFileSync(path.join(dir, WRAPPED_KEY_FILE));
  assert.ok(!onDisk.includes(first!.toString('base64')), 'the key is not on disk in clear');
  assert.equal(fs.statSync(path.join(dir, WRAPPED_KEY_FILE)).mode & 0o077, 0, 'only the user can read it');
});

test('no protected storage on this system: no key (the core keeps its own key file instead)', () => {
  const dir = tempDir();
  assert.equal(loadSecretKey(dir, fakeSafeStorage(false)), null);
  assert.equal(fs.existsSync(path.join(dir, WRAPPED_KEY_FILE)), false);
});

test('a damaged key file is an error, never silently replaced (that would lose every saved stream key)', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, WRAPPED_KEY_FILE), fakeSafeStorage().encryptString('c2hvcnQ='));
  assert.throws(() => loadSecretKey(dir, fakeSafeStorage()), /does not hold a LiveCart data key/);
});
