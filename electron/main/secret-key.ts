// The data key the core encrypts stream keys with, protected by the OS keychain through Electron's safeStorage
// (DPAPI on Windows, the Keychain on macOS, libsecret on Linux). Only the main process can use safeStorage, so
// it unwraps the key here and hands it to the core in the init message; on disk there is only the wrapped
// form. Without safeStorage the core falls back to a key file in the data directory (see studio.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The part of Electron's safeStorage used here (structural: no 'electron' import, so a test can fake it). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const WRAPPED_KEY_FILE = 'secret-key.safestorage';
const KEY_BYTES = 32;

/** The 32-byte data key, created on first use; null when the OS offers no protected storage. */
export function loadSecretKey(userDataDir: string, safeStorage: SafeStorageLike): Buffer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  const file = path.join(userDataDir, WRAPPED_KEY_FILE);
  if (fs.existsSync(file)) {
    const key = Buffer.from(safeStorage.decryptString(fs.readFileSync(file)), 'base64');
    // A damaged or foreign file must not silently become a new key: every stored stream key would be lost.
    if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a LiveCart data key`);
    return key;
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.mkdirSync(userDataDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 });
  fs.renameSync(temp, file);
  return key;
}
