// A spreadsheet file as rows of text cells, whatever it is: an .xlsx workbook (its first worksheet) or a CSV in
// any of the encodings sellers' tools write. Each row carries the number a spreadsheet shows for it, so every
// message names the row the seller sees (a CSV's quoted line breaks and blank lines count as Excel counts them).
import type { Issue } from '../protocol/errors.ts';
import { decodeCsvBytes, type CsvEncoding } from './decode.ts';
import { CsvSyntaxError, parseCsv } from './parse.ts';
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

/** An .xlsx (or any zip: what else would a spreadsheet in a zip be) starts with the zip signature. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readSheet(bytes: Uint8Array): Promise<Sheet> {
  if (isXlsx(bytes)) return { format: 'xlsx', ...(await readXlsxRows(bytes)) };
  const { text, encoding } = decodeCsvBytes(bytes);
  const rows: SheetRow[] = [];
  try {
    for (const record of parseCsv(text)) rows.push({ row: record.row, cells: record.fields });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { format: encoding, rows, issue: error.toIssue() };
  }
  return { format: encoding, rows, issue: null };
}
