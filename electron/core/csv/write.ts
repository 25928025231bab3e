// Writes CSV the way Excel reads it best (BOM + CRLF), and keeps user text from running as a spreadsheet formula.

/** Excel opens a BOM-less UTF-8 CSV as the ANSI code page (GBK on Chinese Windows): the BOM makes it read UTF-8. */
export const CSV_BOM = '\uFEFF';
/** Excel's line end. */
export const CSV_EOL = '\r\n';

export type CsvValue = string | number | null;

// Quote when the cell would otherwise change meaning or lose spaces that Excel and other readers trim.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell, quoted only when needed, quotes doubled. null is an empty cell. No formula defusing here. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

// What makes Excel, WPS or LibreOffice evaluate a cell (OWASP "CSV injection"), plus the other forms of those signs
// a Chinese IME or a copied web page brings, which spreadsheets may normalise to them: full-width (＝＋－＠), small
// form variants (﹦﹢﹣﹫) and the minus sign (−, U+2212).
// Apostrophes already in front of a dangerous character get one more, so that undefuse is an exact inverse.
export const DANGEROUS = '=+\\-@\\t\\r＝＋－＠﹦﹢﹣﹫\u2212';
const DEFUSE_NEEDED = new RegExp(`^'*[${DANGEROUS}]`);
const UNDEFUSE_NEEDED = new RegExp(`^''*[${DANGEROUS}]`);

/** Puts a `'` before text a spreadsheet would run as a formula (`=1+1`, `-2`, `@SUM(…)`, `＝1`). */
export function defuseFormula(text: string): string {
  return DEFUSE_NEEDED.test(text) ? `'${text}` : text;
}

// Round-trip rule: undefuseFormula(defuseFormula(x)) === x for every x, so export → import changes nothing.
/** On import: removes the one `'` that defuseFormula adds (a `'` followed by `'`s then a dangerous character). */
export function undefuseFormula(text: string): string {
  return UNDEFUSE_NEEDED.test(text) ? text.slice(1) : text;
}

/**
 * For a typed text cell (xlsx), where nothing is defused: text that an import's undefuseFormula would change gets
 * the one `'` it removes, so export → import stays exact there too.
 */
export function escapeForUndefuse(text: string): string {
  return UNDEFUSE_NEEDED.test(text) ? `'${text}` : text;
}

export interface CsvRowOptions {
  /**
   * Per column: false writes a string raw (text we formatted ourselves, such as the amount `-5.00`).
   * Strings are defused by default (they may come from a user); numbers are never defused.
   */
  defuse?: readonly boolean[];
}

/** One CSV line including its CRLF. */
export function csvRow(cells: readonly CsvValue[], opts: CsvRowOptions = {}): string {
  let out = '';
  for (let k = 0; k < cells.length; k++) {
    const v = cells[k] ?? null;
    const safe = typeof v === 'string' && opts.defuse?.[k] !== false ? defuseFormula(v) : v;
    out += (k === 0 ? '' : ',') + csvCell(safe);
  }
  return out + CSV_EOL;
}
