// The stream domain's pure rules: destination checks (rtmp(s) only, RTMPS where a platform demands it, a key on
// create), masking that never derives from the key, the host's source as each OS's capture input, and the
// engine's destination states as the contract shows them.
import assert from 'node:assert/strict';
import { messageFor } from '../../electron/core/protocol/messages.ts';
import { test } from 'node:test';
import { StudioError } from '../../electron/core/protocol/errors.ts';
import { DEFAULT_SETTINGS } from '../../electron/core/stream/stream-store.ts';
import {
  destinationFields,
  engineSource,
  fallbackOf,
  fallbackReason,
  liveOf,
  maskedDestinationUrl,
  recordingStamp,
  redact,
  settingsIssues,
  type DestinationRequest,
} from '../../electron/core/stream/stream-rules.ts';

const KEY = 'live_8f3a9c2e71_secret';

function input(over: Partial<DestinationRequest> = {}): DestinationRequest {
  return {
    name: '抖音',
    platform: 'douyin',
    serverUrl: 'rtmp://push.example.com/live',
    streamKey: KEY,
    enabled: true,
    ...over,
  };
}

function issuesOf(work: () => unknown): Array<{ path: string; code: string }> {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof StudioError);
    assert.equal(error.code, 'invalid');
    return error.issues!.map(({ path, code }) => ({ path, code }));
  }
  assert.fail('expected a validation error');
}

test('a destination needs an rtmp:// or rtmps:// server with an application path', () => {
  assert.deepEqual(destinationFields(input(), true), {
    fields: { name: '抖音', platform: 'douyin', serverUrl: 'rtmp://push.example.com/live', enabled: true },
    key: KEY,
  });
  assert.equal(destinationFields(input({ serverUrl: 'rtmps://a.example.com:443/app/' }), true).key, KEY);
  // Empty (or left out on create) is a missing field, not a malformed one.
  for (const serverUrl of ['', undefined]) {
    assert.deepEqual(
      issuesOf(() => destinationFields(input({ serverUrl }), true)),
      [{ path: 'input.serverUrl', code: 'required' }],
    );
  }
  for (const serverUrl of [
    'push.example.com/live',
    'http://push.example.com/live',
    'srt://push.example.com:9000',
    'rtmp://push.example.com',
    'rtmp://push.example.com/',
    'rtmp:///live',
    'rtmp://push.example.com/live?auth=1',
  ]) {
    assert.deepEqual(
      issuesOf(() => destinationFields(input({ serverUrl }), true)),
      [{ path: 'input.serverUrl', code: 'stream_url_invalid' }],
      serverUrl,
    );
  }
});

test('Facebook takes RTMPS only; other platforms take either', () => {
  const facebook = input({ platform: 'facebook', serverUrl: 'rtmp://live-api-s.facebook.com:80/rtmp/' });
  assert.deepEqual(
    issuesOf(() => destinationFields(facebook, true)),
    [{ path: 'input.serverUrl', code: 'stream_url_rtmps_required' }],
  );
  destinationFields({ ...facebook, serverUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/' }, true);
  destinationFields(input({ platform: 'youtube', serverUrl: 'rtmp://a.rtmp.youtube.com/live2' }), true);
});

test('a key is required on create; on update an omitted or blank key keeps the stored one', () => {
  assert.deepEqual(
    issuesOf(() => destinationFields(input({ streamKey: undefined }), true)),
    [{ path: 'input.streamKey', code: 'required' }],
  );
  assert.deepEqual(
    issuesOf(() => destinationFields(input({ streamKey: '' }), true)),
    [{ path: 'input.streamKey', code: 'required' }],
  );
  assert.equal(destinationFields(input({ streamKey: undefined }), false).key, null);
  assert.equal(destinationFields(input({ streamKey: '' }), false).key, null);
  assert.deepEqual(
    issuesOf(() => destinationFields(input({ serverUrl: 'nope', streamKey: undefined }), true)).map((i) => i.code),
    ['stream_url_invalid', 'required'],
    'every problem at once',
  );
});

test('the address and key pasted the wrong way round, or the whole URL pasted as the address', () => {
  assert.deepEqual(
    issuesOf(() => destinationFields(input({ streamKey: 'rtmp://push.example.com/live/abc' }), true)),
    [{ path: 'input.streamKey', code: 'stream_key_invalid' }],
  );
  // The key is not kept inside the stored (and shown) server address.
  const pasted = destinationFields(input({ serverUrl: `rtmp://push.example.com/live/${KEY}` }), true);
  assert.equal(pasted.fields.serverUrl, 'rtmp://push.example.com/live');
  assert.equal(pasted.key, KEY);
  // A short key equal to the last path part may be a real application name: left alone.
  const short = destinationFields(input({ serverUrl: 'rtmp://h.example.com/app/live', streamKey: 'live' }), true);
  assert.equal(short.fields.serverUrl, 'rtmp://h.example.com/app/live');
});

test('masked URLs show server and application, never any part of the key', () => {
  assert.equal(maskedDestinationUrl('rtmp://push.example.com/live'), 'rtmp://push.example.com/live/••••');
  assert.equal(maskedDestinationUrl('rtmp://push.example.com/live/'), 'rtmp://push.example.com/live/••••');
  assert.equal(
    maskedDestinationUrl('rtmps://a.rtmps.youtube.com:443/live2'),
    'rtmps://a.rtmps.youtube.com:443/live2/••••',
  );
  // Nothing after a ? is ever shown (signed push addresses carry their signature there).
  assert.equal(maskedDestinationUrl('rtmp://push.example.com/live?txSecret=abc'), 'rtmp://push.example.com/••••');
  assert.equal(maskedDestinationUrl('garbage'), '••••');
});

test('a device source needs a camera or a microphone', () => {
  assert.deepEqual(settingsIssues(DEFAULT_SETTINGS), []);
  const none = { ...DEFAULT_SETTINGS, source: { kind: 'device' as const, video: null, audio: null } };
  assert.deepEqual(settingsIssues(none), [{ path: 'settings.source', code: 'stream_source_empty' }]);
  const mic = { ...DEFAULT_SETTINGS, source: { kind: 'device' as const, video: null, audio: 'default' } };
  assert.deepEqual(settingsIssues(mic), []);
});

test("the host's source becomes each OS's capture input", () => {
  assert.deepEqual(engineSource({ kind: 'test-pattern' }, 'linux'), { kind: 'test-pattern' });
  const device = { kind: 'device' as const, video: 'HD Webcam', audio: 'Mic (USB)' };
  assert.deepEqual(engineSource(device, 'win32'), { kind: 'dshow', video: 'HD Webcam', audio: 'Mic (USB)' });
  assert.deepEqual(engineSource({ kind: 'device', video: '0', audio: null }, 'darwin'), {
    kind: 'avfoundation',
    video: '0',
    audio: undefined,
  });
  assert.deepEqual(
    engineSource({ kind: 'device', video: '/dev/video0', audio: 'alsa_input.usb-mic.analog-stereo' }, 'linux'),
    { kind: 'linux', video: '/dev/video0', audio: 'alsa_input.usb-mic.analog-stereo', audioFormat: 'pulse' },
  );
  assert.deepEqual(engineSource({ kind: 'device', video: null, audio: 'hw:CARD=PCH,DEV=0' }, 'linux'), {
    kind: 'linux',
    video: undefined,
    audio: 'hw:CARD=PCH,DEV=0',
    audioFormat: 'alsa',
  });
});

test('why hardware encoding was not used, as a code the UI says in the user’s language, with what was tried', () => {
  const x264 = { encoder: 'libx264' as const, hardware: false, failed: [] };
  assert.equal(fallbackOf({ ...x264, reason: 'hardware-off' }, false), null);
  assert.deepEqual(fallbackOf({ ...x264, reason: 'no-hardware' }, true), { code: 'stream_hw_none', tried: [] });
  const failed = [
    { encoder: 'h264_nvenc' as const, detail: 'Cannot load libcuda.so.1' },
    { encoder: 'h264_qsv' as const, detail: null },
  ];
  assert.deepEqual(fallbackOf({ ...x264, reason: 'hardware-failed', failed }, true), {
    code: 'stream_hw_failed',
    tried: ['h264_nvenc', 'h264_qsv'],
  });
  assert.match(
    messageFor('stream_hw_failed', 'zh-CN', { tried: 'h264_nvenc、h264_qsv' }),
    /^硬件编码器（h264_nvenc、h264_qsv）/,
  );
  assert.doesNotMatch(messageFor('stream_hw_failed', 'zh-CN', { tried: 'h264_nvenc' }), /Cannot|failed/);
});

test('why hardware encoding was not used, only when it was asked for', () => {
  const x264 = { encoder: 'libx264' as const, hardware: false, failed: [] };
  assert.equal(fallbackReason({ ...x264, reason: 'hardware-off' }, false), null);
  assert.equal(fallbackReason({ encoder: 'h264_nvenc', hardware: true, reason: 'hardware', failed: [] }, true), null);
  assert.match(fallbackReason({ ...x264, reason: 'no-hardware' }, true)!, /no hardware H\.264 encoder/);
  const failed = fallbackReason(
    {
      ...x264,
      reason: 'hardware-failed',
      failed: [
        { encoder: 'h264_nvenc', detail: 'Cannot load libcuda.so.1' },
        { encoder: 'h264_qsv', detail: null },
      ],
    },
    true,
  );
  assert.equal(failed, 'no hardware encoder worked (h264_nvenc: Cannot load libcuda.so.1; h264_qsv: failed)');
});

test('recordings are named by local start time; secrets are scrubbed from text, URL before key', () => {
  assert.equal(recordingStamp(new Date(2026, 10, 24, 9, 5, 3)), '2026-11-24_09-05-03');
  const url = `rtmp://push.example.com/live/${KEY}`;
  assert.equal(redact(`Error opening ${url}: refused (${KEY})`, [KEY, url]), 'Error opening ••••: refused (••••)');
  assert.equal(redact('nothing secret', ['', KEY]), 'nothing secret');
});

test("the engine's destination states as the contract shows them", () => {
  const stats = { bytesSent: 1000, kbps: 2500, droppedTags: 2, reconnects: 1, liveMs: 0 };
  const numbers = { kbps: 2500, bytesSent: 1000, droppedTags: 2, reconnects: 1 };
  assert.deepEqual(liveOf({ phase: 'connecting', attempt: 2 }, stats), {
    phase: 'connecting',
    attempt: 2,
    retryAt: null,
    reason: null,
    detail: null,
    ...numbers,
  });
  const refused = 'connect ECONNREFUSED 127.0.0.1:1935';
  const reconnecting = { phase: 'reconnecting', attempt: 3, retryAt: 12345, reason: 'host_unreachable' } as const;
  assert.deepEqual(liveOf({ ...reconnecting, detail: refused }, stats), {
    phase: 'reconnecting',
    attempt: 3,
    retryAt: 12345,
    reason: 'host_unreachable',
    detail: refused,
    ...numbers,
  });
  const badKey = 'NetStream.Publish.BadName: ••••';
  assert.deepEqual(liveOf({ phase: 'failed', reason: 'key_rejected', detail: badKey }, stats), {
    phase: 'failed',
    attempt: null,
    retryAt: null,
    reason: 'key_rejected',
    detail: badKey,
    ...numbers,
  });
  assert.equal(liveOf({ phase: 'live', since: 1 }, stats).phase, 'live');
});
