// Playing a clip in the studio: the page gets a short-lived ticket for one file of the data folder, and asks for
// `/media/<ticket>` with HTTP range requests (a <video> seeks by them). A ticket is the file's place in the data
// folder and its expiry, signed with a per-launch key: the web host checks it in the core, and Electron's app://
// protocol checks it in the main process with the same key, without asking the core and without a table to keep.
import crypto from 'node:crypto';
import path from 'node:path';

export const MEDIA_PATH = '/media/';

/** Long enough to watch a clip with pauses; the page asks again when the video errors out. */
export const MEDIA_TICKET_MS = 30 * 60 * 1000;

/** Only these folders of the data folder are ever served: the clips and their posters. */
const SERVED_FOLDERS = ['clips'];

function mac(key: Buffer, payload: string): string {
  return crypto.createHmac('sha256', key).update(payload).digest('base64url');
}

export class MediaTickets {
  readonly key: Buffer;
  private readonly dataDir: string;
  private readonly now: () => number;

  constructor(key: Buffer, dataDir: string, now: () => number = Date.now) {
    if (key.length < 32) throw new Error('a media key needs 32 bytes');
    this.key = key;
    this.dataDir = path.resolve(dataDir);
    this.now = now;
  }

  /** The ticket for a file of the data folder (absolute), or null when it is not one that may be served. */
  issue(file: string): string | null {
    const relative = path.relative(this.dataDir, path.resolve(file)).split(path.sep).join('/');
    if (!servable(relative)) return null;
    const payload = Buffer.from(`${this.now() + MEDIA_TICKET_MS}:${relative}`).toString('base64url');
    return `${payload}.${mac(this.key, payload)}`;
  }

  /** The media URL's path for a file (see issue). */
  url(file: string): string | null {
    const ticket = this.issue(file);
    return ticket ? `${MEDIA_PATH}${ticket}` : null;
  }

  /** The file a ticket opens, or null for a forged, expired or malformed one. */
  open(ticket: string): string | null {
    const [payload, signature, extra] = ticket.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(mac(this.key, payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    const text = Buffer.from(payload, 'base64url').toString();
    const colon = text.indexOf(':');
    const expires = Number(text.slice(0, colon));
    const relative = text.slice(colon + 1);
    if (colon < 1 || !Number.isSafeInteger(expires) || expires < this.now() || !servable(relative)) return null;
    return path.join(this.dataDir, ...relative.split('/'));
  }

  /** The file a media URL path (`/media/<ticket>`) opens, or null. */
  openPath(urlPath: string): string | null {
    return urlPath.startsWith(MEDIA_PATH) ? this.open(urlPath.slice(MEDIA_PATH.length)) : null;
  }
}

function servable(relative: string): boolean {
  const parts = relative.split('/');
  return (
    parts.length === 2 &&
    SERVED_FOLDERS.includes(parts[0] ?? '') &&
    // eslint-disable-next-line no-control-regex -- a file name with control characters is never ours
    /^[^\\/:\u0000-\u001f]+$/.test(parts[1] ?? '') &&
    !(parts[1] ?? '.').startsWith('.')
  );
}
