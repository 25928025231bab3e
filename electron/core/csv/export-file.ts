// What an export's file is called and what it is, whichever format the user chose.
import type { ExportFormat } from '../protocol/jobs-schemas.ts';
import { formatLocalDate } from './table.ts';
import { XLSX_MIME } from './xlsx-write.ts';

/** `orders-2026-12-02.xlsx`, dated on the machine's local day. */
export function exportFileName(what: string, format: ExportFormat): { fileName: string; mime: string } {
  const mime = format === 'xlsx' ? XLSX_MIME : 'text/csv;charset=utf-8';
  return { fileName: `${what}-${formatLocalDate(Date.now())}.${format}`, mime };
}
