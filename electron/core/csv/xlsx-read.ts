// The first worksheet of an .xlsx as text cells (exceljs reads it). A cell reads as a person sees it in Excel:
// numbers as their digits, dates as `YYYY-MM-DD HH:mm:ss` (Excel's dates have no time zone: the wall-clock time
// written), formulas as their result, rich text as its text. A number too long for Excel to keep (an order id
// typed into a General cell) reads as Excel shows it, `3.70461E+18`, so the importer can say its digits are lost.
import ExcelJS from 'exceljs';
import type { Issue } from '../protocol/errors.ts';
import type { SheetRow } from './sheet.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

function numberText(n: number): string {
  // Past 15 significant digits Excel keeps no more: what it shows is all there is.
  if (Number.isInteger(n) && Math.abs(n) >= 1e15)
    return n
      .toExponential(5)
      .replace('e+', 'E+')
      .replace(/\.?0+E/, 'E');
  // Formula results carry binary noise (29.900000000000002): Excel shows 15 significant digits, so does this.
  return String(Number(n.toPrecision(15)));
}

export function cellValueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined || (typeof result === 'object' && result !== null && 'error' in result)
      ? ''
      : cellValueText(result);
  }
  if ('text' in value) return String(value.text);
  return ''; // an error value (#N/A…) says nothing
}

export async function readXlsxRows(bytes: Uint8Array): Promise<{ rows: SheetRow[]; issue: Issue | null }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { rows: [], issue: { path: '', code: 'xlsx_unreadable' } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], issue: { path: '', code: 'csv_empty' } };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValueText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { rows, issue: null };
}
