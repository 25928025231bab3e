// Where the studio's downloads go. A show's clips exported from the window come as one batch of downloads (each
// clip and its poster, `?batch=` on the studio's media address): the first asks for a folder, the rest of the batch
// goes there under free names; cancelling the folder cancels the batch. Any other download (a spreadsheet export, a
// single clip) gets Electron's own save dialog. Electron objects come in as parameters (type-only import), so the
// decisions are tested with fakes.
import type { DownloadItem, Session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ORIGIN } from './security.ts';

const MEDIA_PREFIX = `${APP_ORIGIN}/media/`;
/** Batches remembered (a folder picked, or cancelled): a few exports' worth. */
const REMEMBERED = 20;

/** The batch a download of the studio's own media belongs to, or null for any other download. */
export function batchOf(url: string): string | null {
  if (!url.startsWith(MEDIA_PREFIX)) return null;
  const batch = new URL(url).searchParams.get('batch');
  return batch && /^[\w-]{1,64}$/.test(batch) ? batch : null;
}

/** `folder/name.ext`, or `folder/name (2).ext`… when that exists: an export never overwrites a file. */
export function savePathIn(folder: string, fileName: string, exists: (file: string) => boolean): string {
  const safe = path.basename(fileName) || 'clip.mp4';
  const ext = path.extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let n = 1; ; n++) {
    const file = path.join(folder, n === 1 ? safe : `${stem} (${n})${ext}`);
    if (!exists(file)) return file;
  }
}

/** The folder of each batch: asked for once (null: the user cancelled, and the whole batch is cancelled). */
export class BatchFolders {
  private readonly folders = new Map<string, string | null>();

  folderFor(batch: string, ask: () => string | null): string | null {
    if (this.folders.has(batch)) return this.folders.get(batch) ?? null;
    const folder = ask();
    this.folders.set(batch, folder);
    if (this.folders.size > REMEMBERED) this.folders.delete(this.folders.keys().next().value!);
    return folder;
  }
}

/** Steers batched media downloads into the folder the user picks (`pickFolder` shows the dialog, synchronously). */
export function installDownloads(session: Pick<Session, 'on'>, pickFolder: () => string | null): void {
  const batches = new BatchFolders();
  session.on('will-download', (_event, item: DownloadItem) => {
    const batch = batchOf(item.getURL());
    if (!batch) return; // Electron's save dialog
    const folder = batches.folderFor(batch, pickFolder);
    if (!folder) return item.cancel();
    item.setSavePath(savePathIn(folder, item.getFilename(), (file) => fs.existsSync(file)));
  });
}
