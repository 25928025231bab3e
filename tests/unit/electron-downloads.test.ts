// Where exported clips go in the desktop app: one folder asked for per batch, free names, other downloads untouched.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { BatchFolders, batchOf, installDownloads, savePathIn } from '../../electron/main/downloads.ts';

test('only the studio’s own media with a batch is steered; anything else keeps Electron’s save dialog', () => {
  assert.equal(batchOf('app://studio/media/abc.def?batch=3f2a-11'), '3f2a-11');
  assert.equal(batchOf('app://studio/media/abc.def'), null);
  assert.equal(batchOf('app://studio/assets/x.js?batch=1'), null);
  assert.equal(batchOf('https://example.com/media/x?batch=1'), null);
  assert.equal(batchOf('app://studio/media/x?batch=../../etc'), null);
});

test('a free name in the folder: an export never overwrites a file', () => {
  const folder = path.resolve('/exports');
  const taken = new Set([path.join(folder, '1号 白茶.mp4'), path.join(folder, '1号 白茶 (2).mp4')]);
  assert.equal(
    savePathIn(folder, '1号 白茶.mp4', (f) => taken.has(f)),
    path.join(folder, '1号 白茶 (3).mp4'),
  );
  assert.equal(
    savePathIn(folder, '2号.jpg', (f) => taken.has(f)),
    path.join(folder, '2号.jpg'),
  );
  assert.equal(
    savePathIn(folder, '../../evil.mp4', () => false),
    path.join(folder, 'evil.mp4'),
  );
});

test('a batch asks for its folder once; a cancelled choice cancels the whole batch', () => {
  const folders = new BatchFolders();
  let asked = 0;
  const ask = () => (++asked === 1 ? '/exports' : null);
  assert.equal(folders.folderFor('a', ask), '/exports');
  assert.equal(folders.folderFor('a', ask), '/exports');
  assert.equal(asked, 1);
  assert.equal(folders.folderFor('b', ask), null);
  assert.equal(folders.folderFor('b', ask), null);
  assert.equal(asked, 2);
});

test('installed: batched downloads are saved into the picked folder, others are left to Electron', () => {
  let listener: ((event: unknown, item: never) => void) | undefined;
  const session = { on: (_name: string, fn: typeof listener) => (listener = fn) };
  installDownloads(session as never, () => path.resolve('/picked'));
  const item = (url: string, name: string) => {
    const seen: { path?: string; cancelled?: boolean } = {};
    const fake = {
      getURL: () => url,
      getFilename: () => name,
      setSavePath: (p: string) => (seen.path = p),
      cancel: () => (seen.cancelled = true),
    };
    listener!({}, fake as never);
    return seen;
  };
  assert.deepEqual(item('app://studio/media/t?batch=x', '1号.mp4'), {
    path: path.join(path.resolve('/picked'), '1号.mp4'),
  });
  assert.deepEqual(item('app://studio/media/t', '1号.mp4'), {});
});
