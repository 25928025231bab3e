// Clip file names: date, show, link number and product, with nothing a file system refuses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { clipBaseName, freeName, safeNamePart } from '../../electron/core/clips/clip-names.ts';

const SHOW = { title: '秋茶专场', startedAt: new Date(2026, 11, 2, 20, 0).getTime() };

test('named by the local date, the show, the link number and the product', () => {
  assert.equal(clipBaseName(SHOW, { linkNo: 3, title: '福鼎白茶' }), '2026-12-02 秋茶专场 3号 福鼎白茶');
});

test('what Windows or macOS refuse becomes a space; device names and trailing dots are made safe', () => {
  assert.equal(safeNamePart('武夷/岩茶:大红袍*?"<>|\\'), '武夷 岩茶 大红袍');
  assert.equal(safeNamePart('a\u0000b\tc'), 'a b c');
  assert.equal(safeNamePart('CON'), 'CON_');
  assert.equal(safeNamePart('好茶...'), '好茶');
});

test('a long product title is cut to fit a file name, at a character', () => {
  const name = clipBaseName(SHOW, { linkNo: 1, title: '茶'.repeat(200) });
  assert.ok(Buffer.byteLength(name) <= 200);
  assert.ok(name.endsWith('茶'));
});

test('a name already taken gets (2), (3)…', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-names-'));
  try {
    assert.equal(freeName(dir, 'a', '.mp4'), path.join(dir, 'a.mp4'));
    fs.writeFileSync(path.join(dir, 'a.mp4'), '');
    fs.writeFileSync(path.join(dir, 'a (2).mp4'), '');
    assert.equal(freeName(dir, 'a', '.mp4'), path.join(dir, 'a (3).mp4'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
