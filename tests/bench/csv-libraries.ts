// Our CSV reader beside csv-parse, the well-kept library, on the same file: should the studio keep its own? Both read
// the 100,000-product import file as Excel's "CSV UTF-8" writes it (decoded to text once, outside the timing), both
// keeping each record's starting line for the error messages (csv-parse: `info: true`); the studio's reader also
// counts spreadsheet rows (a quoted cell with line breaks is one row) and forgives stray quotes the way Excel writes
// them, which csv-parse needs `relax_quotes` for. Median of a few runs each, interleaved, after a warm-up.
import { parse } from 'csv-parse/sync';
import { parseCsv } from '../../electron/core/csv/parse.ts';
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
  const same = JSON.stringify(readOurs(text)) === JSON.stringify(readCsvParse(text));
  const ours: number[] = [];
  const lib: number[] = [];
  for (let k = 0; k <= runs; k++) {
    let t = now();
    readOurs(text);
    const a = now() - t;
    t = now();
    readCsvParse(text);
    const b = now() - t;
    if (k === 0) continue; // warm-up
    ours.push(a);
    lib.push(b);
  }
  return { products: opts.products, runs, oursMs: median(ours), csvParseMs: median(lib), same };
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
  ];
}
