// Where the pictures named in a product CSV's 图片 column come from. Through the protocol, from the pictures the
// user picked together with the CSV (sent as bytes beforehand): the core never opens a path a client names. From
// the CLI, which runs as the user, from files relative to the CSV: regular files only, capped, read without
// blocking. Either way, a cell naming a picture already in the library (an export's `<sha-256>.jpg`) is that
// picture, without reading anything.
import fs from 'node:fs';
import path from 'node:path';
import type { ImageStore } from '../media/image-store.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import { MAX_IMAGE_BYTES } from '../protocol/limits.ts';

export interface PickedPicture {
  /** The file's name as picked (`a.jpg`), or its path inside a picked folder (`货品/images/a.jpg`). */
  name: string;
  imageId: string;
}

export type PictureSource =
  | { kind: 'picked'; pictures: readonly PickedPicture[] }
  /** The CLI: paths relative to the CSV's folder (absolute ones too: it is the user's own machine). */
  | { kind: 'files'; baseDir: string };

export type PictureAnswer = { imageId: string } | { issue: Pick<Issue, 'code' | 'params'> };

/** `.\images\a.jpg`, `images//a.jpg ` → `images/a.jpg`; lower-cased (Windows and macOS names ignore case). */
export function normalisePicturePath(text: string): string {
  return text
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/^(\.\/)+/, '')
    .toLowerCase();
}

const LIBRARY_NAME = /^(?:.*\/)?([0-9a-f]{64})\.(?:jpg|png|gif|webp)$/;

/** What a 图片 cell refers to, as a function the import calls per row. */
export function pictureResolver(source: PictureSource, images: ImageStore): (cell: string) => Promise<PictureAnswer> {
  const fromPicked = source.kind === 'picked' ? pickedLookup(source.pictures) : null;
  return async (cell) => {
    const wanted = normalisePicturePath(cell);
    const library = LIBRARY_NAME.exec(wanted)?.[1];
    if (library && images.exists(library)) return { imageId: library };
    if (fromPicked) return fromPicked(wanted, cell);
    return readLocalPicture(cell, (source as { baseDir: string }).baseDir, images);
  };
}

function pickedLookup(pictures: readonly PickedPicture[]) {
  const byBase = new Map<string, PickedPicture[]>();
  for (const picture of pictures) {
    const base = path.posix.basename(normalisePicturePath(picture.name));
    byBase.set(base, [...(byBase.get(base) ?? []), picture]);
  }
  return (wanted: string, cell: string): PictureAnswer => {
    const candidates = byBase.get(path.posix.basename(wanted)) ?? [];
    const ids = new Set(candidates.map((c) => c.imageId));
    if (ids.size === 1) return { imageId: candidates[0]!.imageId };
    if (ids.size === 0) return { issue: { code: 'image_not_picked', params: { path: cell } } };
    // Two different pictures of that name in the picked folder: the one whose path ends like the cell's.
    const match = candidates.filter((c) => {
      const name = normalisePicturePath(c.name);
      return name === wanted || name.endsWith(`/${wanted}`);
    });
    if (new Set(match.map((c) => c.imageId)).size === 1) return { imageId: match[0]!.imageId };
    return { issue: { code: 'image_ambiguous', params: { path: cell } } };
  };
}

/** UNC (`\\server\share`) and device paths (`\\?\`, `\\.\`) would reach the network or a device, never a file. */
function refusedPath(given: string): boolean {
  return /^[\\/]{2}/.test(given.trim());
}

async function readLocalPicture(given: string, baseDir: string, images: ImageStore): Promise<PictureAnswer> {
  const cell = given.trim();
  if (refusedPath(cell)) return { issue: { code: 'image_path_refused', params: { path: cell } } };
  const file = path.resolve(baseDir, cell);
  const read = await readRegularFile(file, MAX_IMAGE_BYTES);
  if ('code' in read) return { issue: { code: read.code, params: { path: cell } } };
  try {
    return { imageId: await images.save(read.bytes) };
  } catch (error) {
    if (!(error instanceof StudioError)) throw error;
    const issue = error.issues?.[0];
    return { issue: { code: issue?.code ?? 'image_unsupported', params: { path: cell } } };
  }
}

/**
 * A regular file's bytes, at most `maxBytes`. Opened without blocking (a FIFO would otherwise wait for a writer
 * forever), then checked by what it is, not by its name: a device, FIFO, socket or folder is refused.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<{ bytes: Buffer } | { code: string }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return { code: 'image_missing' };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { code: 'image_not_file' };
    if (stat.size > maxBytes) return { code: 'image_too_large' };
    // Read at most one byte past the cap: a file growing while it is read cannot make this unbounded.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > maxBytes) return { code: 'image_too_large' };
    return { bytes: buffer.subarray(0, filled) };
  } catch {
    return { code: 'image_missing' };
  } finally {
    await handle.close();
  }
}
