// Money is integer fen (分). Runtime-neutral: the renderer and the CSV importer parse amounts the same way.

/** The largest amount we accept: ¥100,000,000.00 — far above any live-selling price, far below 2^53. */
export const MAX_FEN = 10_000_000_000;

const AMOUNT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses what sellers type or keep in spreadsheets: `99.9`, `99.90`, `¥1,299.00`, `￥5`, ` 5 `.
 * Returns integer fen, or null when the text is not a non-negative amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  let s = text.trim();
  if (s.startsWith('¥') || s.startsWith('￥')) s = s.slice(1).trim();
  if (s.endsWith('元')) s = s.slice(0, -1).trim();
  const m = AMOUNT.exec(s);
  if (!m) return null;
  const [whole, frac = ''] = s.replaceAll(',', '').split('.') as [string, string?];
  // String arithmetic, never floats: 0.29 * 100 would be 28.999999999999996.
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0') || '0');
  return Number.isSafeInteger(fen) && fen <= MAX_FEN ? fen : null;
}

/** `129900` → `1299.00`: two decimals, no currency sign, no grouping (what CSV and inputs want). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `129900` → `¥1,299.00` for display. */
export function displayFen(fen: number): string {
  const [whole = '0', frac = '00'] = formatFen(Math.abs(fen)).split('.');
  return `${fen < 0 ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
