import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeCsvBytes } from '../../electron/core/csv/decode.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url));

test('GBK written by Excel on Chinese Windows (made with iconv) decodes as gbk, CRLF kept', () => {
  const bytes = fixture('gbk-excel-crlf.csv');
  // Guard: the fixture really is GBK (商品 = c9 cc c6 b7), not UTF-8.
  assert.deepEqual([...bytes.subarray(0, 4)], [0xc9, 0xcc, 0xc6, 0xb7]);
  const { text, encoding } = decodeCsvBytes(bytes);
  assert.equal(encoding, 'gbk');
  assert.ok(text.startsWith('商品名称,价格,划线价,库存,商品编码,链接,卖点,图片\r\n'));
  assert.ok(text.includes('"￥1,299.00"'));
  assert.ok(text.includes('"""臭""香臭香，嗦粉必备"'));
});

test('a short GBK file (two lines) is still recognised as GBK', () => {
  const { text, encoding } = decodeCsvBytes(fixture('missing-price-gbk.csv'));
  assert.equal(encoding, 'gbk');
  assert.equal(text, '商品名称,库存,售价\r\n口红,5,99\r\n');
});

test('gb18030 decoding also reads characters GBK lacks (4-byte 𠮷)', () => {
  const bytes = new Uint8Array([0xc9, 0xcc, 0xc6, 0xb7, 0x2c, 0x95, 0x34, 0xb2, 0x35]);
  assert.deepEqual(decodeCsvBytes(bytes), { text: '商品,𠮷', encoding: 'gbk' });
});

test('UTF-8 with BOM: BOM stripped, emoji intact', () => {
  const bytes = fixture('utf8-bom-emoji.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const { text, encoding } = decodeCsvBytes(bytes);
  assert.equal(encoding, 'utf-8-bom');
  assert.notEqual(text.charCodeAt(0), 0xfeff);
  assert.ok(text.startsWith('商品名称,价格'));
  assert.ok(text.includes('💄 口红') && text.includes('🔥显白'));
});

test('UTF-8 without BOM, LF line ends', () => {
  const { text, encoding } = decodeCsvBytes(fixture('utf8-lf-english.csv'));
  assert.equal(encoding, 'utf-8');
  assert.ok(text.includes('#小程序://好物小店/aBcD12'));
  assert.ok(!text.includes('\r'));
});

test('Excel "Unicode text" (UTF-16 LE with BOM) decodes, BOM stripped', () => {
  const { text, encoding } = decodeCsvBytes(fixture('utf16le-unicode-text.txt'));
  assert.equal(encoding, 'utf-16le');
  assert.equal(text.split('\r\n')[0], '商品名称\t价格\t卖点');
  assert.ok(text.includes('💄口红\t99'));
});

test('UTF-16 BE with BOM decodes', () => {
  const le = fixture('utf16le-unicode-text.txt');
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  const { text, encoding } = decodeCsvBytes(be);
  assert.equal(encoding, 'utf-16be');
  assert.equal(text, decodeCsvBytes(le).text);
});

test('empty input is empty UTF-8 text', () => {
  assert.deepEqual(decodeCsvBytes(fixture('empty.csv')), { text: '', encoding: 'utf-8' });
  assert.deepEqual(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf])), { text: '', encoding: 'utf-8-bom' });
});

test('ASCII-only files are UTF-8; garbage never throws', () => {
  assert.equal(decodeCsvBytes(new TextEncoder().encode('title,price\r\nA,1\r\n')).encoding, 'utf-8');
  const garbage = new Uint8Array([0xff, 0x00, 0xc0, 0x80, 0xfe]);
  const { encoding, text } = decodeCsvBytes(garbage);
  assert.equal(encoding, 'gbk');
  assert.equal(typeof text, 'string');
});
