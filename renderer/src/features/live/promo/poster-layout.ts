// Where the poster's parts go, so the notes the session's field promises always make it onto the poster: with
// notes the cover is shorter and the title takes two lines at most, leaving them up to three lines above the QR
// code (or above the caption, without one). Pure, so it is checked in Node.
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1334;
export const MARGIN = 56;
export const QR_SIZE = 220;
const TITLE_LINE = 66;
const DATE_LINE = 44;
const NOTES_LINE = 44;

export interface PosterLayout {
  coverHeight: number;
  titleMaxLines: number;
  /** Lines of notes that fit, at most three. */
  notesLines: number;
}

export function posterLayout(p: { titleLines: number; dateLines: number; hasNotes: boolean; hasQr: boolean }) {
  const coverHeight = p.hasNotes ? 600 : 750;
  const titleMaxLines = p.hasNotes ? 2 : 3;
  let y = coverHeight + 20 + Math.min(p.titleLines, titleMaxLines) * TITLE_LINE;
  if (p.dateLines > 0) y += 64 + (p.dateLines - 1) * DATE_LINE;
  y += 12;
  const bottom = p.hasQr ? POSTER_HEIGHT - MARGIN - QR_SIZE - 40 : POSTER_HEIGHT - MARGIN - 60;
  const notesLines = p.hasNotes ? Math.min(3, Math.max(0, Math.floor((bottom - y) / NOTES_LINE))) : 0;
  return { coverHeight, titleMaxLines, notesLines } satisfies PosterLayout;
}
