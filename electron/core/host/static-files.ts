// Serves the built renderer over HTTP. Only regular files inside the root: no dot-files, no symlinks, nothing a
// request names outside it; a file that cannot be read is a 404, never a crash. Unknown routes without an
// extension get index.html (the app routes itself).
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor, RENDERER_HEADERS } from './renderer-policy.ts';

/**
 * Maps a URL path to a file under root, or null for anything suspicious: malformed escapes, NULs and control
 * characters, backslashes, and any segment that is empty beyond the first, `.`, `..` or a dot-file (.env, .git).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(decoded)) return null;
  const segments = decoded.replace(/^\/+/, '').split('/');
  if (segments.at(-1) === '') segments[segments.length - 1] = 'index.html';
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return file.startsWith(base + path.sep) ? file : null;
}

type Found = { file: string; size: number } | 'missing';

/** The file if it is a regular file whose real path is exactly where the URL put it (no symlink on the way). */
async function regularFileAt(realRoot: string, root: string, file: string): Promise<Found> {
  try {
    const real = await fs.promises.realpath(file);
    if (real !== path.join(realRoot, path.relative(root, file))) return 'missing';
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? { file: real, size: stat.size } : 'missing';
  } catch {
    return 'missing';
  }
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...RENDERER_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

export async function serveStatic(root: string, urlPath: string, res: ServerResponse, head = false): Promise<void> {
  const base = path.resolve(root);
  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(base);
  } catch {
    realRoot = '';
  }
  const index = realRoot ? await regularFileAt(realRoot, base, path.join(base, 'index.html')) : 'missing';
  if (index === 'missing') {
    return plain(res, 503, 'The studio UI is not built yet: run `npm run build:renderer`, then reload.\n');
  }
  // The OBS page is its own small build (no React, transparent): /overlay is its address.
  const page = urlPath === '/' ? '/index.html' : urlPath === '/overlay' ? '/overlay.html' : urlPath;
  const wanted = resolveStaticPath(base, page);
  if (!wanted) return plain(res, 404, 'not found');
  let found = await regularFileAt(realRoot, base, wanted);
  if (found === 'missing') {
    if (path.extname(wanted)) return plain(res, 404, 'not found');
    found = index;
  }
  // Opened before the headers go out: a file that cannot be read (permissions) is a 404, not a half answer.
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(found.file, 'r');
  } catch {
    return plain(res, 404, 'not found');
  }
  // Hashed assets never change; index.html must always be fresh to pick them up.
  const cache = found.file.includes(`${path.sep}assets${path.sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  res.writeHead(200, {
    ...RENDERER_HEADERS,
    'content-type': contentTypeFor(found.file),
    'content-length': String(found.size),
    'cache-control': cache,
  });
  if (head) {
    await handle.close();
    res.end();
    return;
  }
  const stream = handle.createReadStream();
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
