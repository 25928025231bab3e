// Serves a media file a ticket opened (media-tickets.ts) over node:http, with range requests so a <video> seeks.
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerRange } from './byte-range.ts';
import { contentTypeFor, RENDERER_HEADERS } from './renderer-policy.ts';

/** Headers of every media answer: never cached (the ticket expires), never read by another site. */
export const MEDIA_HEADERS: Readonly<Record<string, string>> = {
  ...RENDERER_HEADERS,
  'cache-control': 'private, no-store',
  'cross-origin-resource-policy': 'same-origin',
};

export async function serveMedia(file: string | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let handle: fs.promises.FileHandle | null = null;
  let size = 0;
  if (file) {
    try {
      handle = await fs.promises.open(file, 'r');
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      await handle?.close();
      handle = null;
    }
  }
  // A bad ticket and a deleted clip look alike from outside: 404, nothing more.
  if (!file || !handle) {
    res.writeHead(404, { ...MEDIA_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const answer = answerRange(req.headers.range, size);
  res.writeHead(answer.status, { ...MEDIA_HEADERS, ...answer.headers, 'content-type': contentTypeFor(file) });
  if (answer.status === 416 || req.method === 'HEAD' || size === 0) {
    await handle.close();
    res.end();
    return;
  }
  // A <video> aborts a request at every seek: pipeline closes the file then too.
  pipeline(handle.createReadStream({ start: answer.start, end: answer.end }), res, () => undefined);
}
