import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayFen, formatFen, MAX_FEN, parseYuanToFen } from '../../electron/core/protocol/money.ts';

test('amounts sellers write are read as exact fen', () => {
  const ok: Array<[string, number]> = [
    ['99.9', 9990],
    ['99.90', 9990],
    ['¥1,299.00', 129900],
    ['￥5', 500],
    [' 5 ', 500],
    ['0', 0],
    ['0.01', 1],
    ['0.29', 29],
    ['1234567.89', 123456789],
    ['12,345', 1234500],
    ['¥ 8.8', 880],
    ['19.9元', 1990],
    ['100000000', MAX_FEN],
  ];
  for (const [text, fen] of ok) assert.equal(parseYuanToFen(text), fen, text);
});

test('anything else is refused', () => {
  for (const text of [
    '',
    '-1',
    '-0.01',
    '1.999',
    '1.',
    '.5',
    'abc',
    '1,29.00',
    '1e3',
    '0x10',
    '¥',
    '１２',
    '99.9.9',
    '1 000',
    '100000000.01',
    'NaN',
    'Infinity',
  ]) {
    assert.equal(parseYuanToFen(text), null, text);
  }
});

test('fen format as two-decimal yuan, and display with grouping', () => {
  assert.equal(formatFen(0), '0.00');
  assert.equal(formatFen(5), '0.05');
  assert.equal(formatFen(129900), '1299.00');
  assert.equal(formatFen(-150), '-1.50');
  assert.equal(displayFen(129900), '¥1,299.00');
  assert.equal(displayFen(123456789), '¥1,234,567.89');
  assert.equal(displayFen(-5), '-¥0.05');
});

test('format then parse is the identity for every cent up to ¥20', () => {
  for (let fen = 0; fen <= 2000; fen++) assert.equal(parseYuanToFen(formatFen(fen)), fen);
});
