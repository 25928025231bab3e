import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localeArgument, mainWindowOptions, WINDOW_BACKGROUND } from '../../electron/main/window.ts';

const input = { preloadPath: '/app/dist-electron/preload/preload.cjs', locale: 'zh-CN', devTools: false };

test('window: isolated, sandboxed, no Node, web security on, no webview', () => {
  const prefs = mainWindowOptions(input).webPreferences ?? {};
  assert.equal(prefs.preload, input.preloadPath);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.navigateOnDragDrop, false); // a dropped file must not replace the studio
  assert.equal(prefs.devTools, false);
  assert.equal(mainWindowOptions({ ...input, devTools: true }).webPreferences?.devTools, true);
});

test('window: dark before the first paint, shown when ready, a usable minimum size', () => {
  const options = mainWindowOptions(input);
  assert.equal(options.show, false);
  assert.equal(options.backgroundColor, WINDOW_BACKGROUND);
  assert.equal(WINDOW_BACKGROUND, '#111111');
  assert.ok((options.minWidth ?? 0) >= 1024 && (options.minHeight ?? 0) >= 640);
  assert.ok((options.width ?? 0) >= (options.minWidth ?? 0) && (options.height ?? 0) >= (options.minHeight ?? 0));
});

test('window: the locale reaches the preload as one clean argument', () => {
  assert.deepEqual(mainWindowOptions(input).webPreferences?.additionalArguments, ['--livecart-locale=zh-CN']);
  assert.equal(localeArgument('en-US'), '--livecart-locale=en-US');
  assert.equal(localeArgument('zh_TW'), '--livecart-locale=zh_TW');
  for (const bad of ['', 'zh-CN --no-sandbox', 'en;rm -rf', '--inspect', 'x'.repeat(36), 'zh\nCN']) {
    assert.equal(localeArgument(bad), '--livecart-locale=en-US', JSON.stringify(bad));
  }
});
