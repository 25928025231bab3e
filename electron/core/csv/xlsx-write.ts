// An .xlsx export written as it goes (exceljs's streaming writer): a header row, frozen and bold, then one row per
// call, each cell typed by its column (table.ts). Order numbers, codes and phone numbers are text cells, so Excel
// neither drops a leading zero nor turns 18 digits into 3.70461E+18; amounts are numbers shown with two decimals.
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { StudioError } from '../protocol/errors.ts';
import { type CellValue, type TableColumn } from './table.ts';
import { escapeForUndefuse } from './write.ts';

/** Excel's last row (2^20): a sheet holds the header and this many minus one data rows. */
export const XLSX_MAX_ROWS = 1_048_576;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Text cells carry no format: a styled cell costs exceljs a style lookup each (a fifth of the time for 100,000 rows).
const NUM_FMT: Partial<Record<TableColumn['kind'], string>> = {
  fen: '0.00',
  count: '0',
  time: 'yyyy-mm-dd hh:mm:ss',
};
/** Excel's text format, for the columns a seller fills in: a 15-digit tracking number typed there stays text. */
const TEXT_FMT = '@';

/** The refusal for an export too long for one sheet, said before anything is written. */
export function assertFitsXlsx(dataRows: number): void {
  if (dataRows + 1 <= XLSX_MAX_ROWS) return;
  throw new StudioError('refused', `${dataRows} rows do not fit in one Excel sheet`, {
    issues: [{ path: '', code: 'xlsx_too_many_rows', params: { rows: dataRows, max: XLSX_MAX_ROWS - 1 } }],
  });
}

/**
 * Excel's dates have no time zone: the cell holds the wall-clock time. Epoch ms → a Date whose UTC fields are the
 * local time, which is what exceljs writes (and what xlsx-read.ts reads back).
 */
function wallClock(ms: number): Date {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

export class XlsxTableWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly kinds: TableColumn['kind'][];
  /** The file reaching `dest`: rejects when `dest` fails (a full disk, a folder that is gone). */
  private readonly piped: Promise<void>;
  private readonly zip = new PassThrough();
  private counted = 0;

  /** `end: false` leaves `dest` open (stdout). */
  constructor(dest: Writable, columns: readonly TableColumn[], sheetName: string, { end = true } = {}) {
    // exceljs ends the stream it writes to; the pass-through lets stdout stay open and counts the bytes.
    const zip = this.zip;
    zip.on('data', (chunk: Buffer) => (this.counted += chunk.byteLength));
    this.piped = pipeline(zip, dest, { end });
    // Said by drained() and finish(), whichever comes first; never left unhandled meanwhile.
    this.piped.catch(() => {});
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zip, useStyles: true, useSharedStrings: false });
    this.sheet = this.workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    this.kinds = columns.map((c) => c.kind);
    this.sheet.columns = columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width,
      style: c.fillIn ? { numFmt: TEXT_FMT } : NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
    }));
    const header = this.sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
  }

  add(values: readonly CellValue[]): void {
    const cells: ExcelJS.CellValue[] = new Array(this.kinds.length);
    for (let k = 0; k < this.kinds.length; k++) {
      const v = values[k] ?? null;
      const kind = this.kinds[k];
      if (v === null) cells[k] = null;
      else if (typeof v === 'string')
        // No formula defusing in a typed text cell (Excel never runs it); only the import's undoing is kept exact.
        cells[k] = kind === 'text' ? escapeForUndefuse(v) : v;
      else if (kind === 'fen') cells[k] = v / 100;
      else if (kind === 'time') cells[k] = wallClock(v);
      else cells[k] = v;
    }
    this.sheet.addRow(cells).commit();
  }

  /**
   * Resolves once the rows added so far have gone on into the zip. exceljs hands its sheet's XML to the zip without
   * waiting (memory grew by 1.6 MB per 1,000 rows, 500 MB for 300,000): call this every few thousand rows.
   */
  async drained(): Promise<void> {
    // The sheet's buffer pipes into the pass-through archiver made for the zip entry (readable-stream's, which
    // keeps its state in _writableState): that one says when it is full, and when it has room again.
    type Entry = Writable & { _writableState?: { needDrain?: boolean } };
    const entry = (this.sheet as unknown as { stream?: { pipes?: Entry[] } }).stream?.pipes?.[0];
    // A destination that fails stops the zip: its error ends the wait (the room would never come).
    if (entry?._writableState?.needDrain) await Promise.race([once(entry, 'drain'), this.piped]);
  }

  /** Gives up half-way (the export failed): `dest` is closed rather than left open, waiting for the rest. */
  abort(error: Error): void {
    this.zip.destroy(error);
  }

  /** Writes the rest of the file; resolves once `dest` has it all. */
  async finish(): Promise<number> {
    this.sheet.commit();
    await Promise.all([this.workbook.commit(), this.piped]);
    return this.counted;
  }
}
