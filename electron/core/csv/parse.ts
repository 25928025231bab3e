// An RFC 4180 reader that forgives what real spreadsheets write. A generator, so an importer can yield to the
// event loop every N records while it reads 100,000 rows.
import type { Issue } from '../protocol/errors.ts';

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  /**
   * 1-based row as a spreadsheet shows it: every record is one row however many line breaks its quoted cells
   * hold, and every empty line is a row too.
   */
  row: number;
  fields: string[];
}

export type CsvSyntaxCode = 'csv_unclosed_quote' | 'csv_bad_quote';

export class CsvSyntaxError extends Error {
  readonly code: CsvSyntaxCode;
  /** The physical line of the fault (where the unclosed quote opened). */
  readonly line: number;
  /** The row a spreadsheet shows for the record it is in: what the user is told. */
  readonly row: number;
  constructor(code: CsvSyntaxCode, line: number, row = line) {
    super(code === 'csv_unclosed_quote' ? `unclosed quote starting on line ${line}` : `bad quote on line ${line}`);
    this.name = 'CsvSyntaxError';
    this.code = code;
    this.line = line;
    this.row = row;
  }
  /** The file-level issue to show the user (no column: the problem is in the file's structure). */
  toIssue(): Issue {
    return { path: '', code: this.code, line: this.row };
  }
}

export type CsvDelimiter = ',' | '\t';

export interface ParseCsvOptions {
  /** Default: detected from the first line (see detectDelimiter). */
  delimiter?: CsvDelimiter;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Tab when the header has tabs and no commas (Excel's "Unicode text" export), comma otherwise. */
export function detectDelimiter(text: string): CsvDelimiter {
  let tabs = false;
  let quoted = false;
  // Only characters outside quotes count, up to the end of the first record.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x2c) return ',';
    else if (c === 0x09) tabs = true;
    else if (c === CR || c === LF) break;
  }
  return tabs ? '\t' : ',';
}

/** Line breaks in a quoted field's text: CRLF, LF and lone CR each count as one. */
function countLineBreaks(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\r'); k !== -1; k = s.indexOf('\r', k + 1)) n++;
  for (let k = s.indexOf('\n'); k !== -1; k = s.indexOf('\n', k + 1)) if (k === 0 || s.charCodeAt(k - 1) !== CR) n++;
  return n;
}

/**
 * Yields one record per non-empty line (or per multi-line quoted record). Completely empty lines are skipped
 * but counted. A quote inside an unquoted field is kept literally (as Excel does); a character other than the
 * delimiter or a line end right after a closing quote throws `csv_bad_quote`; a quote never closed throws
 * `csv_unclosed_quote` with the line where that field started. A leading BOM is ignored.
 */
export function* parseCsv(text: string, options: ParseCsvOptions = {}): Generator<CsvRecord, void, void> {
  const delim = (options.delimiter ?? detectDelimiter(text)).charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    row++;
    // An empty line: not a record, but it still moves the line and row counts on.
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) throw new CsvSyntaxError('csv_unclosed_quote', quoteLine, row);
          const chunk = text.slice(j, q);
          value += chunk;
          line += countLineBreaks(chunk);
          // A doubled quote is a literal quote; a single one closes the field.
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.push(value);
        const d = text.charCodeAt(i); // NaN at the end of the text
        if (d === delim) {
          i++;
          continue;
        }
        if (i < n && d !== CR && d !== LF) throw new CsvSyntaxError('csv_bad_quote', line, row);
      } else {
        let j = i;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === delim || d === CR || d === LF) break;
        }
        fields.push(text.slice(i, j));
        i = j;
        if (text.charCodeAt(i) === delim) {
          i++;
          continue;
        }
      }
      break;
    }
    // The record ends at a line break (consumed here) or at the end of the text.
    if (i < n) {
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    yield { line: start, row, fields };
  }
}
