// Draws the overlay with the Canvas 2D API: the encoder's painter calls it with Skia (@napi-rs/canvas) and the OBS
// page with the browser's canvas, so both show the same thing. Runtime-neutral: no Node, no DOM types.
import type { OverlayCard, OverlayCoupon, OverlayScene, OverlaySettings } from '../../protocol/overlay-schemas.ts';
import { placeOverlay, type Box, type Frame } from './overlay-layout.ts';
import {
  couponEndsLabel,
  couponHeadline,
  couponLeftLabel,
  couponRule,
  linkLabel,
  soldOutBadge,
  stockLabel,
  yuan,
} from './overlay-text.ts';

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

export interface DrawOptions {
  images: ImageLookup;
  /** The studio's time now (the coupon's countdown). */
  now: number;
  /** The family name the bundled font was registered under, first in the list. */
  fontFamily: string;
  /**
   * The ticker's text: 'band' draws only its band (the encoder scrolls the words with ffmpeg's drawtext), a number
   * draws the words scrolled by that many pixels (the OBS page), 'static' draws them still (no drawtext).
   */
  ticker: 'band' | 'static' | number;
}

interface Theme {
  panel: string;
  text: string;
  muted: string;
  accent: string;
  onAccent: string;
  band: string;
  bandText: string;
}

function themeOf(settings: OverlaySettings): Theme {
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

/** The ticker's font size and baseline in its band (ffmpeg's drawtext uses the same numbers). */
export function tickerText(band: Box, unit: number): { fontSize: number; baseline: number; padding: number } {
  const fontSize = Math.round(26 * unit);
  return { fontSize, baseline: band.y + band.height / 2, padding: Math.round(24 * unit) };
}

/**
 * Where the scrolling line is at `nowMs` where something animates it (the OBS page, the host's preview): at the speed
 * the encoder's drawtext uses, pixels per second at 720p scaled with the picture.
 */
export function tickerOffset(settings: OverlaySettings, frame: Frame, nowMs: number): number {
  return (nowMs / 1000) * settings.tickerSpeed * placeOverlay(settings, frame).unit;
}

/** Whether the overlay changes by itself (the line scrolls, a coupon counts down): drawn every frame then. */
export function overlayMoves(settings: OverlaySettings, scene: OverlayScene): boolean {
  return settings.enabled && (settings.tickerText.trim() !== '' || scene.coupon !== null);
}

export function fontStack(family: string): string {
  return `"${family}", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;
}

export function drawOverlay(
  ctx: Ctx2D,
  frame: Frame,
  scene: OverlayScene,
  settings: OverlaySettings,
  options: DrawOptions,
): void {
  ctx.clearRect(0, 0, frame.width, frame.height);
  if (!settings.enabled) return;
  const placed = placeOverlay(settings, frame);
  const pen = new Pen(ctx, placed.unit, fontStack(options.fontFamily), themeOf(settings));
  const language = settings.language;
  if (placed.logo && settings.logoImageId) {
    const logo = options.images(settings.logoImageId);
    if (logo) pen.picture(logo, placed.logo, 'contain', 0);
  }
  if (placed.card && scene.card) drawCard(pen, placed.card, scene.card, language, options);
  if (placed.coupon && scene.coupon) drawCoupon(pen, placed.coupon, scene.coupon, language, options.now);
  if (placed.ticker && settings.tickerText.trim()) {
    const band = placed.ticker;
    ctx.fillStyle = pen.theme.band;
    ctx.fillRect(band.x, band.y, band.width, band.height);
    if (options.ticker !== 'band') {
      const { fontSize, baseline, padding } = tickerText(band, placed.unit);
      ctx.save();
      ctx.beginPath();
      ctx.rect(band.x, band.y, band.width, band.height);
      ctx.clip();
      pen.font(fontSize, false);
      ctx.fillStyle = pen.theme.bandText;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      const text = settings.tickerText.trim();
      if (options.ticker === 'static') ctx.fillText(text, padding, baseline);
      else {
        // Enters from the right edge and leaves at the left, then again: one pass is the band plus the words.
        const pass = band.width + ctx.measureText(text).width;
        ctx.fillText(text, band.width - (options.ticker % pass), baseline);
      }
      ctx.restore();
    }
  }
}

function drawCard(pen: Pen, box: Box, card: OverlayCard, language: 'zh-CN' | 'en', options: DrawOptions): void {
  const { ctx, u, theme } = pen;
  const soldOut = card.soldOut || card.stock <= 0;
  pen.panel(box, 16);
  const inset = 12 * u;
  const side = box.height - 2 * inset;
  const pic: Box = { x: box.x + inset, y: box.y + inset, width: side, height: side };
  const image = card.imageId ? options.images(card.imageId) : null;
  if (image) pen.picture(image, pic, 'cover', 10 * u);
  else {
    ctx.fillStyle = theme.accent;
    ctx.beginPath();
    ctx.roundRect(pic.x, pic.y, pic.width, pic.height, 10 * u);
    ctx.fill();
    pen.text(String(card.linkNo), pic.x + side / 2, pic.y + side / 2, {
      size: 64,
      bold: true,
      color: theme.onAccent,
      align: 'center',
    });
  }
  if (soldOut) {
    ctx.fillStyle = 'rgba(0,0,0,0.55)';
    ctx.beginPath();
    ctx.roundRect(pic.x, pic.y, pic.width, pic.height, 10 * u);
    ctx.fill();
    pen.text(soldOutBadge(language), pic.x + side / 2, pic.y + side / 2, {
      size: 36,
      bold: true,
      color: '#FFFFFF',
      align: 'center',
    });
  }
  const left = pic.x + side + 16 * u;
  const right = box.x + box.width - 16 * u;
  const width = right - left;
  // The link number as a pill: what viewers type or tap ("3号链接").
  const pill = linkLabel(card.linkNo, language);
  pen.font(18, true);
  const pillWidth = ctx.measureText(pill).width + 20 * u;
  ctx.fillStyle = theme.accent;
  ctx.beginPath();
  ctx.roundRect(left, box.y + 14 * u, pillWidth, 28 * u, 14 * u);
  ctx.fill();
  pen.text(pill, left + 10 * u, box.y + 28 * u, { size: 18, bold: true, color: theme.onAccent });
  const lines = pen.wrap(card.title, width, 24, true, 2);
  lines.forEach((line, i) =>
    pen.text(line, left, box.y + (60 + i * 28) * u, { size: 24, bold: true, color: theme.text }),
  );
  const priceY = box.y + 134 * u;
  const priceColor = soldOut ? theme.muted : theme.accent;
  // Several 规格 at different prices: the cheapest, said so ("¥39.9 起", "from ¥39.9").
  let start = left;
  if (card.priceFrom && language === 'en') {
    pen.text('from', start, priceY + 4 * u, { size: 20, bold: true, color: priceColor });
    pen.font(20, true);
    start += ctx.measureText('from').width + 6 * u;
  }
  pen.text('¥', start, priceY + 4 * u, { size: 24, bold: true, color: priceColor });
  const amount = yuan(card.priceFen);
  pen.text(amount, start + 16 * u, priceY, { size: 40, bold: true, color: priceColor });
  pen.font(40, true);
  let x = start + 16 * u + ctx.measureText(amount).width + 6 * u;
  if (card.priceFrom && language !== 'en') {
    pen.text('起', x, priceY + 4 * u, { size: 22, bold: true, color: priceColor });
    pen.font(22, true);
    x += ctx.measureText('起').width;
  }
  x += 6 * u;
  if (card.originalPriceFen !== null && card.originalPriceFen > card.priceFen) {
    const was = `¥${yuan(card.originalPriceFen)}`;
    pen.text(was, x, priceY + 4 * u, { size: 20, color: theme.muted });
    pen.font(20, false);
    const w = ctx.measureText(was).width;
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = Math.max(1, 2 * u);
    ctx.beginPath();
    ctx.moveTo(x, priceY + 4 * u);
    ctx.lineTo(x + w, priceY + 4 * u);
    ctx.stroke();
  }
  const bottomY = box.y + box.height - 20 * u;
  pen.text(stockLabel(card, language), left, bottomY, {
    size: 18,
    bold: soldOut,
    color: soldOut ? theme.accent : theme.muted,
  });
  if (card.coupon && !soldOut) {
    const chip = `${language === 'en' ? 'Coupon' : '券'} ${couponRule(card.coupon, language)}`;
    pen.font(18, true);
    const chipWidth = Math.min(ctx.measureText(chip).width + 16 * u, width / 2);
    const chipX = right - chipWidth;
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = Math.max(1, 2 * u);
    ctx.beginPath();
    ctx.roundRect(chipX, bottomY - 14 * u, chipWidth, 28 * u, 6 * u);
    ctx.stroke();
    pen.text(pen.fit(chip, chipWidth - 16 * u, 18, true), chipX + 8 * u, bottomY, {
      size: 18,
      bold: true,
      color: theme.accent,
    });
  }
}

function drawCoupon(pen: Pen, box: Box, coupon: OverlayCoupon, language: 'zh-CN' | 'en', now: number): void {
  const { ctx, u, theme } = pen;
  pen.panel(box, 14);
  const blockWidth = Math.round(box.width * 0.36);
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, 14 * u);
  ctx.clip();
  ctx.fillStyle = theme.accent;
  ctx.fillRect(box.x, box.y, blockWidth, box.height);
  ctx.restore();
  const headline = couponHeadline(coupon, language);
  pen.text(pen.fit(headline, blockWidth - 16 * u, 34, true), box.x + blockWidth / 2, box.y + box.height / 2, {
    size: 34,
    bold: true,
    color: theme.onAccent,
    align: 'center',
  });
  const left = box.x + blockWidth + 14 * u;
  const width = box.x + box.width - 14 * u - left;
  pen.text(pen.fit(coupon.name || couponRule(coupon, language), width, 22, true), left, box.y + 26 * u, {
    size: 22,
    bold: true,
    color: theme.text,
  });
  pen.text(pen.fit(couponRule(coupon, language), width, 18, false), left, box.y + 54 * u, {
    size: 18,
    color: theme.text,
  });
  const status = [couponLeftLabel(coupon.left, language), couponEndsLabel(coupon.endsAt, now, language)]
    .filter(Boolean)
    .join(' · ');
  pen.text(pen.fit(status, width, 16, false), left, box.y + 80 * u, { size: 16, color: theme.muted });
}

/** Text and shapes in design units (1 = a 720p pixel), with the theme. */
class Pen {
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
