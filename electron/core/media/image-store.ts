// Product images: copied into the data directory under their content hash, with a small JPEG thumbnail.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import { StudioError } from '../protocol/errors.ts';
import { MAX_IMAGE_BYTES } from '../protocol/limits.ts';
import { makePrivateDir, ownerOnly } from '../system/data-folder.ts';
import { locateFfmpeg } from '../ffmpeg/locate.ts';
import { runFfmpeg } from '../ffmpeg/run.ts';

const THUMB_EDGE = 240;
/** A thumbnail that takes longer than this is left out (the original is shown). */
const THUMBNAIL_TIMEOUT_MS = 20_000;

interface ImageKind {
  mime: string;
  ext: string;
}

/** Trust the bytes, not the file name: a renamed .exe is not a picture. */
export function sniffImage(bytes: Uint8Array): ImageKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return { mime: 'image/jpeg', ext: 'jpg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { mime: 'image/png', ext: 'png' };
  if (starts(0x47, 0x49, 0x46, 0x38)) return { mime: 'image/gif', ext: 'gif' };
  const riff = starts(0x52, 0x49, 0x46, 0x46);
  if (riff && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return { mime: 'image/webp', ext: 'webp' };
  return null;
}

/** ffmpeg is looked up on the first picture, not on every one of a 1,000-picture import. */
function locateOnce(): () => string | null {
  let found: string | null | undefined;
  return () => (found === undefined ? (found = locateFfmpeg()?.path ?? null) : found);
}

export class ImageStore {
  readonly imagesDir: string;
  readonly thumbsDir: string;
  private readonly ffmpegPath: () => string | null;
  private readonly writer: Writer;
  // Prepared once: export asks for every product's image path, import checks every row's image.
  private readonly byId: Statement<[string], { mime: string; ext: string; has_thumb: number }>;
  private readonly insert: Statement<[string, string, string, number, number, number]>;

  constructor(db: Db, dataDir: string, writer: Writer, ffmpegPath: () => string | null = locateOnce()) {
    this.writer = writer;
    this.byId = db.prepare('SELECT mime, ext, has_thumb FROM images WHERE id = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO images (id, mime, ext, bytes, has_thumb, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.imagesDir = path.join(dataDir, 'media', 'images');
    this.thumbsDir = path.join(dataDir, 'media', 'thumbs');
    this.ffmpegPath = ffmpegPath;
    makePrivateDir(this.imagesDir);
    makePrivateDir(this.thumbsDir);
  }

  exists(id: string): boolean {
    return this.byId.get(id) !== undefined;
  }

  /** Stores the bytes (once per distinct picture) and returns the image id. */
  async save(bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > MAX_IMAGE_BYTES)
      throw new StudioError('invalid', 'image too large', { issues: [{ path: 'image', code: 'image_too_large' }] });
    const kind = sniffImage(bytes);
    if (!kind)
      throw new StudioError('invalid', 'not a supported image', {
        issues: [{ path: 'image', code: 'image_unsupported' }],
      });
    const id = crypto.createHash('sha256').update(bytes).digest('hex');
    if (this.exists(id)) return id;
    const file = this.originalPath(id, kind.ext);
    // Write then rename: a crash never leaves a half-written picture under its final name.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes, ownerOnly);
    fs.renameSync(tmp, file);
    const hasThumb = await this.makeThumbnail(file, this.thumbPath(id));
    await this.writer.write(() =>
      this.insert.run(id, kind.mime, kind.ext, bytes.byteLength, hasThumb ? 1 : 0, Date.now()),
    );
    return id;
  }

  /** The thumbnail when one was made, else the original (ffmpeg may be missing). */
  thumbnail(id: string): { mime: string; bytes: Buffer } | null {
    const row = this.byId.get(id);
    if (!row) return null;
    if (row.has_thumb) return { mime: 'image/jpeg', bytes: fs.readFileSync(this.thumbPath(id)) };
    return { mime: row.mime, bytes: fs.readFileSync(this.originalPath(id, row.ext)) };
  }

  /** The picture as it was uploaded. */
  original(id: string): { mime: string; bytes: Buffer } | null {
    const row = this.byId.get(id);
    return row ? { mime: row.mime, bytes: fs.readFileSync(this.originalPath(id, row.ext)) } : null;
  }

  /** The picture's name in the library (`<sha-256>.jpg`), for exports: an import finds the same picture by it. */
  fileNameOf(id: string): string | null {
    const row = this.byId.get(id);
    return row ? `${id}.${row.ext}` : null;
  }

  private originalPath(id: string, ext: string): string {
    return path.join(this.imagesDir, `${id}.${ext}`);
  }

  private thumbPath(id: string): string {
    return path.join(this.thumbsDir, `${id}.jpg`);
  }

  private async makeThumbnail(source: string, target: string): Promise<boolean> {
    const ffmpeg = this.ffmpegPath();
    if (!ffmpeg) return false;
    const scale = `scale=${THUMB_EDGE}:${THUMB_EDGE}:force_original_aspect_ratio=decrease`;
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      source,
      '-frames:v',
      '1',
      '-vf',
      scale,
      '-q:v',
      '4',
      target,
    ];
    const run = await runFfmpeg(ffmpeg, args, THUMBNAIL_TIMEOUT_MS);
    return run.code === 0 && fs.existsSync(target);
  }
}
