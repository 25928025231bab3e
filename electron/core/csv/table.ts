// An export's columns say what kind of value each holds, so one row of values is written two ways: as CSV text
// (amounts `99.90`, times in local wall-clock, user text defused) or as typed .xlsx cells (xlsx-write.ts).
import { formatFen } from '../protocol/money.ts';
import { csvCell, CSV_EOL, DANGEROUS, defuseFormula } from './write.ts';

export type CellKind =
  /** Text from a user or a product: defused against formulas in CSV, a text cell in xlsx. */
  | 'text'
  /** Text we write ourselves (our order numbers, status names): as it is, a text cell in xlsx. */
  | 'own'
  /** Integer fen: `99.90` in CSV, a number shown with two decimals in xlsx. */
  | 'fen'
  /** A whole number. */
  | 'count'
  /** Epoch ms: `YYYY-MM-DD HH:mm:ss` in the machine's local time in CSV, a date cell in xlsx. */
  | 'time';

export type CellValue = string | number | null;

export interface TableColumn {
  header: string;
  kind: CellKind;
  /** Characters, for the xlsx column width. */
  width: number;
  /** A column the seller fills in (tracking numbers): in xlsx it is formatted as text, so what they type stays text. */
  fillIn?: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch ms → `YYYY-MM-DD HH:mm:ss` in the machine's local time (what the seller saw when the order came in). */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Epoch ms → the local date `YYYY-MM-DD` (an export's file name). */
export function formatLocalDate(ms: number): string {
  return formatLocalTime(ms).slice(0, 10);
}

/**
 * Text that needs nothing done to it in a CSV cell: no quote, comma or line break, no space at either end, and no
 * first character a spreadsheet could start a formula with (nor a `'` that undefusing would read). Most cells are
 * such: one test instead of two (a 1,000,000-line export writes ten million text cells).
 */
const NEEDS_CARE = new RegExp(`^['${DANGEROUS}]|[",\\r\\n]|^\\s|\\s$`);

/**
 * Local times of one minute share everything but the seconds (every time zone in use is a whole number of minutes
 * from UTC): the date is worked out once a minute, not once a line.
 */
class MinuteClock {
  private minute = NaN;
  private prefix = '';
  format(ms: number): string {
    const minute = Math.floor(ms / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.prefix = formatLocalTime(minute * 60_000).slice(0, -2);
    }
    return this.prefix + pad(Math.floor(ms / 1000) - minute * 60);
  }
}
const clock = new MinuteClock();

/** One CSV line (with CRLF) of values in their columns' kinds. */
export function tableCsvRow(values: readonly CellValue[], kinds: readonly CellKind[]): string {
  let out = '';
  for (let k = 0; k < kinds.length; k++) {
    const v = values[k] ?? null;
    let cell: string;
    if (v === null) cell = '';
    else if (typeof v === 'string') {
      cell = !NEEDS_CARE.test(v) ? v : csvCell(kinds[k] === 'text' ? defuseFormula(v) : v);
    } else if (kinds[k] === 'fen') cell = formatFen(v);
    else if (kinds[k] === 'time') cell = clock.format(v);
    else cell = String(v);
    out += k === 0 ? cell : `,${cell}`;
  }
  return out + CSV_EOL;
}
