// The `livecart` command as a user runs it: a real process, real files, exit codes, both languages.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { tempDir } from '../support/studio-fixture.ts';
import { makePicture, requireTool } from '../support/tools.ts';
import { CLI, livecart } from '../support/cli.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');

const count = (dataDir: string) => {
  const db = new Database(path.join(dataDir, 'livecart.db'), { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
  db.close();
  return n;
};

test('products import reads pictures beside the CSV only as capped regular files: no device, FIFO or folder', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const work = tempDir();
  const dataDir = path.join(work, 'data');
  makePicture('color=green:size=32x32', path.join(work, 'ok.png'));
  execFileSync('mkfifo', [path.join(work, 'pipe.png')]);
  fs.symlinkSync('/dev/zero', path.join(work, 'zero.png'));
  fs.mkdirSync(path.join(work, 'folder.png'));
  fs.writeFileSync(path.join(work, 'huge.png'), Buffer.alloc(11 * 1024 * 1024));
  const rows = [
    '商品名称,价格,图片',
    '好图,1,ok.png',
    '管道,1,pipe.png',
    '设备,1,zero.png',
    '设备2,1,/dev/zero',
    '文件夹,1,folder.png',
    '太大,1,huge.png',
    '网络,1,\\\\server\\share\\a.png',
  ];
  fs.writeFileSync(path.join(work, 'p.csv'), rows.join('\r\n'));
  // A FIFO opened for reading would wait for a writer forever: the bounded run shows it did not.
  const run = livecart(['products', 'import', path.join(work, 'p.csv'), '--data-dir', dataDir]);
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stderr.split('\n');
  const said = (line: number) => lines.find((l) => l.includes(`row ${line}`)) ?? '';
  assert.match(said(3), /not a regular file/);
  assert.match(said(4), /not a regular file/);
  assert.match(said(5), /not a regular file/);
  assert.match(said(6), /not a regular file/);
  assert.match(said(7), /10 MB/);
  assert.match(said(8), /network or device path/);
  assert.equal(said(2), '', 'the good picture is fine');
  assert.equal(count(dataDir), 0, 'all or nothing');
});

test('products import reads a GBK Excel file with an image next to it, then export writes it back', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const work = tempDir();
  const dataDir = path.join(work, 'data');
  fs.copyFileSync(path.join(FIXTURES, 'gbk-excel-crlf.csv'), path.join(work, 'products.csv'));
  fs.mkdirSync(path.join(work, 'images'));
  makePicture('testsrc=size=320x320', path.join(work, 'images', 'anr.jpg'));

  const imported = livecart(['products', 'import', path.join(work, 'products.csv'), '--data-dir', dataDir], 'zh-CN');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /新增 3 个/);
  assert.equal(count(dataDir), 3);

  const out = path.join(work, 'out.csv');
  const exported = livecart(['products', 'export', '--out', out, '--data-dir', dataDir]);
  assert.equal(exported.code, 0, exported.stderr);
  const bytes = fs.readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(bytes.toString('utf8'), /雅诗兰黛小棕瓶精华 50ml,,1299\.00,1599\.00,1000,EL-ANR-50/);
  // The picture by its name in the library: nothing in the file says where the data folder is.
  assert.match(bytes.toString('utf8'), /,[0-9a-f]{64}\.jpg,/);
  assert.ok(!bytes.toString('utf8').includes(dataDir));

  const again = livecart(['products', 'import', out, '--data-dir', dataDir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 created, 0 updated/);

  const toStdout = livecart(['products', 'export', '--data-dir', dataDir]);
  assert.equal(toStdout.stdout.replace(/^\uFEFF/, ''), bytes.toString('utf8').replace(/^\uFEFF/, ''));
});

test('a bad file exits non-zero, imports nothing, and lists every bad row in the user language', () => {
  const dataDir = tempDir();
  const zh = livecart(['products', 'import', path.join(FIXTURES, 'bad-rows.csv'), '--data-dir', dataDir], 'zh-CN');
  assert.equal(zh.code, 1);
  assert.match(zh.stderr, /未导入任何商品/);
  assert.match(zh.stderr, /第 2 行 · 价格 · “abc”不是有效金额/);
  assert.match(zh.stderr, /第 3 行 · 商品编码 · 商品编码 S-1 在第 2 行已出现/);
  const en = livecart(['products', 'import', path.join(FIXTURES, 'bad-rows.csv'), '--data-dir', dataDir]);
  assert.equal(en.code, 1);
  assert.match(en.stderr, /nothing was imported/);
  assert.match(en.stderr, /row 2 · 价格 · "abc" is not a valid amount/);
  assert.equal(count(dataDir), 0);
});

test('usage errors exit 2 with the usage; a missing file is a clear error', () => {
  const unknown = livecart(['fly']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command: fly[\s\S]*Usage: livecart/);
  const missing = livecart(['products', 'import', '/nonexistent/file.csv', '--data-dir', tempDir()], 'zh-CN');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /无法读取文件/);
  assert.equal(livecart(['serve', '--port', '99999']).code, 2);
});

test('a data directory from a newer app is refused with a clear message', () => {
  const dataDir = tempDir();
  const db = new Database(path.join(dataDir, 'livecart.db'));
  db.pragma('user_version = 999');
  db.close();
  const r = livecart(['products', 'export', '--data-dir', dataDir], 'zh-CN');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /更新版本的 LiveCart Studio/);
});

test('doctor reports Node, SQLite, ffmpeg (H.264 encoders, RTMPS) and the Electron runtime', (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  const r = livecart(['doctor', '--json', '--data-dir', tempDir()]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as {
    node: { ok: boolean };
    sqlite: { version: string };
    ffmpeg: {
      version: string;
      ok: boolean;
      h264Encoders: string[];
      encoder: { encoder: string; hardware: boolean; reason: string };
    };
    electron: { installed: string };
  };
  assert.equal(report.node.ok, true);
  assert.match(report.sqlite.version, /^3\./);
  assert.equal(report.ffmpeg.ok, true);
  assert.ok(report.ffmpeg.h264Encoders.includes('libx264'), report.ffmpeg.h264Encoders.join());
  // libx264 unless a hardware encoder passed its trial encode on this machine.
  assert.ok(
    report.ffmpeg.encoder.encoder === 'libx264' || report.ffmpeg.encoder.hardware,
    report.ffmpeg.encoder.reason,
  );
  assert.match(report.electron.installed, /^\d+\./);
  const text = livecart(['doctor', '--data-dir', tempDir()], 'zh-CN');
  assert.match(text.stdout, /✓ ffmpeg/);
  assert.match(text.stdout, /✓ H\.264 编码器（内置）: libx264/);
  assert.match(text.stdout, new RegExp(`✓ 推流编码器: ${report.ffmpeg.encoder.encoder}`));
  assert.match(text.stdout, /数据目录/);
  const english = livecart(['doctor', '--data-dir', tempDir()]);
  assert.match(english.stdout, /✓ H\.264 encoders \(built in\): libx264/);
  assert.match(english.stdout, new RegExp(`✓ Stream encoder: ${report.ffmpeg.encoder.encoder}`));
  if (report.ffmpeg.encoder.reason === 'hardware-failed') {
    // Debian's ffmpeg has NVENC and QSV built in; without the GPU the doctor says why it uses x264.
    assert.match(english.stdout, /fell back to x264 — h264_\w+: /);
    assert.match(text.stdout, /硬件编码不可用，已改用 x264/);
  }
});

test('serve prints its URL with a token, answers health, and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', tempDir()], {
    env: { ...process.env, LIVECART_LANG: 'en' },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
    const health = await fetch(new URL('/api/health', url));
    assert.deepEqual(((await health.json()) as { ok: boolean }).ok, true);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});

test('backup writes a consistent, openable copy with every product', () => {
  const dataDir = tempDir();
  assert.equal(
    livecart(['products', 'import', path.join(FIXTURES, 'utf8-bom-emoji.csv'), '--data-dir', dataDir]).code,
    0,
  );
  const r = livecart(['backup', '--data-dir', dataDir]);
  assert.equal(r.code, 0, r.stderr);
  const file = r.stdout.trim();
  assert.ok(file.startsWith(path.join(dataDir, 'backups')), file);
  const copy = new Database(file, { readonly: true });
  assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  const titles = copy.prepare('SELECT title FROM products ORDER BY id').pluck().all();
  copy.close();
  assert.deepEqual(titles, ['💄 口红 #999 正红', '🍊 橙子 🍊']);
});
