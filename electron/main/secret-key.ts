// The data key the core encrypts stream keys with, protected by the OS keychain through Electron's safeStorage
// (DPAPI on Windows, the Keychain on macOS, libsecret/kwallet on Linux). Only the main process can use safeStorage,
// so it unwraps the key here and hands it to the core in the init message; on disk there is only the wrapped form.
//
// Never a new key by accident: every stored stream key would silently stop opening. So
// - a wrapped key the keychain cannot open today (locked, unavailable, refused) is reported as locked, not replaced;
// - a key file from launches without a keychain is adopted (wrapped), not replaced;
// - Linux's `basic_text` backend (no keyring running: a password built into Chromium) protects nothing, so it is
//   treated as no keychain: the core keeps its own owner-only key file, as `livecart serve` does.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SECRET_KEY_FILE, WRAPPED_KEY_FILE } from '../core/system/secret-box.ts';

/** The part of Electron's safeStorage used here (structural: no 'electron' import, so a test can fake it). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which backend safeStorage picked (`basic_text` means none). */
  getSelectedStorageBackend?(): string;
}

export { WRAPPED_KEY_FILE };
const KEY_BYTES = 32;

export type KeyProtection = 'keychain' | 'file' | 'locked';

export interface SecretKeyAnswer {
  /** The data key, or null: the core uses its key file (`file`) or keeps secrets closed (`locked`). */
  key: Buffer | null;
  protection: KeyProtection;
}

/** True when safeStorage really protects a secret with the OS (not Linux's built-in password). */
export function keychainUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

function writeWrapped(file: string, key: Buffer, safeStorage: SafeStorageLike): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** The data key and how it is protected; see the rules above. */
export function loadSecretKey(
  userDataDir: string,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretKeyAnswer {
  const file = path.join(userDataDir, WRAPPED_KEY_FILE);
  const usable = keychainUsable(safeStorage, platform);
  if (fs.existsSync(file)) {
    // A key wrapped before (even by basic_text, which can still open what it wrapped): use it, or say it is locked.
    if (!safeStorage.isEncryptionAvailable()) return { key: null, protection: 'locked' };
    let text: string;
    try {
      text = safeStorage.decryptString(fs.readFileSync(file));
    } catch {
      return { key: null, protection: 'locked' }; // the keychain refused (a different user, a reset keyring)
    }
    const key = Buffer.from(text, 'base64');
    // A damaged or foreign file must not silently become a new key: every stored stream key would be lost.
    if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a LiveCart data key`);
    return { key, protection: usable ? 'keychain' : 'file' };
  }
  if (!usable) return { key: null, protection: 'file' };
  fs.mkdirSync(userDataDir, { recursive: true, mode: 0o700 });
  const keyFile = path.join(userDataDir, SECRET_KEY_FILE);
  // Launches without a keychain left the key in a file: wrap that one, so the stream keys it sealed still open.
  const existing = fs.existsSync(keyFile) ? fs.readFileSync(keyFile) : null;
  // A damaged key file is not swapped for a new key either (the core says so, naming the file).
  if (existing && existing.length !== KEY_BYTES) return { key: null, protection: 'file' };
  const key = existing ?? crypto.randomBytes(KEY_BYTES);
  writeWrapped(file, key, safeStorage);
  if (existing) fs.rmSync(keyFile, { force: true });
  return { key, protection: 'keychain' };
}
