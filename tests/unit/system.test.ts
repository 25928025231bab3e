import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDataDir } from '../../electron/core/system/data-dir.ts';
import { locateFfmpeg, parseFfmpegVersion } from '../../electron/core/ffmpeg/locate.ts';
import { cliLocale } from '../../electron/core/cli/args.ts';

test('the default data directory matches Electron userData on each OS', () => {
  assert.equal(
    defaultDataDir({ APPDATA: 'C:\\Users\\主播\\AppData\\Roaming' }, 'win32', 'C:\\Users\\主播'),
    'C:\\Users\\主播\\AppData\\Roaming\\LiveCart Studio',
  );
  assert.equal(
    defaultDataDir({}, 'darwin', '/Users/zhubo'),
    '/Users/zhubo/Library/Application Support/LiveCart Studio',
  );
  assert.equal(defaultDataDir({}, 'linux', '/home/zhubo'), '/home/zhubo/.config/LiveCart Studio');
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/zhubo'), '/cfg/LiveCart Studio');
  assert.equal(defaultDataDir({ LIVECART_DATA_DIR: '/data/shop' }, 'linux', '/home/x'), '/data/shop');
});

test('ffmpeg versions are read from real first lines', () => {
  assert.equal(
    parseFfmpegVersion('ffmpeg version 5.1.8-0+deb12u1 Copyright (c) 2000-2025 the FFmpeg developers'),
    '5.1.8-0+deb12u1',
  );
  assert.equal(
    parseFfmpegVersion('ffmpeg version 7.1-full_build-www.gyan.dev Copyright (c) 2000-2024 the FFmpeg developers'),
    '7.1-full_build-www.gyan.dev',
  );
  assert.equal(
    parseFfmpegVersion('ffmpeg version N-118475-g1a5a3c2f8b-tessus  https://evermeet.cx/ffmpeg/'),
    'N-118475-g1a5a3c2f8b-tessus',
  );
  assert.equal(parseFfmpegVersion('bash: ffmpeg: command not found'), null);
});

test('ffmpeg is looked up: a settings path first, then FFMPEG_PATH, and a bad path is passed over', () => {
  const env = { PATH: '/nonexistent' };
  assert.equal(locateFfmpeg('/bin/sh', env)?.source, 'settings');
  assert.deepEqual(locateFfmpeg('/nonexistent/ffmpeg', { ...env, FFMPEG_PATH: '/bin/sh' }), {
    path: '/bin/sh',
    source: 'env',
  });
  const none = locateFfmpeg(null, { PATH: '/nonexistent', FFMPEG_PATH: '/nope' });
  assert.ok(none === null || none.source === 'ffmpeg-static');
});

test('the CLI speaks Chinese on a Chinese system', () => {
  assert.equal(cliLocale({ LANG: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(cliLocale({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(cliLocale({ LANG: 'zh_CN.UTF-8', LIVECART_LANG: 'en' }), 'en');
  assert.equal(cliLocale({ LANG: 'C.UTF-8' }), 'en');
});
