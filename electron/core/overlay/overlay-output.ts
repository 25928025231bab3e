// One show's overlay files: the picture ffmpeg composites (painted again whenever the scene or the settings
// change, one paint at a time, the latest winning) and the ticker's text file ffmpeg's drawtext reads every frame.
// The ticker's place is fixed when the show starts (drawtext's position is on ffmpeg's command line); its words and
// whether it shows follow the settings live.
import fs from 'node:fs';
import path from 'node:path';
import type { OverlayScene, OverlaySettings } from '../protocol/overlay-schemas.ts';
import type { EncoderOverlay } from '../stream/engine/encoder-args.ts';
import { makePrivateDir } from '../system/data-folder.ts';
import { FONT_FILES, fontsDir } from './fonts.ts';
import { OverlayPainter, replaceFile, type ImageBytes } from './overlay-painter.ts';
import { rgbaToYuva420p } from './yuva.ts';
import { tickerText } from './shared/overlay-draw.ts';
import { layoutOf, orientationOf, placeOverlay, type Frame } from './shared/overlay-layout.ts';

export interface OutputInput {
  scene: OverlayScene;
  settings: OverlaySettings;
  now: number;
}

export class OverlayOutput {
  readonly encoder: EncoderOverlay;
  private readonly painter: OverlayPainter;
  private readonly frame: Frame;
  /** The ticker's edge when the show started (see the file's comment); null without drawtext. */
  private readonly tickerEdge: 'top' | 'bottom' | null;
  private painting: Promise<void> | null = null;
  private next: OutputInput | null = null;
  private closed = false;
  /** The ticker's words as last written (drawtext reads the file every frame; it is rewritten only when they change). */
  private tickerWords: string | null = null;

  private constructor(frame: Frame, painter: OverlayPainter, encoder: EncoderOverlay, edge: 'top' | 'bottom' | null) {
    this.frame = frame;
    this.painter = painter;
    this.encoder = encoder;
    this.tickerEdge = edge;
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
    const scrolls = options.drawtext && fonts !== null;
    const edge = scrolls ? layoutOf(input.settings, frame).ticker.edge : null;
    let ticker: EncoderOverlay['ticker'] = null;
    const textPath = path.join(dir, `${name}.txt`);
    if (scrolls && edge) {
      const placed = placeOverlay(withTicker(input.settings, frame, edge), frame);
      const text = tickerText(placed.ticker!, placed.unit);
      ticker = {
        textPath,
        fontPath: path.join(fonts!, FONT_FILES.bold),
        middle: text.baseline,
        fontSize: text.fontSize,
        speed: input.settings.tickerSpeed * placed.unit,
      };
    }
    const encoder: EncoderOverlay = { imagePath: path.join(dir, `${name}.yuva`), ticker };
    const output = new OverlayOutput(frame, painter, encoder, edge);
    await output.write(input);
    return output;
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
    await this.painting;
    for (const file of [this.encoder.imagePath, this.encoder.ticker?.textPath]) {
      if (file) await fs.promises.rm(file, { force: true });
    }
  }

  private async write({ scene, settings, now }: OutputInput): Promise<void> {
    const drawn = this.tickerEdge ? withTicker(settings, this.frame, this.tickerEdge) : settings;
    const picture = this.painter.paint(scene, drawn, { now, ticker: this.tickerEdge ? 'band' : 'static' });
    if (this.encoder.ticker) {
      const on = settings.enabled && layoutOf(settings, this.frame).ticker.on;
      // One line (drawtext would start a second at a newline); a space, never an empty file, when there is none.
      const words = (on ? settings.tickerText.replace(/\s+/g, ' ').trim() : '') || ' ';
      if (words !== this.tickerWords) {
        await replaceFile(this.encoder.ticker.textPath, Buffer.from(words));
        this.tickerWords = words;
      }
    }
    await replaceFile(this.encoder.imagePath, rgbaToYuva420p(picture, this.frame.width, this.frame.height));
  }
}

/** The settings with the ticker at the show's fixed edge (on or off as the host has it now). */
function withTicker(settings: OverlaySettings, frame: Frame, edge: 'top' | 'bottom'): OverlaySettings {
  const key = orientationOf(frame);
  const layout = settings[key];
  return { ...settings, [key]: { ...layout, ticker: { ...layout.ticker, edge } } };
}

/** The folder the files live in (under the data folder, owner-only like the rest of it). */
export function overlayDir(dataDir: string): string {
  return path.join(dataDir, 'overlay');
}
