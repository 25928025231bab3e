// Exports a show's clips from the window: each clip and its poster downloaded from the studio's media address, as
// one batch (the desktop app asks for a folder once and puts them all there).
import type { ClipView } from '../../../../electron/core/protocol/clip-schemas.ts';
import { studio } from '../../api/index.ts';
import { downloadUrl } from '../../ui/file-transfer.ts';

export async function exportClips(clips: readonly ClipView[], onProgress: (done: number) => void): Promise<number> {
  const batch = crypto.randomUUID();
  let done = 0;
  for (const clip of clips) {
    const { url, fileName } = await studio.call('clips.play', { clipId: clip.id });
    downloadUrl(url, fileName, batch);
    // The poster too, beside it (made now if it never was).
    const poster = await studio.call('clips.poster', { clipId: clip.id }).catch(() => null);
    if (poster) downloadUrl(poster.url, fileName.replace(/\.mp4$/, '.jpg'), batch);
    onProgress(++done);
  }
  return done;
}
