// Paints the overlay for the encoder: Skia (@napi-rs/canvas, prebuilt binaries from npm, no window needed) draws
// it with the shared drawing code; overlay-output.ts writes it, raw, for ffmpeg to read again for every frame
// (encoder-args.ts). Raw, because ffmpeg decodes a PNG of the picture's size in several milliseconds, every frame,
// while a raw picture costs it a copy (measured; see README, "The overlay").
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, GlobalFonts, Image, type Canvas } from '@napi-rs/canvas';
import type { OverlayScene, OverlaySettings } from '../protocol/overlay-schemas.ts';
import { drawOverlay, type Ctx2D, type ImageLookup } from './shared/overlay-draw.ts';
import type { Frame } from './shared/overlay-layout.ts';
import { FONT_FAMILY, FONT_FILES, fontsDir } from './fonts.ts';

/** Pictures kept decoded: a bag's worth, each decoded once. */
const MAX_IMAGES = 48;

let fontsRegistered: boolean | null = null;

/** Registers the bundled fonts once; false when they are missing (system fonts are used then). */
export function registerFonts(): boolean {
  if (fontsRegistered !== null) return fontsRegistered;
  const dir = fontsDir();
  fontsRegistered = false;
  if (!dir) {
    console.error('[overlay] the bundled fonts are missing: Chinese is drawn with system fonts');
    return false;
  }
  for (const file of Object.values(FONT_FILES)) GlobalFonts.registerFromPath(path.join(dir, file), FONT_FAMILY);
  fontsRegistered = true;
  return true;
}

export type ImageBytes = (imageId: string) => Buffer | null;

export class OverlayPainter {
  readonly frame: Frame;
  private readonly canvas: Canvas;
  private readonly readImage: ImageBytes;
  private readonly images = new Map<string, { image: Image; width: number; height: number } | null>();

  constructor(frame: Frame, readImage: ImageBytes) {
    registerFonts();
    this.frame = frame;
    this.canvas = createCanvas(frame.width, frame.height);
    this.readImage = readImage;
  }

  /** The overlay as straight (not premultiplied) RGBA, row by row. */
  paint(
    scene: OverlayScene,
    settings: OverlaySettings,
    options: { now: number; ticker: 'band' | 'static' },
  ): Uint8ClampedArray {
    this.draw(scene, settings, options);
    return this.pixels({ x: 0, y: 0, ...this.frame });
  }

  /** Draws the overlay on the painter's canvas; `pixels` reads parts of it. */
  draw(
    scene: OverlayScene,
    settings: OverlaySettings,
    options: { now: number; ticker: 'band' | 'static'; stock?: boolean },
  ): void {
    drawOverlay(this.canvas.getContext('2d') as unknown as Ctx2D, this.frame, scene, settings, {
      images: this.lookup,
      now: options.now,
      fontFamily: FONT_FAMILY,
      ticker: options.ticker,
      stock: options.stock,
    });
  }

  /** What was drawn last, as a PNG (transparent where nothing is drawn). */
  png(): Promise<Buffer> {
    return this.canvas.encode('png');
  }

  /** A region of what was drawn last, as straight RGBA row by row (only what the encoder needs is read out). */
  pixels(region: { x: number; y: number; width: number; height: number }): Uint8ClampedArray {
    return this.canvas.getContext('2d').getImageData(region.x, region.y, region.width, region.height).data;
  }

  private readonly lookup: ImageLookup = (imageId) => {
    if (this.images.has(imageId)) return this.images.get(imageId) ?? null;
    let loaded: { image: Image; width: number; height: number } | null = null;
    try {
      const bytes = this.readImage(imageId);
      if (bytes) {
        const image = new Image();
        image.src = bytes;
        if (image.width > 0 && image.height > 0) loaded = { image, width: image.width, height: image.height };
      }
    } catch (error) {
      console.error(`[overlay] picture ${imageId.slice(0, 12)} could not be drawn: ${(error as Error).message}`);
    }
    if (this.images.size >= MAX_IMAGES) this.images.delete(this.images.keys().next().value!);
    this.images.set(imageId, loaded);
    return loaded;
  };
}

/** Writes the picture beside the target and renames it over, so a reader sees the old one or the new one. */
export async function replaceFile(target: string, bytes: Buffer): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  await fs.promises.writeFile(temp, bytes, { mode: 0o600 });
  // Windows refuses to replace a file another process has open (ffmpeg reads it many times a second): try again.
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.promises.rename(temp, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 50 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
