import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { decodeCsvBytes } from '../../electron/core/csv/decode.ts';
import { CsvSyntaxError, detectDelimiter, parseCsv } from '../../electron/core/csv/parse.ts';
import type { CsvRecord } from '../../electron/core/csv/parse.ts';
import { csvRow } from '../../electron/core/csv/write.ts';

const fixtureText = (name: string) =>
  decodeCsvBytes(readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url))).text;
const all = (text: string, delimiter?: ',' | '\t'): CsvRecord[] => [...parseCsv(text, delimiter ? { delimiter } : {})];
const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);
const linesOf = (records: CsvRecord[]) => records.map((r) => r.line);

function syntaxError(text: string): CsvSyntaxError {
  try {
    all(text);
  } catch (err) {
    assert.ok(err instanceof CsvSyntaxError);
    return err;
  }
  assert.fail('expected a CsvSyntaxError');
}

test('CRLF, LF and lone CR all end records; line numbers follow physical lines', () => {
  const records = all('a,b\r\nc,d\ne,f\rg,h');
  assert.deepEqual(fieldsOf(records), [
    ['a', 'b'],
    ['c', 'd'],
    ['e', 'f'],
    ['g', 'h'],
  ]);
  assert.deepEqual(linesOf(records), [1, 2, 3, 4]);
});

test('empty lines are skipped but counted', () => {
  const records = all('h1,h2\r\n\r\n1,2\n\n\r3,4\r\n\r\n');
  assert.deepEqual(fieldsOf(records), [
    ['h1', 'h2'],
    ['1', '2'],
    ['3', '4'],
  ]);
  assert.deepEqual(linesOf(records), [1, 3, 6]);
});

test('quoted fields: commas, doubled quotes, line breaks inside move the next line number', () => {
  const records = all('t,p\r\n"a,b","say ""hi"""\r\n"x\r\ny\nz\rw",1\r\nlast,2');
  assert.deepEqual(fieldsOf(records), [
    ['t', 'p'],
    ['a,b', 'say "hi"'],
    ['x\r\ny\nz\rw', '1'],
    ['last', '2'],
  ]);
  assert.deepEqual(linesOf(records), [1, 2, 3, 7]);
});

test('the quoted-multiline fixture: our fields equal csv-parse, lines count embedded breaks', () => {
  const text = fixtureText('quoted-multiline.csv');
  const ours = all(text);
  const theirs = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
  assert.deepEqual(fieldsOf(ours), theirs);
  assert.deepEqual(linesOf(ours), [1, 2, 6, 7, 9]);
  assert.equal(ours[1]!.fields[0], '大号,加厚 "加绒" 卫衣');
  assert.equal(ours[1]!.fields[2], '第一行\r\n第二行\r\n第三行');
});

test('empty fields, trailing delimiters and empty quoted fields', () => {
  assert.deepEqual(fieldsOf(all('a,\r\n,\r\n""\r\n,,x')), [['a', ''], ['', ''], [''], ['', '', 'x']]);
});

test('a quote inside an unquoted field is kept literally, as Excel does', () => {
  assert.deepEqual(fieldsOf(all('12" pizza,5\r\nab"c"d,6')), [
    ['12" pizza', '5'],
    ['ab"c"d', '6'],
  ]);
});

test('a character after a closing quote is csv_bad_quote on its own line', () => {
  const err = syntaxError('h\r\nok\r\n"ab"c,d');
  assert.equal(err.code, 'csv_bad_quote');
  assert.equal(err.line, 3);
  // The stray character sits on the 3rd physical line of a record that started on line 2.
  const multi = syntaxError('h\r\n"a\r\nb\r\nc" ,x');
  assert.deepEqual([multi.code, multi.line], ['csv_bad_quote', 4]);
  // The user is told the row a spreadsheet shows for that record: row 2.
  assert.deepEqual(multi.toIssue(), { path: '', code: 'csv_bad_quote', line: 2 });
});

test('an unclosed quote reports the line where the quoted field started', () => {
  const err = syntaxError(fixtureText('unclosed-quote.csv'));
  assert.deepEqual([err.code, err.line], ['csv_unclosed_quote', 3]);
  // After a multi-line record, in the second field.
  const later = syntaxError('h,i\r\n"x\r\ny",1\r\n\r\nz,"open\r\nmore\r\n');
  assert.deepEqual([later.code, later.line], ['csv_unclosed_quote', 5]);
});

test('the generator is lazy: records before a syntax error come out first', () => {
  const gen = parseCsv('a,b\r\nc,d\r\n"broken');
  assert.deepEqual(gen.next().value, { line: 1, row: 1, fields: ['a', 'b'] });
  assert.deepEqual(gen.next().value, { line: 2, row: 2, fields: ['c', 'd'] });
  assert.throws(() => gen.next(), { name: 'CsvSyntaxError', code: 'csv_unclosed_quote', line: 3 });
});

test('a leading BOM is not part of the first header', () => {
  assert.deepEqual(all('\uFEFF商品名称,价格\r\n')[0]!.fields, ['商品名称', '价格']);
});

test('tab is detected when the header has tabs and no commas', () => {
  assert.equal(detectDelimiter('a\tb\r\n1,2\t3'), '\t');
  assert.equal(detectDelimiter('a,b\tc\r\n'), ',');
  assert.equal(detectDelimiter('a'), ',');
  assert.equal(detectDelimiter(''), ',');
  // Tabs and commas inside quotes, and lines after the header, do not count.
  assert.equal(detectDelimiter('"a,b"\tc\r\nx,y'), '\t');
  assert.equal(detectDelimiter('"a\tb\r\nc",d\te'), ',');
  assert.equal(detectDelimiter('a\r\nb\tc'), ',');
  assert.deepEqual(fieldsOf(all('a\tb\r\n1,5\t"x\ty"')), [
    ['a', 'b'],
    ['1,5', 'x\ty'],
  ]);
  // An explicit delimiter wins over detection.
  assert.deepEqual(fieldsOf(all('a\tb,c', ',')), [['a\tb', 'c']]);
});

test('Excel "Unicode text" (UTF-16, tab-separated) parses after decoding', () => {
  const records = all(fixtureText('utf16le-unicode-text.txt'));
  assert.deepEqual(fieldsOf(records), [
    ['商品名称', '价格', '卖点'],
    ['💄口红', '99', 'a, b'],
    ['面膜', '¥59.00', '补水\t保湿'],
  ]);
});

test('GBK Excel fixture: multi-line cell, record lines, leftover empty-cell row kept as a record', () => {
  const records = all(fixtureText('gbk-excel-crlf.csv'));
  assert.deepEqual(linesOf(records), [1, 2, 4, 5, 6]);
  assert.equal(records[1]!.fields[6], '修护,抗老\n夜间使用');
  assert.deepEqual(records[4]!.fields, ['', '', '', '', '', '', '', '']);
});

// A small deterministic PRNG so a failure can be reproduced.
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}
const PIECES = ['a', '商品', '💄', ',', '"', '""', '\r\n', '\n', '\r', ' ', '\t', '=', "'", '-5', '＝', '🔥'];

test('fuzz: whatever csvRow writes, parseCsv and csv-parse read back identically, with exact line numbers', () => {
  const next = rng(42);
  for (let round = 0; round < 200; round++) {
    const cols = 2 + Math.floor(next() * 4);
    const grid: string[][] = [];
    let text = '';
    const expectedLines: number[] = [];
    let line = 1;
    for (let r = 0; r < 1 + Math.floor(next() * 6); r++) {
      const row = Array.from({ length: cols }, () => {
        let cell = '';
        for (let k = Math.floor(next() * 5); k > 0; k--) cell += PIECES[Math.floor(next() * PIECES.length)];
        return cell;
      });
      grid.push(row);
      expectedLines.push(line);
      const written = csvRow(row, { defuse: row.map(() => false) });
      text += written;
      // Independent oracle: every CRLF, LF or lone CR in what was written is one physical line.
      line += (written.match(/\r\n|\r|\n/g) ?? []).length;
    }
    const ours = all(text);
    assert.deepEqual(fieldsOf(ours), grid, JSON.stringify(text));
    assert.deepEqual(linesOf(ours), expectedLines, JSON.stringify(text));
    assert.deepEqual(parse(text, { relax_column_count: true }), grid);
  }
});

test('rows count as a spreadsheet shows them: a quoted cell with line breaks is one row, an empty line is one', () => {
  const text = 'h1,h2\r\n"two\r\nlines",x\r\n\r\n"three\nmore\nlines",y\nlast,z';
  assert.deepEqual(
    [...parseCsv(text)].map((r) => [r.line, r.row]),
    [
      [1, 1],
      [2, 2],
      [5, 4],
      [8, 5],
    ],
  );
});
