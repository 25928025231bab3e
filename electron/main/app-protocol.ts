// Serves the built renderer from app://studio/ instead of file://: a real origin for CSP and permission
// checks, no access to the rest of the disk, and the same headers on every response. Electron objects are
// passed in (type-only import), so this file loads in plain Node and its handler is tested with a fake.
import type { Protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { answerRange } from '../core/host/byte-range.ts';
import { MEDIA_HEADERS } from '../core/host/media-files.ts';
import { MEDIA_PATH, type MediaTickets } from '../core/host/shell-facade.ts';
import { contentTypeFor, RENDERER_HEADERS } from '../core/host/renderer-policy.ts';
import { APP_ORIGIN, APP_SCHEME } from './security.ts';

const APP_PREFIX = `${APP_ORIGIN}/`;

export { contentTypeFor };

/** Must run before `app` is ready: a standard, secure scheme gets an origin, fetch and localStorage. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // stream: a <video> of a clip reads it by range requests as it plays and seeks.
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true },
    },
  ]);
}

/**
 * The file under `root` that an app:// URL names, or null for anything suspicious. Checked on the raw
 * text before any URL normalisation, so `..`, `%2e%2e`, `%2f`, backslashes, drive letters and NULs are
 * refused rather than quietly resolved; the result is then re-checked to lie inside `root`.
 */
export function resolveAppPath(root: string, url: string): string | null {
  if (typeof url !== 'string' || !url.startsWith(APP_PREFIX)) return null;
  const rawPath = url.slice(APP_PREFIX.length).split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  // eslint-disable-next-line no-control-regex
  if (/[\\:\u0000-\u001f\u007f]/.test(decoded)) return null;
  const segments = decoded === '' ? [] : decoded.split('/');
  if (segments.length > 0 && segments.at(-1) === '') segments[segments.length - 1] = 'index.html';
  if (segments.length === 0) segments.push('index.html');
  // Dot-files (.env, .git) are never part of a build; `.` and `..` are traversal; empty segments are `//`.
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return file.startsWith(base + path.sep) ? file : null;
}

function headers(contentType: string): Headers {
  return new Headers({ ...RENDERER_HEADERS, 'content-type': contentType, 'cache-control': 'no-cache' });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

async function isInside(root: string, file: string): Promise<boolean> {
  // A symlink inside the build must not lead out of it.
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  return realFile.startsWith(realRoot + path.sep);
}

/** A clip (or its poster) a media ticket opened, answered by range like the web host does. */
async function mediaResponse(file: string | null, request: Request): Promise<Response> {
  let size: number;
  try {
    if (!file) throw new Error('no ticket');
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    return new Response('not found', { status: 404, headers: { ...MEDIA_HEADERS, 'content-type': 'text/plain' } });
  }
  const answer = answerRange(request.headers.get('range') ?? undefined, size);
  const headers = { ...MEDIA_HEADERS, ...answer.headers, 'content-type': contentTypeFor(file) };
  if (answer.status === 416 || request.method === 'HEAD' || size === 0) {
    return new Response(null, { status: answer.status, headers });
  }
  const body = Readable.toWeb(createReadStream(file, { start: answer.start, end: answer.end })) as ReadableStream;
  return new Response(body, { status: answer.status, headers });
}

/**
 * The protocol handler itself: GET/HEAD of files under `root`, 404 for everything else, CSP always; with `media`,
 * `/media/<ticket>` plays the data folder's clips (the ticket checked here, with the key the core signs with).
 */
export function appRequestHandler(root: string, media?: MediaTickets): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const urlPath = request.url.startsWith(APP_PREFIX)
      ? `/${request.url.slice(APP_PREFIX.length).split(/[?#]/, 1)[0]}`
      : '';
    if (media && urlPath.startsWith(MEDIA_PATH)) return mediaResponse(media.openPath(urlPath), request);
    const file = resolveAppPath(root, request.url);
    if (!file) return plain(404, 'Not Found');
    try {
      if (!(await isInside(root, file))) return plain(404, 'Not Found');
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: headers(contentTypeFor(file)),
      });
    } catch {
      return plain(404, 'Not Found'); // missing file, a directory, unreadable: the page learns nothing more
    }
  };
}

/** Call after `app` is ready. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, media?: MediaTickets): void {
  protocol.handle(APP_SCHEME, appRequestHandler(root, media));
}

export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
