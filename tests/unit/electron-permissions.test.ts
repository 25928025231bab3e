import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  installPermissionHandlers,
  permissionCheckDecision,
  permissionRequestDecision,
} from '../../electron/main/permissions.ts';

const ours = { requestingUrl: 'app://studio/index.html', isMainFrame: true };

test('request: the camera and microphone are never the page’s (ffmpeg captures them in the core)', () => {
  assert.equal(permissionRequestDecision({ ...ours, permission: 'media', mediaTypes: ['video', 'audio'] }), false);
  assert.equal(permissionRequestDecision({ ...ours, permission: 'media', mediaTypes: ['audio'] }), false);
  assert.equal(permissionRequestDecision({ ...ours, permission: 'media' }), false);
});

test('request: writing to the clipboard (copying a pairing link) for our main frame only; reading never', () => {
  assert.equal(permissionRequestDecision({ ...ours, permission: 'clipboard-sanitized-write' }), true);
  const refused = [
    { ...ours, permission: 'clipboard-sanitized-write', requestingUrl: 'https://evil.example/' },
    { ...ours, permission: 'clipboard-sanitized-write', requestingUrl: undefined },
    { ...ours, permission: 'clipboard-sanitized-write', isMainFrame: false },
    { ...ours, permission: 'clipboard-read' },
  ];
  for (const facts of refused) assert.equal(permissionRequestDecision(facts), false, JSON.stringify(facts));
  assert.equal(
    permissionCheckDecision({
      permission: 'clipboard-sanitized-write',
      requestingOrigin: 'app://studio',
      isMainFrame: true,
    }),
    true,
  );
  assert.equal(
    permissionCheckDecision({
      permission: 'clipboard-sanitized-write',
      requestingOrigin: 'https://evil.example',
      isMainFrame: true,
    }),
    false,
  );
});

test('request: media from anywhere else, or anything else, is refused', () => {
  const refused = [
    { ...ours, permission: 'media', requestingUrl: 'https://evil.example/' },
    { ...ours, permission: 'media', requestingUrl: 'file:///index.html' },
    { ...ours, permission: 'media', requestingUrl: undefined },
    { ...ours, permission: 'media', isMainFrame: false },
    { ...ours, permission: 'media', mediaTypes: ['video', 'screen'] },
    { ...ours, permission: 'display-capture' },
    { ...ours, permission: 'geolocation' },
    { ...ours, permission: 'notifications' },
    { ...ours, permission: 'openExternal' },
    { ...ours, permission: 'clipboard-read' },
    { ...ours, permission: 'fileSystem' },
    { ...ours, permission: 'hid' },
    { ...ours, permission: 'unknown' },
  ];
  for (const facts of refused) assert.equal(permissionRequestDecision(facts), false, JSON.stringify(facts));
});

test('check: media for nobody, our origin included', () => {
  const refused = [
    { permission: 'media', requestingOrigin: 'app://studio', isMainFrame: true },
    { permission: 'media', requestingOrigin: 'app://studio/', isMainFrame: true },
    { permission: 'media', requestingOrigin: 'https://evil.example', isMainFrame: true },
    { permission: 'media', requestingOrigin: undefined, isMainFrame: true },
    { permission: 'media', requestingOrigin: 'app://studio', isMainFrame: false },
    {
      permission: 'media',
      requestingOrigin: 'app://studio',
      isMainFrame: true,
      embeddingOrigin: 'https://evil.example',
    },
    { permission: 'geolocation', requestingOrigin: 'app://studio', isMainFrame: true },
    { permission: 'clipboard-read', requestingOrigin: 'app://studio', isMainFrame: true },
  ];
  for (const facts of refused) assert.equal(permissionCheckDecision(facts), false, JSON.stringify(facts));
});

test('installPermissionHandlers wires all three handlers to the decisions', () => {
  type RequestHandler = (wc: unknown, permission: string, callback: (ok: boolean) => void, details: object) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string, details: object) => boolean;
  let onRequest: RequestHandler | undefined;
  let onCheck: CheckHandler | undefined;
  let onDevice: (() => boolean) | undefined;
  installPermissionHandlers({
    setPermissionRequestHandler: (handler: unknown) => void (onRequest = handler as RequestHandler),
    setPermissionCheckHandler: (handler: unknown) => void (onCheck = handler as CheckHandler),
    setDevicePermissionHandler: (handler: unknown) => void (onDevice = handler as () => boolean),
  } as never);

  const answers: boolean[] = [];
  onRequest?.(null, 'media', (ok) => answers.push(ok), { ...ours, mediaTypes: ['video'] });
  onRequest?.(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/', isMainFrame: true });
  onRequest?.(null, 'notifications', (ok) => answers.push(ok), ours);
  onRequest?.(null, 'clipboard-sanitized-write', (ok) => answers.push(ok), ours);
  assert.deepEqual(answers, [false, false, false, true]);
  assert.equal(onCheck?.(null, 'media', 'app://studio', { isMainFrame: true }), false);
  assert.equal(onCheck?.(null, 'clipboard-sanitized-write', 'app://studio', { isMainFrame: true }), true);
  assert.equal(onCheck?.(null, 'media', 'https://evil.example', { isMainFrame: true }), false);
  assert.equal(onDevice?.(), false);
});
