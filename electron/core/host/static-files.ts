// Serves the built renderer. Only files under the root; unknown routes get index.html (the app routes itself).
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor, RENDERER_HEADERS } from './renderer-policy.ts';

/** Maps a URL path to a file under root, or null when it would leave root. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const headers = RENDERER_HEADERS;
  const resolvedRoot = path.resolve(root);
  const index = path.join(resolvedRoot, 'index.html');
  if (!fs.existsSync(index)) {
    res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The studio UI is not built yet: run `npm run build:renderer`, then reload.\n');
    return;
  }
  let file = resolveStaticPath(resolvedRoot, urlPath === '/' ? '/index.html' : urlPath);
  if (!file) {
    res.writeHead(400, headers).end();
    return;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    if (path.extname(file)) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    file = index;
  }
  const type = contentTypeFor(file);
  // Hashed assets never change; index.html must always be fresh to pick them up.
  const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { ...headers, 'content-type': type, 'cache-control': cache });
  fs.createReadStream(file).pipe(res);
}
