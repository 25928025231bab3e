// Secrets at rest (stream keys): sealed with AES-256-GCM under a 32-byte data key, so the database file — and
// any copy or backup of it — never holds one in clear, and a changed byte is detected rather than decrypted
// into garbage.
//
// Where the data key comes from:
// - The desktop app: Electron's main process keeps a random data key protected by `safeStorage` (the OS
//   keychain / DPAPI / libsecret) and hands it to the core as `openStudio({ secretKey })`. The core never
//   imports electron, and safeStorage only works in the main process, hence the hand-over.
// - Everywhere else (`livecart serve`, tests): a random key in `DATA_DIR/secret.key`, created with mode 0600
//   (owner-only on POSIX; on Windows the folder's ACL, which is the user's profile, protects it).
// A key that cannot open a stored secret (the data directory moved without its key file, a different data key)
// is reported as "no key stored": the host types the stream key again, nothing else is lost.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { refused } from '../protocol/errors.ts';

export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE = 'secret.key';
/** The desktop app's data key, wrapped by the OS keychain (see electron/main/secret-key.ts). */
export const WRAPPED_KEY_FILE = 'secret-key.safestorage';

const VERSION = 'v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Where the data key lives: the OS keychain, an owner-only file; or out of reach — a keychain that will not open it
 * now (`locked`), or the desktop app's keychain, which a process without Electron (`livecart serve`) cannot use
 * (`desktop`).
 */
export type SecretProtection = 'keychain' | 'file' | 'locked' | 'desktop';

export class SecretBox {
  /** Null while locked: nothing opens, nothing is sealed (see `locked`). */
  private readonly key: Buffer | null;
  readonly protection: SecretProtection;

  constructor(key: Buffer, protection: 'keychain' | 'file' = 'file') {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`a secret key is ${SECRET_KEY_BYTES} bytes`);
    this.key = Buffer.from(key); // a copy: the caller may wipe theirs
    this.protection = protection;
  }

  /**
   * The data key is out of reach (see SecretProtection). Stored secrets read as absent and new ones are refused (they
   * would be sealed under a key the keychain does not know), until a process that can open it runs.
   */
  static locked(protection: 'locked' | 'desktop' = 'locked'): SecretBox {
    const box = Object.create(SecretBox.prototype) as SecretBox;
    Object.assign(box, { key: null, protection });
    return box;
  }

  /** False while the key is out of reach: nothing opens and nothing can be sealed. */
  canOpen(): boolean {
    return this.key !== null;
  }

  /**
   * Encrypts `plain`; `context` (a row's identity, say) is authenticated too, so a sealed value copied to
   * another context does not open there.
   */
  seal(plain: string, context: string): string {
    if (!this.key) {
      const code = this.protection === 'desktop' ? 'secrets_in_desktop' : 'secrets_locked';
      throw refused(code, 'the data key that protects stream keys is out of reach');
    }
    const nonce = crypto.randomBytes(NONCE_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plain text, or null when the value was tampered with, sealed under another key or context, or garbled. */
  open(sealed: string, context: string): string | null {
    if (!this.key || !sealed.startsWith(VERSION)) return null;
    const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64url');
    if (bytes.length < NONCE_BYTES + TAG_BYTES) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, NONCE_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
      return plain.toString('utf8');
    } catch {
      return null; // authentication failed: never half-decrypted text
    }
  }
}

/**
 * The data key kept in `DATA_DIR/secret.key` (32 random bytes), created on first use with mode 0600. The file
 * appears whole or not at all (written beside it, then hard-linked into place, which fails if it exists), so a
 * crash cannot leave a half-written key, and two processes starting at once agree on one key.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  if (!fs.existsSync(file)) {
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, crypto.randomBytes(SECRET_KEY_BYTES));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  const key = fs.readFileSync(file);
  if (key.length !== SECRET_KEY_BYTES) {
    // Not replaced: a new key would silently make every stored secret unreadable. The message names the file,
    // never its contents.
    throw new Error(`${file} is damaged (expected ${SECRET_KEY_BYTES} bytes): remove it and enter stream keys again`);
  }
  if (process.platform !== 'win32' && fs.statSync(file).mode & 0o077) {
    fs.chmodSync(file, 0o600); // copied in with looser permissions: tightened, not trusted as it is
  }
  return key;
}
