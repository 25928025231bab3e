// Loading what the poster draws: the cover as uploaded (a 750px poster needs more than the 240px thumbnail),
// falling back to the thumbnail.
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import type { Locale } from '../../../i18n/index.ts';
import { drawPoster } from './poster.ts';

function loadImage(url: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => resolve(null);
    image.src = url;
  });
}

async function coverImage(imageId: string | null): Promise<HTMLImageElement | null> {
  if (!imageId) return null;
  for (const method of ['catalog.image', 'catalog.thumbnail'] as const) {
    try {
      const { mime, dataBase64 } = await studio.call(method, { imageId });
      const image = await loadImage(`data:${mime};base64,${dataBase64}`);
      if (image) return image;
    } catch {
      // try the next; with neither, the poster is drawn without a picture rather than not at all
    }
  }
  return null;
}

/** Draws the poster and returns it as a PNG. */
export async function renderPoster(session: Session, locale: Locale): Promise<Blob> {
  const cover = await coverImage(session.coverImageId);
  const canvas = document.createElement('canvas');
  const fontFamily = getComputedStyle(document.body).fontFamily || 'sans-serif';
  // Text drawn before the web font is ready would silently fall back; system fonts are ready at once.
  await document.fonts?.ready;
  drawPoster(canvas, {
    session,
    locale,
    cover,
    coverSize: cover ? { width: cover.naturalWidth, height: cover.naturalHeight } : null,
    fontFamily,
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the poster could not be encoded'))), 'image/png'),
  );
}
