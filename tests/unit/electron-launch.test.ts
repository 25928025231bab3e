import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  browserFallbackLine,
  chooseLaunch,
  exitCodeOf,
  hasDisplay,
  type LaunchFacts,
} from '../../electron/launcher/choose-launch.ts';
import {
  fatalDialogText,
  gaveUpDialogText,
  restartDecision,
  restoreFailedText,
  restoreOffer,
} from '../../electron/main/core-policy.ts';
import { fatalFromError } from '../../electron/core/host/utility-messages.ts';
import { DatabaseCorruptError } from '../../electron/core/db/connection.ts';
import { FolderBusyError, StudioRunningError } from '../../electron/core/system/studio-lock.ts';

const desktop: LaunchFacts = {
  noElectron: false,
  platform: 'linux',
  hasDisplay: true,
  electronBinaryExists: true,
  downloadOk: undefined,
};

test('chooseLaunch: the runtime is here → Electron', () => {
  assert.deepEqual(chooseLaunch(desktop), { kind: 'electron' });
  assert.deepEqual(chooseLaunch({ ...desktop, platform: 'darwin', hasDisplay: false }), { kind: 'electron' });
  assert.deepEqual(chooseLaunch({ ...desktop, platform: 'win32', hasDisplay: false }), { kind: 'electron' });
});

test('chooseLaunch: missing runtime → one download attempt, then Electron or the browser', () => {
  const missing = { ...desktop, electronBinaryExists: false };
  assert.deepEqual(chooseLaunch(missing), { kind: 'download' });
  assert.deepEqual(chooseLaunch({ ...missing, downloadOk: false }), { kind: 'browser', reason: 'no-runtime' });
  assert.deepEqual(chooseLaunch({ ...missing, downloadOk: true, electronBinaryExists: true }), { kind: 'electron' });
  // "Succeeded" but still no binary (a broken zip, a wrong path.txt): never loop, fall back.
  assert.deepEqual(chooseLaunch({ ...missing, downloadOk: true }), { kind: 'browser', reason: 'no-runtime' });
});

test('chooseLaunch: LIVECART_NO_ELECTRON, headless Linux and other platforms go straight to the browser', () => {
  assert.deepEqual(chooseLaunch({ ...desktop, noElectron: true }), { kind: 'browser', reason: 'disabled' });
  assert.deepEqual(chooseLaunch({ ...desktop, hasDisplay: false }), { kind: 'browser', reason: 'no-display' });
  // No runtime and no display (CI, this machine): no download, since no window could open anyway.
  assert.deepEqual(chooseLaunch({ ...desktop, hasDisplay: false, electronBinaryExists: false }), {
    kind: 'browser',
    reason: 'no-runtime-no-display',
  });
  assert.deepEqual(chooseLaunch({ ...desktop, platform: 'freebsd', electronBinaryExists: false }), {
    kind: 'browser',
    reason: 'unsupported-platform',
  });
});

test('the fallback is announced in one line', () => {
  assert.equal(
    browserFallbackLine('no-runtime'),
    'Electron runtime not available here (could not be downloaded); serving the browser studio instead.',
  );
  assert.match(browserFallbackLine('no-runtime-no-display'), /^Electron runtime not available here/);
  for (const reason of [
    'disabled',
    'no-display',
    'unsupported-platform',
    'no-runtime',
    'no-runtime-no-display',
  ] as const) {
    assert.doesNotMatch(browserFallbackLine(reason), /\n/);
  }
});

test('hasDisplay and exit codes', () => {
  assert.equal(hasDisplay({ DISPLAY: ':0' }), true);
  assert.equal(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }), true);
  assert.equal(hasDisplay({ DISPLAY: '' }), false);
  assert.equal(hasDisplay({}), false);
  assert.equal(exitCodeOf(0, null), 0);
  assert.equal(exitCodeOf(3, null), 3);
  assert.equal(exitCodeOf(null, 'SIGINT'), 130);
  assert.equal(exitCodeOf(null, 'SIGTERM'), 143);
  assert.equal(exitCodeOf(null, null), 1);
});

test('core restarts: growing delays, then give up on a crash loop', () => {
  const t0 = 1_000_000;
  assert.deepEqual(restartDecision([], t0), { restart: true, delayMs: 500 });
  assert.deepEqual(restartDecision([t0], t0 + 1000), { restart: true, delayMs: 1000 });
  assert.deepEqual(restartDecision([t0, t0 + 1000], t0 + 2000), { restart: true, delayMs: 2000 });
  assert.deepEqual(restartDecision([t0, t0 + 1000, t0 + 2000], t0 + 3000), { restart: false });
  // Crashes long ago do not count: a core that crashes once a day keeps being restarted.
  assert.deepEqual(restartDecision([t0, t0 + 1000, t0 + 2000], t0 + 120_000), { restart: true, delayMs: 500 });
});

test('fatal dialog: a known code in the user language with its values; unknown codes keep the message', () => {
  const future = {
    type: 'fatal' as const,
    code: 'db_from_future',
    message: 'This data was written by a newer LiveCart Studio',
    params: { dbVersion: 7, appVersion: 3 },
  };
  const zh = fatalDialogText(future, 'zh-CN');
  assert.match(zh.content, /数据库版本 7，本程序最高支持 3/);
  assert.match(zh.content, /db_from_future/);
  assert.match(fatalDialogText(future, 'en').content, /database version 7; this app knows up to 3/);
  const odd = fatalDialogText(
    { type: 'fatal', code: 'EACCES', message: 'permission denied, open livecart.db', params: {} },
    'en',
  );
  assert.match(odd.content, /The studio could not start: permission denied, open livecart.db/);
  assert.match(gaveUpDialogText(1, 'zh-CN').content, /livecart doctor/);
  assert.match(gaveUpDialogText(1, 'en').title, /keeps stopping/);
});

test('a damaged database offers its latest backup; two studios on one folder and no backup just say why', () => {
  const corrupt = fatalFromError(new DatabaseCorruptError('/data/livecart.db', '/data/backups/livecart-1.db', 'x'));
  const offer = restoreOffer(corrupt, 'zh-CN');
  assert.ok(offer);
  assert.equal(offer.backup, '/data/backups/livecart-1.db');
  assert.deepEqual(offer.buttons, ['用最近的备份恢复', '退出']);
  assert.match(offer.content, /数据库文件已损坏/);
  assert.match(offer.content, /livecart-1\.db/);
  const noBackup = fatalFromError(new DatabaseCorruptError('/data/livecart.db', null, 'x'));
  assert.equal(restoreOffer(noBackup, 'en'), null);
  assert.match(fatalDialogText(noBackup, 'en').content, /No backup was found/);
  const running = fatalFromError(new StudioRunningError('/data', 4242));
  assert.equal(restoreOffer(running, 'en'), null);
  assert.match(fatalDialogText(running, 'en').content, /already using this data folder \(\/data, process 4242\)/);
});

test('a restore that could not run says why in the user’s language; anything else, that nothing changed', () => {
  const offer = { title: '无法启动', content: '' };
  const busy = restoreFailedText(offer, new FolderBusyError('/data', 'commands'), 'zh-CN');
  assert.equal(busy.title, '无法启动');
  assert.match(busy.content, /有 livecart 命令正在使用这个数据文件夹（\/data）/);
  const running = restoreFailedText(offer, new StudioRunningError('/data', 4242), 'en');
  assert.match(running.content, /already using this data folder \(\/data, process 4242\)/);
  const other = restoreFailedText(offer, new Error('ENOSPC: no space left on device'), 'en');
  assert.match(other.content, /the database was left as it was: ENOSPC/);
});
