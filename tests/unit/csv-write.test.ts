import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CSV_BOM, CSV_EOL, csvCell, csvRow, defuseFormula, undefuseFormula } from '../../electron/core/csv/write.ts';

test('csvCell quotes only when needed and doubles quotes', () => {
  assert.equal(csvCell('plain 商品 💄'), 'plain 商品 💄');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line1\nline2'), '"line1\nline2"');
  assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
  assert.equal(csvCell(' lead'), '" lead"');
  assert.equal(csvCell('trail '), '"trail "');
  assert.equal(csvCell('\u3000全角空格'), '"\u3000全角空格"');
  assert.equal(csvCell('mid\ttab'), 'mid\ttab');
  assert.equal(csvCell(''), '');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell(1000), '1000');
});

test('defuseFormula: every dangerous first character gets an apostrophe', () => {
  for (const text of [
    '=1+1',
    '+1',
    '-2',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '＝1+1',
    '＋1',
    '－2',
    '＠SUM(1)',
    // small form variants and the minus sign: spreadsheets may fold them into = + - @
    '﹦1+1',
    '﹢1',
    '﹣2',
    '﹫SUM(1)',
    '\u22122+3',
  ]) {
    assert.equal(defuseFormula(text), `'${text}`, JSON.stringify(text));
  }
  assert.equal(defuseFormula('=HYPERLINK("http://evil.example","点我")'), `'=HYPERLINK("http://evil.example","点我")`);
  assert.equal(defuseFormula('+86 138 0000 0000'), "'+86 138 0000 0000");
});

test('defuseFormula leaves safe text alone, but protects apostrophes already before a formula', () => {
  for (const text of ['', 'abc', '5', '99.90', '1+1', "'abc", "it's", '口红=好看', ' =1']) {
    assert.equal(defuseFormula(text), text, JSON.stringify(text));
  }
  assert.equal(defuseFormula("'=1"), "''=1");
  assert.equal(defuseFormula("''-1"), "'''-1");
});

test('undefuseFormula removes only the apostrophe defuseFormula adds', () => {
  assert.equal(undefuseFormula("'=1+1"), '=1+1');
  assert.equal(undefuseFormula("'＝1"), '＝1');
  assert.equal(undefuseFormula("''=1"), "'=1");
  assert.equal(undefuseFormula("'abc"), "'abc");
  assert.equal(undefuseFormula("'"), "'");
  assert.equal(undefuseFormula('=1'), '=1');
});

test('round-trip rule: undefuse(defuse(x)) === x for every short string over a nasty alphabet', () => {
  const alphabet = ["'", '=', '-', '+', '@', '＝', '＠', '﹣', '\u2212', '\t', '\r', 'a', '5', ' '];
  let strings = [''];
  let checked = 0;
  for (let len = 0; len <= 4; len++) {
    for (const s of strings) {
      assert.equal(undefuseFormula(defuseFormula(s)), s, JSON.stringify(s));
      checked++;
    }
    strings = strings.flatMap((s) => alphabet.map((c) => s + c));
  }
  assert.ok(checked > 20_000);
});

test('csvRow: strings defused by default, numbers raw, defuse:false for our own formatted text, CRLF', () => {
  assert.equal(csvRow(['=1+1', -5, '-5.00', null, 'a,b']), `'=1+1,-5,'-5.00,,"a,b"\r\n`);
  assert.equal(csvRow(['=1+1', -5, '-5.00'], { defuse: [true, true, false] }), `'=1+1,-5,-5.00\r\n`);
  assert.equal(csvRow([]), '\r\n');
  assert.equal(CSV_EOL, '\r\n');
  assert.equal(CSV_BOM, '\uFEFF');
});

test('a file written with BOM + csvRow reads back exactly with csv-parse', () => {
  const rows = [
    ['商品名称', '价格', '卖点'],
    ['💄 口红 "正红"', '99.90', '显白,\r\n不拔干🔥'],
    [' 前后空格 ', '0.01', '\n'],
    ['=HYPERLINK("x")', '1.00', "'=already"],
  ];
  const text = CSV_BOM + rows.map((r) => csvRow(r, { defuse: [true, false, true] })).join('');
  const back = parse(text, { bom: true }) as string[][];
  assert.deepEqual(back[1], rows[1]);
  assert.deepEqual(back[2], rows[2]);
  // What a spreadsheet sees is inert; undefusing gives the original text back.
  assert.deepEqual(back[3], [`'=HYPERLINK("x")`, '1.00', "''=already"]);
  assert.deepEqual(back[3]!.map(undefuseFormula), rows[3]);
});
