// The data key for stream keys in the desktop app: wrapped by the OS keychain (safeStorage) on disk, the same
// key on every launch, never written in clear, and a damaged file is an error rather than a new key.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  keychainUsable,
  loadSecretKey,
  WRAPPED_KEY_FILE,
  type SafeStorageLike,
} from '../../electron/main/secret-key.ts';
import type { StudioError } from '../../electron/core/protocol/errors.ts';
import { loadOrCreateKeyFile, SECRET_KEY_FILE, SecretBox } from '../../electron/core/system/secret-box.ts';
import { openStudio } from '../../electron/core/studio.ts';
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
  const first = loadSecretKey(dir, fakeSafeStorage(), 'darwin');
  assert.equal(first.protection, 'keychain');
  assert.equal(first.key?.length, 32);
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage(), 'darwin'), first);
  const onDisk = fs.readFileSync(path.join(dir, WRAPPED_KEY_FILE));
  assert.ok(!onDisk.includes(first.key!.toString('base64')), 'the key is not on disk in clear');
  assert.equal(fs.statSync(path.join(dir, WRAPPED_KEY_FILE)).mode & 0o077, 0, 'only the user can read it');
});

test('no protected storage on this system: no key (the core keeps its own key file instead)', () => {
  const dir = tempDir();
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage(false), 'win32'), { key: null, protection: 'file' });
  assert.equal(fs.existsSync(path.join(dir, WRAPPED_KEY_FILE)), false);
});

test('Linux without a keyring (basic_text) protects nothing: treated as no keychain, not as one', () => {
  const dir = tempDir();
  const basic = { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'basic_text' };
  assert.equal(keychainUsable(basic, 'linux'), false);
  assert.deepEqual(loadSecretKey(dir, basic, 'linux'), { key: null, protection: 'file' });
  assert.equal(fs.existsSync(path.join(dir, WRAPPED_KEY_FILE)), false, 'no fake-protected key written');
  const kwallet = { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'kwallet5' };
  assert.equal(keychainUsable(kwallet, 'linux'), true);
  assert.equal(keychainUsable({ ...fakeSafeStorage() }, 'linux'), false, 'an unknown backend is not trusted');
});

test('a keychain that cannot open the key on a later launch leaves it locked: never a new key', () => {
  const dir = tempDir();
  const first = loadSecretKey(dir, fakeSafeStorage(), 'darwin');
  const wrapped = fs.readFileSync(path.join(dir, WRAPPED_KEY_FILE));
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage(false), 'darwin'), { key: null, protection: 'locked' });
  const refusing = {
    ...fakeSafeStorage(),
    decryptString: () => {
      throw new Error('user denied access');
    },
  };
  assert.deepEqual(loadSecretKey(dir, refusing, 'darwin'), { key: null, protection: 'locked' });
  assert.deepEqual(fs.readFileSync(path.join(dir, WRAPPED_KEY_FILE)), wrapped, 'the wrapped key is untouched');
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage(), 'darwin'), first, 'and opens again once it can');
});

test('a key file from launches without a keychain is adopted and wrapped, so its stream keys still open', () => {
  const dir = tempDir();
  const old = loadOrCreateKeyFile(dir);
  const answer = loadSecretKey(dir, fakeSafeStorage(), 'win32');
  assert.deepEqual(answer, { key: old, protection: 'keychain' });
  assert.equal(fs.existsSync(path.join(dir, SECRET_KEY_FILE)), false, 'no clear copy is left behind');
});

test('the core: a locked box opens nothing and seals nothing, saying why', () => {
  const box = SecretBox.locked();
  assert.equal(box.protection, 'locked');
  const sealed = new SecretBox(Buffer.alloc(32, 7)).seal('live_123', 'destination:1');
  assert.equal(box.open(sealed, 'destination:1'), null);
  assert.throws(
    () => box.seal('live_123', 'destination:1'),
    (e: StudioError) => e.issues?.[0]?.code === 'secrets_locked',
  );
});

test('a damaged key file is an error, never silently replaced (that would lose every saved stream key)', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, WRAPPED_KEY_FILE), fakeSafeStorage().encryptString('c2hvcnQ='));
  assert.throws(() => loadSecretKey(dir, fakeSafeStorage(), 'darwin'), /does not hold a LiveCart data key/);
});

test('a damaged key file from launches without a keychain is not swapped for a new key either', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, SECRET_KEY_FILE), Buffer.alloc(5), { mode: 0o600 });
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage(), 'darwin'), { key: null, protection: 'file' });
  assert.equal(fs.existsSync(path.join(dir, WRAPPED_KEY_FILE)), false, 'nothing wrapped');
  assert.equal(fs.readFileSync(path.join(dir, SECRET_KEY_FILE)).length, 5, 'the file is left for the user to see');
  assert.throws(() => loadOrCreateKeyFile(dir), /damaged/, 'and the core refuses it, naming the file');
});

test('without Electron, beside the desktop app’s keychain key: no key file is made up, keys say where they are', async () => {
  const dir = tempDir();
  const desktop = loadSecretKey(dir, fakeSafeStorage(), 'darwin');
  assert.equal(desktop.protection, 'keychain');
  // What `livecart serve` or any CLI command does on the same folder.
  const studio = await openStudio({ dataDir: dir });
  try {
    assert.equal(studio.stream.state().keys, 'desktop', 'the page can say where the keys are');
    assert.equal(fs.existsSync(path.join(dir, SECRET_KEY_FILE)), false, 'no second key beside the keychain’s');
    const destination = {
      name: '视频号',
      platform: 'wechat' as const,
      serverUrl: 'rtmp://push.example.com/live',
      streamKey: 'live_123',
      enabled: true,
    };
    await assert.rejects(
      async () => studio.stream.saveDestination(undefined, destination),
      (e: StudioError) => e.issues?.[0]?.code === 'secrets_in_desktop',
    );
  } finally {
    await studio.close();
  }
  // The desktop app, launched again, still has its key.
  assert.deepEqual(loadSecretKey(dir, fakeSafeStorage(), 'darwin'), desktop);
});
