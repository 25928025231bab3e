// The overlay's drawing tools over the Canvas 2D API (Skia's in the encoder's painter, the browser's on the OBS page
// and in the preview): the context's shape both share, the theme's colours, and a pen that writes, fits, wraps and
// places pictures in design units. Runtime-neutral: no Node, no DOM types.
import type { OverlaySettings } from '../../protocol/overlay-schemas.ts';
import type { Box } from './overlay-layout.ts';

/** The part of CanvasRenderingContext2D drawn with (the browser's and Skia's both have it). */
export interface Ctx2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  globalAlpha: number;
  save(): void;
  restore(): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  roundRect(x: number, y: number, w: number, h: number, radii: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  fill(): void;
  stroke(): void;
  clip(): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  drawImage(
    image: object,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
}

/** A loaded picture (the product's, the logo) with its size; null when it is not loaded (yet). */
export type ImageLookup = (imageId: string) => { image: object; width: number; height: number } | null;

export interface Theme {
  panel: string;
  text: string;
  muted: string;
  accent: string;
  onAccent: string;
  band: string;
  bandText: string;
}

export function themeOf(settings: OverlaySettings): Theme {
  const dark = settings.theme === 'dark';
  return {
    panel: dark ? 'rgba(22,22,28,0.88)' : 'rgba(255,255,255,0.94)',
    text: dark ? '#FFFFFF' : '#1F1F1F',
    muted: dark ? '#B8B8C0' : '#7A7A7A',
    accent: settings.accent,
    onAccent: '#FFFFFF',
    band: dark ? 'rgba(0,0,0,0.6)' : 'rgba(0,0,0,0.5)',
    bandText: '#FFFFFF',
  };
}

export function fontStack(family: string): string {
  return `"${family}", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
}

/** Text and shapes in design units (1 = a 720p pixel), with the theme. */
export class Pen {
  readonly ctx: Ctx2D;
  readonly u: number;
  readonly theme: Theme;
  private readonly family: string;

  constructor(ctx: Ctx2D, unit: number, family: string, theme: Theme) {
    this.ctx = ctx;
    this.u = unit;
    this.family = family;
    this.theme = theme;
  }

  font(size: number, bold: boolean): void {
    this.ctx.font = `${bold ? 'bold ' : ''}${Math.round(size * this.u)}px ${this.family}`;
  }

  text(
    text: string,
    x: number,
    y: number,
    o: { size: number; bold?: boolean; color: string; align?: 'left' | 'center' },
  ): void {
    this.font(o.size, o.bold ?? false);
    this.ctx.fillStyle = o.color;
    this.ctx.textAlign = o.align ?? 'left';
    this.ctx.textBaseline = 'middle';
    this.ctx.fillText(text, x, y);
  }

  panel(box: Box, radius: number): void {
    this.ctx.fillStyle = this.theme.panel;
    this.ctx.beginPath();
    this.ctx.roundRect(box.x, box.y, box.width, box.height, radius * this.u);
    this.ctx.fill();
  }

  /** Cut to `width` with an ellipsis (characters, not words: titles are mostly Chinese). */
  fit(text: string, width: number, size: number, bold: boolean): string {
    this.font(size, bold);
    if (this.ctx.measureText(text).width <= width) return text;
    const chars = [...text];
    while (chars.length > 0 && this.ctx.measureText(`${chars.join('')}…`).width > width) chars.pop();
    return `${chars.join('')}…`;
  }

  /** Up to `max` lines of `width`, the last cut with an ellipsis. */
  wrap(text: string, width: number, size: number, bold: boolean, max: number): string[] {
    this.font(size, bold);
    const lines: string[] = [];
    let line = '';
    const chars = [...text.replace(/\s+/g, ' ').trim()];
    for (let i = 0; i < chars.length; i++) {
      const next = line + chars[i];
      if (this.ctx.measureText(next).width <= width || line === '') {
        line = next;
        continue;
      }
      if (lines.length === max - 1)
        return [...lines, this.fit(chars.slice(i - [...line].length).join(''), width, size, bold)];
      lines.push(line);
      line = chars[i]!.trimStart();
    }
    return line ? [...lines, line] : lines;
  }

  /** A picture in a box: 'cover' fills it (cropping), 'contain' fits inside it. */
  picture(
    img: { image: object; width: number; height: number },
    box: Box,
    fit: 'cover' | 'contain',
    radius: number,
  ): void {
    const ratio =
      fit === 'cover'
        ? Math.max(box.width / img.width, box.height / img.height)
        : Math.min(box.width / img.width, box.height / img.height);
    const w = img.width * ratio;
    const h = img.height * ratio;
    this.ctx.save();
    if (radius > 0) {
      this.ctx.beginPath();
      this.ctx.roundRect(box.x, box.y, box.width, box.height, radius);
      this.ctx.clip();
    }
    if (fit === 'cover') {
      // The middle of the picture, as much as fits.
      const sw = box.width / ratio;
      const sh = box.height / ratio;
      this.ctx.drawImage(
        img.image,
        (img.width - sw) / 2,
        (img.height - sh) / 2,
        sw,
        sh,
        box.x,
        box.y,
        box.width,
        box.height,
      );
    } else {
      const x = box.x + (box.width - w) / 2;
      const y = box.y + (box.height - h) / 2;
      this.ctx.drawImage(img.image, 0, 0, img.width, img.height, x, y, w, h);
    }
    this.ctx.restore();
  }
}
