// Thumbnails by imageId: an image never changes under its id (it is a content hash), so one fetch per id.
import { useEffect, useState } from 'react';
import type { StudioClient } from '../api/index.ts';

let client: StudioClient | null = null;
const cache = new Map<string, string>();
const inflight = new Map<string, Promise<string | null>>();

export function bindThumbnails(studio: StudioClient): void {
  client = studio;
}

function load(imageId: string): Promise<string | null> {
  const cached = cache.get(imageId);
  if (cached) return Promise.resolve(cached);
  let promise = inflight.get(imageId);
  if (!promise && client) {
    promise = client
      .call('catalog.thumbnail', { imageId })
      .then(({ mime, dataBase64 }) => {
        const url = `data:${mime};base64,${dataBase64}`;
        cache.set(imageId, url);
        return url;
      })
      .catch(() => null) // a missing image shows the placeholder; the next render may retry
      .finally(() => inflight.delete(imageId));
    inflight.set(imageId, promise);
  }
  return promise ?? Promise.resolve(null);
}

export function useThumbnail(imageId: string | null | undefined): string | null {
  const [loaded, setLoaded] = useState<{ id: string; url: string | null } | null>(null);
  useEffect(() => {
    if (!imageId || cache.has(imageId)) return;
    let live = true;
    void load(imageId).then((url) => {
      if (live) setLoaded({ id: imageId, url });
    });
    return () => {
      live = false;
    };
  }, [imageId]);
  if (!imageId) return null;
  return cache.get(imageId) ?? (loaded?.id === imageId ? loaded.url : null);
}
