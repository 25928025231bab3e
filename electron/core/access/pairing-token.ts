// Pairing tokens: 24 random bytes (base64url), shown to the host once inside a link; only the sha-256 is kept.
import crypto from 'node:crypto';

export function newPairingToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Hex sha-256. A token is random enough that no salt or slow hash is needed to keep it from being guessed. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `http://192.168.1.5:17880/` + token → the link the QR code carries; the token rides in the fragment,
 * which a browser never sends to a server or puts in a Referer. */
export function pairingUrl(baseUrl: string, token: string): string {
  return `${baseUrl}#token=${encodeURIComponent(token)}`;
}
