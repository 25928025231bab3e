// The announcement poster, drawn on a 750×1334 canvas (a phone screen, the size WeChat Moments shows
// best): cover picture, title, start time, notes, and a QR code of the promo link when there is one.
import { encode } from 'uqr';
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { translate, type Locale } from '../../../i18n/index.ts';
import { dateTimeWithWeekday } from '../format.ts';

import { MARGIN, POSTER_HEIGHT, POSTER_WIDTH, posterLayout, QR_SIZE } from './poster-layout.ts';

export { POSTER_HEIGHT, POSTER_WIDTH };

export interface PosterInput {
  session: Session;
  locale: Locale;
  cover: CanvasImageSource | null;
  coverSize: { width: number; height: number } | null;
  fontFamily: string;
}

/** Greedy line breaking that keeps Latin words whole and lets CJK break anywhere. */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const tokens = text.match(/[\p{Script=Latin}\p{N}'’.,!?&-]+\s*|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const candidate = line + token;
    if (ctx.measureText(candidate.trimEnd()).width <= maxWidth || line === '') {
      line = candidate;
      continue;
    }
    lines.push(line.trimEnd());
    line = token.trimStart();
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line.trim()) lines.push(line.trimEnd());
  else if (lines.length === maxLines && line.trim()) {
    // Out of room: the last line ends in an ellipsis that still fits.
    let last = lines[maxLines - 1] ?? '';
    while (last && ctx.measureText(`${last}…`).width > maxWidth) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last}…`;
  }
  return lines;
}

function drawCover(ctx: CanvasRenderingContext2D, input: PosterInput, coverHeight: number): void {
  const { cover, coverSize } = input;
  if (cover && coverSize && coverSize.width > 0 && coverSize.height > 0) {
    // object-fit: cover, centred.
    const scale = Math.max(POSTER_WIDTH / coverSize.width, coverHeight / coverSize.height);
    const w = coverSize.width * scale;
    const h = coverSize.height * scale;
    ctx.drawImage(cover, (POSTER_WIDTH - w) / 2, (coverHeight - h) / 2, w, h);
  } else {
    const g = ctx.createLinearGradient(0, 0, POSTER_WIDTH, coverHeight);
    g.addColorStop(0, '#3a1630');
    g.addColorStop(1, '#142447');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, POSTER_WIDTH, coverHeight);
    ctx.fillStyle = 'rgba(255,255,255,0.12)';
    ctx.font = `700 180px ${input.fontFamily}`;
    ctx.textAlign = 'center';
    ctx.fillText('LIVE', POSTER_WIDTH / 2, coverHeight / 2 + 60);
    ctx.textAlign = 'left';
  }
  // Fade the picture into the text area so the title reads on any cover.
  const fade = ctx.createLinearGradient(0, coverHeight - 220, 0, coverHeight);
  fade.addColorStop(0, 'rgba(15,17,21,0)');
  fade.addColorStop(1, 'rgba(15,17,21,1)');
  ctx.fillStyle = fade;
  ctx.fillRect(0, coverHeight - 220, POSTER_WIDTH, 220);
}

function drawQr(ctx: CanvasRenderingContext2D, link: string, x: number, y: number): void {
  const qr = encode(link, { ecc: 'M', border: 0 });
  const quiet = 14;
  const cell = Math.floor((QR_SIZE - quiet * 2) / qr.size);
  const drawn = cell * qr.size;
  const offset = (QR_SIZE - drawn) / 2;
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.roundRect(x, y, QR_SIZE, QR_SIZE, 16);
  ctx.fill();
  ctx.fillStyle = '#000000';
  qr.data.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) ctx.fillRect(x + offset + c * cell, y + offset + r * cell, cell, cell);
    }),
  );
}

export function drawPoster(canvas: HTMLCanvasElement, input: PosterInput): void {
  const { session, locale, fontFamily } = input;
  const tr = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#0f1115';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  const notes = session.notes.replace(/\s+/g, ' ').trim();
  ctx.font = `700 54px ${fontFamily}`;
  const titleLines = wrapText(ctx, session.title || tr('live.untitled'), POSTER_WIDTH - MARGIN * 2, 3);
  ctx.font = `600 32px ${fontFamily}`;
  const dateLines =
    session.plannedAt === null
      ? []
      : wrapText(ctx, dateTimeWithWeekday(locale, session.plannedAt), POSTER_WIDTH - MARGIN * 2, 2);
  const layout = posterLayout({
    titleLines: titleLines.length,
    dateLines: dateLines.length,
    hasNotes: notes !== '',
    hasQr: Boolean(session.promoLink),
  });
  drawCover(ctx, input, layout.coverHeight);

  // The tag in the corner: what this picture is, in the live red.
  ctx.font = `700 30px ${fontFamily}`;
  const tag = tr('live.poster.tag');
  const tagWidth = ctx.measureText(tag).width + 40;
  ctx.fillStyle = '#ff2d55';
  ctx.beginPath();
  ctx.roundRect(MARGIN, MARGIN, tagWidth, 56, 28);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.fillText(tag, MARGIN + 20, MARGIN + 29);
  ctx.textBaseline = 'alphabetic';

  let y = layout.coverHeight + 20;
  ctx.fillStyle = '#ffffff';
  ctx.font = `700 54px ${fontFamily}`;
  for (const line of wrapText(
    ctx,
    session.title || tr('live.untitled'),
    POSTER_WIDTH - MARGIN * 2,
    layout.titleMaxLines,
  )) {
    y += 66;
    ctx.fillText(line, MARGIN, y);
  }

  if (session.plannedAt !== null) {
    y += 64;
    ctx.fillStyle = '#f5b83d';
    ctx.font = `600 32px ${fontFamily}`;
    for (const line of dateLines) {
      ctx.fillText(line, MARGIN, y);
      y += 44;
    }
    y -= 44;
  }

  const qrTop = POSTER_HEIGHT - MARGIN - QR_SIZE;
  const hasQr = Boolean(session.promoLink);
  if (notes) {
    ctx.fillStyle = '#c9ced8';
    ctx.font = `400 28px ${fontFamily}`;
    y += 12;
    const lines = layout.notesLines > 0 ? wrapText(ctx, notes, POSTER_WIDTH - MARGIN * 2, layout.notesLines) : [];
    for (const line of lines) {
      y += 44;
      ctx.fillText(line, MARGIN, y);
    }
  }

  if (hasQr && session.promoLink) {
    const qrX = POSTER_WIDTH - MARGIN - QR_SIZE;
    drawQr(ctx, session.promoLink, qrX, qrTop);
    ctx.fillStyle = '#ffffff';
    ctx.font = `600 32px ${fontFamily}`;
    const captionWidth = qrX - MARGIN - 24;
    let cy = qrTop + 80;
    for (const line of wrapText(ctx, tr('live.poster.scan'), captionWidth, 2)) {
      ctx.fillText(line, MARGIN, cy);
      cy += 44;
    }
    ctx.fillStyle = '#9aa3b2';
    ctx.font = `400 24px ${fontFamily}`;
    for (const line of wrapText(ctx, tr('live.poster.scanHint'), captionWidth, 2)) {
      ctx.fillText(line, MARGIN, cy);
      cy += 34;
    }
  } else {
    ctx.fillStyle = '#9aa3b2';
    ctx.font = `400 26px ${fontFamily}`;
    ctx.fillText(tr('live.poster.noLinkCaption'), MARGIN, POSTER_HEIGHT - MARGIN - 10);
  }
}
