// One show's overlay files: the atlas ffmpeg composites (overlay-atlas.ts; painted again whenever the scene or the
// settings change, one paint at a time, the latest winning) and the ticker's text file ffmpeg's drawtext reads every
// frame. When the host moves an element mid-show, its slot is emptied, the encoder told the new place, and only
// then painted again: it never shows at the old place with the new picture, or the other way round.
import fs from 'node:fs';
import path from 'node:path';
import type { OverlayScene, OverlaySettings } from '../protocol/overlay-schemas.ts';
import type { EncoderOverlay, OverlayPlaces } from '../stream/engine/encoder-args.ts';
import { makePrivateDir } from '../system/data-folder.ts';
import { FONT_FILES, fontsDir } from './fonts.ts';
import { OverlayPainter, replaceFile, type ImageBytes } from './overlay-painter.ts';
import {
  fillAtlas,
  movedSlots,
  placeAll,
  planAtlas,
  slotPlaces,
  withinLimits,
  type ScaleLimits,
} from './overlay-atlas.ts';
import { tickerText } from './shared/overlay-draw.ts';
import type { Region } from './yuva.ts';
import { layoutOf, orientationOf, placeOverlay, type Frame } from './shared/overlay-layout.ts';

export interface OutputInput {
  scene: OverlayScene;
  settings: OverlaySettings;
  now: number;
}

type Mover = (places: OverlayPlaces) => Promise<void>;

export class OverlayOutput {
  readonly encoder: EncoderOverlay;
  /** The scale each element had as the show started: its slot's size (see overlay-atlas.ts). */
  readonly limits: ScaleLimits;
  readonly orientation: 'landscape' | 'vertical';
  private readonly painter: OverlayPainter;
  private readonly frame: Frame;
  private current: OverlayPlaces;
  private mover: Mover | null = null;
  private painting: Promise<void> | null = null;
  private next: OutputInput | null = null;
  private closed = false;
  /** The ticker's words as last written (drawtext reads the file every frame; it is rewritten only when they change). */
  private tickerWords: string | null = null;

  private constructor(frame: Frame, painter: OverlayPainter, encoder: EncoderOverlay, limits: ScaleLimits) {
    this.frame = frame;
    this.painter = painter;
    this.encoder = encoder;
    this.limits = limits;
    this.orientation = orientationOf(frame);
    this.current = {};
  }

  /** The files for a show of this size, painted before ffmpeg starts (it opens them at once). */
  static async open(
    dir: string,
    frame: Frame,
    input: OutputInput,
    options: { drawtext: boolean; images: ImageBytes },
  ): Promise<OverlayOutput> {
    makePrivateDir(dir);
    const painter = new OverlayPainter(frame, options.images);
    const name = `overlay-${process.pid}-${frame.width}x${frame.height}`;
    const fonts = fontsDir();
    const { atlas, slots, limits } = planAtlas(input.settings, frame);
    let ticker: EncoderOverlay['ticker'] = null;
    if (options.drawtext && fonts !== null) {
      const { ticker: band, unit } = placeAll(input.settings, frame);
      ticker = {
        textPath: path.join(dir, `${name}.txt`),
        fontPath: path.join(fonts, FONT_FILES.bold),
        slot: 'ticker',
        // The band's middle, in its slot (the slot is the band: overlay-atlas.ts).
        middle: band!.height / 2,
        fontSize: tickerText(band!, unit).fontSize,
        speed: input.settings.tickerSpeed * unit,
      };
    }
    const encoder: EncoderOverlay = { imagePath: path.join(dir, `${name}.yuva`), atlas, slots, ticker };
    const output = new OverlayOutput(frame, painter, encoder, limits);
    // The slots are sized from these settings, so nothing is over its limit yet.
    output.current = slotPlaces(encoder, placeOverlay(input.settings, frame), frame, null);
    await output.write(input);
    return output;
  }

  /** Where the slots are now (the encoders start with these). */
  places(): OverlayPlaces {
    return this.current;
  }

  /** Who moves the slots in the encoders (stream-engine.ts); null when the show's engine is gone. */
  follow(mover: Mover | null): void {
    this.mover = mover;
  }

  /** Paints again; a change while a paint is in flight is painted right after it (only the latest). */
  update(input: OutputInput): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.next = input;
    this.painting ??= (async () => {
      try {
        while (this.next && !this.closed) {
          const current = this.next;
          this.next = null;
          await this.write(current).catch((error: Error) => {
            console.error('[overlay] the overlay could not be written:', error.message);
          });
        }
      } finally {
        this.painting = null;
      }
    })();
    return this.painting;
  }

  /** Removes the files once the show's encoders are gone. */
  async close(): Promise<void> {
    this.closed = true;
    this.mover = null;
    await this.painting;
    for (const file of [this.encoder.imagePath, this.encoder.ticker?.textPath]) {
      if (file) await fs.promises.rm(file, { force: true });
    }
  }

  private async write({ scene, settings, now }: OutputInput): Promise<void> {
    const drawn = withinLimits(settings, this.frame, this.limits);
    const places = slotPlaces(this.encoder, placeOverlay(drawn, this.frame), this.frame, this.current);
    this.painter.draw(scene, drawn, { now, ticker: this.encoder.ticker ? 'band' : 'static' });
    const read = (region: Region) => this.painter.pixels(region);
    if (this.encoder.ticker) {
      const on = settings.enabled && layoutOf(settings, this.frame).ticker.on;
      // One line (drawtext would start a second at a newline); a space, never an empty file, when there is none.
      const words = (on ? settings.tickerText.replace(/\s+/g, ' ').trim() : '') || ' ';
      if (words !== this.tickerWords) {
        await replaceFile(this.encoder.ticker.textPath, Buffer.from(words));
        this.tickerWords = words;
      }
    }
    const moved = movedSlots(this.current, places);
    if (moved.length > 0) {
      // Empty where they were, moved, then shown: the encoder reads the atlas and takes moves at its own pace.
      await replaceFile(this.encoder.imagePath, fillAtlas(this.encoder, read, this.current, new Set(moved)));
      await this.mover?.(places);
      this.current = places;
    }
    await replaceFile(this.encoder.imagePath, fillAtlas(this.encoder, read, places));
  }
}

/** The folder the files live in (under the data folder, owner-only like the rest of it). */
export function overlayDir(dataDir: string): string {
  return path.join(dataDir, 'overlay');
}
