// The pictures the overlay draws in a browser (the OBS page, the host's preview): the explained product's and the
// logo, fetched from the studio once each (`overlay.image`) and forgotten when no longer drawn.
import type { StudioClient } from '../../api/client.ts';

type Loaded = { image: HTMLImageElement; width: number; height: number };

export class OverlayImages {
  private readonly loaded = new Map<string, Loaded | 'loading' | 'failed'>();
  private readonly client: StudioClient;
  private readonly onLoad: () => void;

  constructor(client: StudioClient, onLoad: () => void) {
    this.client = client;
    this.onLoad = onLoad;
  }

  get(id: string): Loaded | null {
    const entry = this.loaded.get(id);
    return entry && entry !== 'loading' && entry !== 'failed' ? entry : null;
  }

  /** Fetches the pictures in `ids` not yet here; drops the others. */
  keep(ids: Array<string | null>): void {
    const wanted = new Set(ids.filter((id): id is string => id !== null));
    for (const id of [...this.loaded.keys()]) if (!wanted.has(id)) this.loaded.delete(id);
    for (const id of wanted) if (!this.loaded.has(id)) void this.fetch(id);
  }

  private async fetch(id: string): Promise<void> {
    this.loaded.set(id, 'loading');
    try {
      const { mime, dataBase64 } = await this.client.call('overlay.image', { imageId: id });
      const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
      const image = new Image();
      image.src = URL.createObjectURL(new Blob([bytes], { type: mime }));
      await image.decode();
      if (this.loaded.get(id) !== 'loading') return; // no longer drawn
      this.loaded.set(id, { image, width: image.naturalWidth, height: image.naturalHeight });
      this.onLoad();
    } catch {
      this.loaded.set(id, 'failed');
    }
  }
}
