// A spreadsheet file as rows of text cells, whatever it is: an .xlsx workbook (its first worksheet) or a CSV in
// any of the encodings sellers' tools write. Each row carries the number a spreadsheet shows for it, so every
// message names the row the seller sees (a CSV's quoted line breaks and blank lines count as Excel counts them).
import type { Issue } from '../protocol/errors.ts';
import { decodeCsvBytes, type CsvEncoding } from './decode.ts';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './parse.ts';
import { readXlsxRows } from './xlsx-read.ts';

export interface SheetRow {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  cells: string[];
}

export type SheetFormat = 'xlsx' | CsvEncoding;

export interface Sheet {
  format: SheetFormat;
  rows: SheetRow[];
  /** A file that could not be read through (an unclosed quote…): said where it is. */
  issue: Issue | null;
}

/** A file's records one at a time, for importers that check 100,000 rows between turns of the event loop. */
export interface SheetRecords {
  format: SheetFormat;
  /** Every non-empty row in order; a CSV whose quoting breaks throws CsvSyntaxError where it breaks. */
  records: Iterable<CsvRecord>;
  /** What `record.line` runs up to, for progress. */
  lines: number;
  /** A workbook that cannot be opened at all. */
  issue: Issue | null;
}

/** An .xlsx (or any zip: what else would a spreadsheet in a zip be) starts with the zip signature. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Excel 97–2003's .xls is an OLE compound file: no library we trust reads it, so the user is told to save as. */
function isOldXls(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

export async function openSheet(bytes: Uint8Array): Promise<SheetRecords> {
  if (isOldXls(bytes)) return { format: 'xlsx', records: [], lines: 0, issue: { path: '', code: 'xls_old_format' } };
  if (isXlsx(bytes)) {
    const { rows, issue } = await readXlsxRows(bytes);
    // A workbook's row is its line: it has no other.
    const records = rows.map((r) => ({ line: r.row, row: r.row, fields: r.cells }));
    return { format: 'xlsx', records, lines: rows.at(-1)?.row ?? 0, issue };
  }
  const { text, encoding } = decodeCsvBytes(bytes);
  return { format: encoding, records: parseCsv(text), lines: countLines(text), issue: null };
}

export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  const { format, records, issue } = await openSheet(bytes);
  const rows: SheetRow[] = [];
  if (issue) return { format, rows, issue };
  try {
    for (const record of records) rows.push({ row: record.row, cells: record.fields });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { format, rows, issue: error.toIssue() };
  }
  return { format, rows, issue: null };
}
