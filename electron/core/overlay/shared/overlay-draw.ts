// Draws the overlay with the Canvas 2D API: the encoder's painter calls it with Skia (@napi-rs/canvas) and the OBS
// page with the browser's canvas, so both show the same thing. Runtime-neutral: no Node, no DOM types.
import type { OverlayCard, OverlayCoupon, OverlayScene, OverlaySettings } from '../../protocol/overlay-schemas.ts';
import { placeOverlay, type Box, type Frame } from './overlay-layout.ts';
import { fontStack, Pen, themeOf, type Ctx2D, type ImageLookup } from './overlay-pen.ts';
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

export type { Ctx2D, ImageLookup } from './overlay-pen.ts';

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
  /** The card's stock line (false: a video kept after the show, whose stock would be stale). Default true. */
  stock?: boolean;
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
  if (options.stock !== false) {
    pen.text(stockLabel(card, language), left, bottomY, {
      size: 18,
      bold: soldOut,
      color: soldOut ? theme.accent : theme.muted,
    });
  }
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
