// Our CSV reader and writer beside csv-parse and csv-stringify, the well-kept libraries: should the studio keep its
// own? Reading: both read
// the 100,000-product import file as Excel's "CSV UTF-8" writes it (decoded to text once, outside the timing), both
// keeping each record's starting line for the error messages (csv-parse: `info: true`); the studio's reader also
// counts spreadsheet rows (a quoted cell with line breaks is one row) and forgives stray quotes the way Excel writes
// them, which csv-parse needs `relax_quotes` for. Writing: the same records back to CSV text with CRLF, no formula
// defusing on either side (csv-stringify has none), quoting where needed. Median of a few runs each, interleaved,
// after a warm-up.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { parseCsv } from '../../electron/core/csv/parse.ts';
import { csvRow } from '../../electron/core/csv/write.ts';
import { median, now } from './measure.ts';
import { generateProducts, productsCsvBytes } from './product-data.ts';
import type { Row } from './report.ts';

export interface CsvLibrariesResult {
  products: number;
  runs: number;
  oursMs: number;
  csvParseMs: number;
  /** Both read the same records with the same fields. */
  same: boolean;
  writeOursMs: number;
  csvStringifyMs: number;
  /** Both wrote text that reads back to the same records. */
  sameWritten: boolean;
}

function writeOurs(records: readonly string[][]): string {
  const raw = records[0]?.map(() => false) ?? [];
  let out = '';
  for (const record of records) out += csvRow(record, { defuse: raw });
  return out;
}

function writeCsvStringify(records: readonly string[][]): string {
  // With CRLF records csv-stringify quotes only cells holding a whole CRLF: a note with a bare line break must be
  // quoted by asking (without it, 3 of 2,000 records came back split).
  return stringify(records as string[][], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

function readOurs(text: string): string[][] {
  const out: string[][] = [];
  for (const record of parseCsv(text)) out.push(record.fields);
  return out;
}

function readCsvParse(text: string): string[][] {
  const records = parse(text, {
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    bom: true,
  }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  return records.map((r) => r.record);
}

export function benchCsvLibraries(opts: { products: number; runs?: number }): CsvLibrariesResult {
  const runs = opts.runs ?? 5;
  const text = productsCsvBytes(generateProducts(opts.products))
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const records = readOurs(text);
  const same = JSON.stringify(records) === JSON.stringify(readCsvParse(text));
  const sameWritten =
    JSON.stringify(readOurs(writeOurs(records))) === JSON.stringify(readOurs(writeCsvStringify(records)));
  const times: Record<'read' | 'parseLib' | 'write' | 'stringifyLib', number[]> = {
    read: [],
    parseLib: [],
    write: [],
    stringifyLib: [],
  };
  for (let k = 0; k <= runs; k++) {
    const timed: Array<[keyof typeof times, () => unknown]> = [
      ['read', () => readOurs(text)],
      ['parseLib', () => readCsvParse(text)],
      ['write', () => writeOurs(records)],
      ['stringifyLib', () => writeCsvStringify(records)],
    ];
    for (const [name, work] of timed) {
      const t = now();
      work();
      if (k > 0) times[name].push(now() - t); // the first round warms up
    }
  }
  return {
    products: opts.products,
    runs,
    oursMs: median(times.read),
    csvParseMs: median(times.parseLib),
    same,
    writeOursMs: median(times.write),
    csvStringifyMs: median(times.stringifyLib),
    sameWritten,
  };
}

export function csvLibrariesRows(r: CsvLibrariesResult): Row[] {
  return [
    {
      name: `CSV read, ${r.products.toLocaleString('en-US')} products: ours beside csv-parse`,
      unit: 'ms',
      studio: r.oursMs,
      baseline: r.csvParseMs,
      note: `median of ${r.runs}; studio = electron/core/csv/parse.ts (records with their line and spreadsheet row), baseline = csv-parse 6 sync with info (line numbers), relax_quotes; ${r.same ? 'the same records and fields from both' : 'THE RECORDS DIFFER'}`,
    },
    {
      name: `CSV write, ${r.products.toLocaleString('en-US')} products: ours beside csv-stringify`,
      unit: 'ms',
      studio: r.writeOursMs,
      baseline: r.csvStringifyMs,
      note: `median of ${r.runs}; studio = csvRow (electron/core/csv/write.ts) per record, CRLF, no defusing; baseline = csv-stringify 6 sync, record_delimiter windows, quoted_match for line breaks; ${r.sameWritten ? 'both read back to the same records' : 'THE WRITTEN FILES DIFFER'}`,
    },
  ];
}
