import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentSecurityPolicy,
  isAllowedNavigation,
  isAppUrl,
  isTrustedExternalUrl,
  isTrustedSender,
  navigationDecision,
  trustedExternalUrl,
  windowOpenDecision,
} from '../../electron/main/security.ts';
import { guardWebContents } from '../../electron/main/guard.ts';

test('navigation: our own pages are allowed', () => {
  for (const url of [
    'app://studio/',
    'app://studio/index.html',
    'app://studio/index.html#/live',
    'app://studio/?x=1',
  ]) {
    assert.equal(isAllowedNavigation(url), true, url);
  }
});

test('navigation: everything else is refused', () => {
  const refused = [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://studio/1234',
    'http://evil.example/',
    'https://channels.weixin.qq.com/', // trusted for the browser, never inside the window
    'app://evil/',
    'app://studio.evil/',
    'app://studio:8080/',
    'app://user:pass@studio/',
    'app://STUDIO/', // Chromium lower-cases a standard scheme's host; anything else is not ours
    'about:blank',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ];
  for (const url of refused) assert.equal(isAllowedNavigation(url), false, url);
});

test('openExternal: allow-listed http(s) hosts only, normalised', () => {
  assert.equal(
    trustedExternalUrl('https://channels.weixin.qq.com/platform/live'),
    'https://channels.weixin.qq.com/platform/live',
  );
  assert.equal(trustedExternalUrl('https://mp.weixin.qq.com/s/abc?x=1#y'), 'https://mp.weixin.qq.com/s/abc?x=1#y');
  assert.equal(trustedExternalUrl('HTTPS://MP.WEIXIN.QQ.COM/s/abc'), 'https://mp.weixin.qq.com/s/abc');
  assert.equal(trustedExternalUrl('https://mp.weixin.qq.com:443/s'), 'https://mp.weixin.qq.com/s'); // default port
  assert.equal(isTrustedExternalUrl('http://mp.weixin.qq.com/s/abc'), true);
  assert.equal(isTrustedExternalUrl('https://studio.youtube.com/'), true);
});

test('openExternal: refuses other schemes, credentials, ports and look-alike hosts', () => {
  const refused = [
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'data:text/html,hi',
    'ms-msdt:/id PCWDiagnostic',
    'smb://attacker/share',
    'mailto:x@example.com',
    'app://studio/',
    'ftp://mp.weixin.qq.com/',
    'http://evil.example/',
    'https://evil.example/?https://mp.weixin.qq.com/',
    'https://mp.weixin.qq.com.evil.example/',
    'https://evilmp.weixin.qq.com/', // not an allow-listed host (and no wildcard subdomains)
    'https://weixin.qq.com/',
    'https://mp.weixin.qq.com@evil.example/', // host is evil.example
    'https://evil.example@mp.weixin.qq.com/', // credentials
    'https://user:pw@mp.weixin.qq.com/',
    'https://mp.weixin.qq.com:8443/',
    'https://mp.weixin.qq.com./', // trailing dot is another name
    'https://mр.weixin.qq.com/', // Cyrillic р: punycoded, not on the list
    'https://chаnnels.weixin.qq.com/', // Cyrillic а
    'https://mp.weixin.qq.com\\@evil.example/',
    ' https://mp.weixin.qq.com/',
    'https://mp.weixin.qq.com/\n',
    'https://mp.weixin\t.qq.com/',
    `https://mp.weixin.qq.com/${'a'.repeat(3000)}`,
    '//mp.weixin.qq.com/',
    '',
  ];
  for (const url of refused) assert.equal(trustedExternalUrl(url), null, JSON.stringify(url));
});

test('navigationDecision: stay for ours, hand trusted links out, drop the rest', () => {
  assert.deepEqual(navigationDecision('app://studio/index.html'), { allow: true, openExternal: null });
  assert.deepEqual(navigationDecision('https://mp.weixin.qq.com/s/1'), {
    allow: false,
    openExternal: 'https://mp.weixin.qq.com/s/1',
  });
  assert.deepEqual(navigationDecision('https://evil.example/'), { allow: false, openExternal: null });
  assert.deepEqual(navigationDecision('file:///etc/passwd'), { allow: false, openExternal: null });
});

test('windowOpenDecision: always deny a new window; open only trusted links externally', () => {
  assert.deepEqual(windowOpenDecision('https://channels.weixin.qq.com/'), {
    action: 'deny',
    openExternal: 'https://channels.weixin.qq.com/',
  });
  assert.deepEqual(windowOpenDecision('app://studio/index.html'), { action: 'deny', openExternal: null });
  assert.deepEqual(windowOpenDecision('javascript:alert(1)'), { action: 'deny', openExternal: null });
  assert.deepEqual(windowOpenDecision('http://evil.example/'), { action: 'deny', openExternal: null });
  assert.deepEqual(windowOpenDecision('about:blank'), { action: 'deny', openExternal: null });
});

test('isTrustedSender: the main frame of our own page only', () => {
  assert.equal(isTrustedSender('app://studio/index.html', true), true);
  assert.equal(isTrustedSender('app://studio/index.html', false), false); // a subframe
  assert.equal(isTrustedSender('https://evil.example/', true), false);
  assert.equal(isTrustedSender('file:///app/index.html', true), false);
  assert.equal(isTrustedSender('about:blank', true), false);
  assert.equal(isTrustedSender('', true), false);
  assert.equal(isTrustedSender(null, true), false);
  assert.equal(isTrustedSender(undefined, true), false);
  assert.equal(isAppUrl('app://studio/'), true);
});

test('CSP: no inline script or eval, no plugins, no framing, no form posts, no base hijack', () => {
  const csp = contentSecurityPolicy();
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'self'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(directives.get('form-action'), ["'none'"]);
  assert.deepEqual(directives.get('connect-src'), ["'self'"]);
  assert.deepEqual(directives.get('img-src'), ["'self'", 'data:', 'blob:']);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
});

test('guardWebContents wires the policy: blocks, opens trusted links once, denies windows and webviews', () => {
  const handlers = new Map<string, (event: Record<string, unknown>) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const fake = {
    on(name: string, listener: (event: Record<string, unknown>) => void) {
      handlers.set(name, listener);
      return fake;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  const opened: string[] = [];
  guardWebContents(fake as never, (url) => opened.push(url));
  const fire = (name: string, fields: Record<string, unknown>): boolean => {
    let prevented = false;
    handlers.get(name)?.({ ...fields, preventDefault: () => (prevented = true) });
    return prevented;
  };

  assert.equal(fire('will-navigate', { url: 'app://studio/index.html' }), false);
  assert.equal(fire('will-navigate', { url: 'https://evil.example/' }), true);
  assert.equal(fire('will-navigate', { url: 'https://mp.weixin.qq.com/s/1' }), true);
  assert.equal(fire('will-frame-navigate', { url: 'https://mp.weixin.qq.com/s/2', isMainFrame: false }), true);
  assert.equal(fire('will-frame-navigate', { url: 'app://studio/index.html', isMainFrame: true }), false);
  assert.equal(fire('will-redirect', { url: 'https://mp.weixin.qq.com/s/3' }), true);
  assert.equal(fire('will-attach-webview', {}), true);
  assert.deepEqual(openHandler?.({ url: 'https://channels.weixin.qq.com/' }), { action: 'deny' });
  assert.deepEqual(openHandler?.({ url: 'file:///etc/passwd' }), { action: 'deny' });
  // Only the clicked main-frame link and the window.open of a trusted host reached the browser.
  assert.deepEqual(opened, ['https://mp.weixin.qq.com/s/1', 'https://channels.weixin.qq.com/']);
});
