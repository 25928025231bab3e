// One row of values, written as CSV text or as typed .xlsx cells by its columns' kinds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLocalTime, tableCsvRow, type CellKind } from '../../electron/core/csv/table.ts';
import { csvCell, defuseFormula, escapeForUndefuse, undefuseFormula } from '../../electron/core/csv/write.ts';
import { assertFitsXlsx, XLSX_MAX_ROWS } from '../../electron/core/csv/xlsx-write.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';

test('tableCsvRow: fen as yuan with two decimals, local times, user text defused, our own text raw, nulls empty', () => {
  const kinds: CellKind[] = ['own', 'time', 'text', 'fen', 'fen', 'count', 'text', 'own'];
  const at = new Date(2026, 11, 2, 8, 5, 9).getTime();
  assert.equal(
    tableCsvRow(['-001', at, '=1+1', 5990, -5, 3, null, '已付款'], kinds),
    `-001,2026-12-02 08:05:09,'=1+1,59.90,-0.05,3,,已付款\r\n`,
  );
  assert.equal(tableCsvRow(['a,b', 0], ['text', 'fen']), '"a,b",0.00\r\n');
});

test('the quick path for plain text writes exactly what the careful one does, for every short mix of tricky characters', () => {
  const alphabet = ["'", '=', '-', '＋', '\u2212', ' ', '\t', '"', ',', '\n', 'a', '中'];
  const words = [''];
  for (let length = 1; length <= 3; length++) {
    for (const w of words.filter((x) => x.length === length - 1)) for (const c of alphabet) words.push(w + c);
  }
  for (const w of words.filter((x) => x !== '')) {
    assert.equal(tableCsvRow([w], ['text']), `${csvCell(defuseFormula(w))}\r\n`, JSON.stringify(w));
    assert.equal(tableCsvRow([w], ['own']), `${csvCell(w)}\r\n`, JSON.stringify(w));
  }
});

test('local times worked out once a minute agree with the full conversion, across minutes, hours and days', () => {
  const start = new Date(2026, 11, 31, 23, 58, 57).getTime();
  for (let ms = start; ms < start + 3 * 60_000; ms += 997) {
    assert.equal(tableCsvRow([ms], ['time']), `${formatLocalTime(ms)}\r\n`);
  }
});

test('escapeForUndefuse: what an xlsx text cell holds reads back exactly through the import’s undefuse', () => {
  const alphabet = ["'", '=', '-', 'a', '＝'];
  const strings = [''];
  for (let len = 1; len <= 4; len++)
    for (const s of strings.filter((x) => x.length === len - 1)) for (const c of alphabet) strings.push(s + c);
  for (const s of strings) assert.equal(undefuseFormula(escapeForUndefuse(s)), s, JSON.stringify(s));
  // Plain formula-looking text is left as it is: an xlsx text cell never runs.
  assert.equal(escapeForUndefuse('=SUM(1)'), '=SUM(1)');
  assert.equal(escapeForUndefuse("'=x"), "''=x");
});

test('an export too long for one Excel sheet is refused before anything is written, saying why', () => {
  assert.doesNotThrow(() => assertFitsXlsx(XLSX_MAX_ROWS - 1));
  assert.throws(
    () => assertFitsXlsx(XLSX_MAX_ROWS),
    (error: unknown) =>
      error instanceof StudioError &&
      error.code === 'refused' &&
      error.issues?.[0]?.code === 'xlsx_too_many_rows' &&
      error.issues[0].params?.max === XLSX_MAX_ROWS - 1,
  );
});
