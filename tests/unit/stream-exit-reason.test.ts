// The stderr texts are what ffmpeg 5.1 (Debian 12) prints with -loglevel error, captured against real listeners:
// nothing listening, an unknown name, a TLS listener that is not RTMP, and RTMP(S) servers that drop the
// connection after the client's connect/publish (what a server does with a refused stream key).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitReason, MEDIA_BYTES, type PusherExit } from '../../electron/core/stream/engine/exit-reason.ts';

const URL = 'rtmp://127.0.0.1:1935/live/secret-key';
const TLS_URL = 'rtmps://127.0.0.1:443/live/secret-key';

function reason(stderr: string, bytesSent = 0, stalled = false): string {
  const exit: PusherExit = { stderr, bytesSent, stalled };
  return exitReason(exit);
}

test('nothing listening, no route, timed out: host_unreachable', () => {
  const refused = `[tcp @ 0x5614c8789000] Connection to tcp://127.0.0.1:1935?tcp_nodelay=0 failed: Connection refused
[rtmp @ 0x5614c87f2d00] Cannot open connection tcp://127.0.0.1:1935?tcp_nodelay=0
${URL}: Connection refused
`;
  assert.equal(reason(refused), 'host_unreachable');
  assert.equal(
    reason(`[tcp @ 0x1] Connection to tcp://10.9.9.9:1935?tcp_nodelay=0 failed: Network is unreachable\n`),
    'host_unreachable',
  );
  assert.equal(
    reason(`[tcp @ 0x1] Connection to tcp://10.9.9.9:1935?tcp_nodelay=0 failed: No route to host\n`),
    'host_unreachable',
  );
  assert.equal(
    reason(`[tcp @ 0x1] Connection to tcp://10.9.9.9:1935?tcp_nodelay=0 failed: Connection timed out\n`),
    'host_unreachable',
  );
  assert.equal(
    reason(`${TLS_URL.replace('127.0.0.1', 'ingest.example.com')}: Connection refused\n`),
    'host_unreachable',
  );
});

test('a name that does not resolve: host_unknown', () => {
  const linux = `[tcp @ 0x558d48229000] Failed to resolve hostname no-such-host.invalid: Name or service not known
[rtmp @ 0x558d48292d00] Cannot open connection tcp://no-such-host.invalid:1935?tcp_nodelay=0
rtmp://no-such-host.invalid/live/k: Input/output error
`;
  assert.equal(reason(linux), 'host_unknown');
  assert.equal(
    reason('[tcp @ 0x1] Failed to resolve hostname push.example.com: Temporary failure in name resolution\n'),
    'host_unknown',
  );
  assert.equal(
    reason('[tcp @ 0x1] Failed to resolve hostname push.example.com: nodename nor servname provided, or not known\n'),
    'host_unknown',
  );
  assert.equal(
    reason('[tcp @ 0x1] Failed to resolve hostname push.example.com: No such host is known.  \n'),
    'host_unknown',
  );
});

test('an RTMPS connection that cannot be opened (handshake, certificate): tls_failed', () => {
  const notTls = `[tls @ 0x55af72462180] An unexpected TLS packet was received.
[rtmps @ 0x55af72496d40] Cannot open connection tls://127.0.0.1:443
${TLS_URL}: Input/output error
`;
  assert.equal(reason(notTls), 'tls_failed');
  const closedInHandshake = `[tls @ 0x55b3c1621180] Error in the pull function.
[tls @ 0x55b3c1621180] IO error: End of file
[rtmps @ 0x55b3c1655d40] Cannot open connection tls://127.0.0.1:443
${TLS_URL}: End of file
`;
  assert.equal(reason(closedInHandshake), 'tls_failed');
  assert.equal(reason('[tls @ 0x1] error:0A000086:SSL routines::certificate verify failed\n'), 'tls_failed');
});

test('RTMPS dropped after connect and publish (a refused key) is publish_refused, not a TLS failure', () => {
  // The TLS connection was up; the tls layer merely reports the server closing it.
  const refused = `[tls @ 0x561981d8b180] Error in the pull function.
[tls @ 0x561981d8b180] IO error: End of file
${TLS_URL}: Input/output error
`;
  assert.equal(reason(refused, 3_000), 'publish_refused');
  assert.equal(
    reason(`[tls @ 0x1] Error in the push function.\n${TLS_URL}: Input/output error\n`, MEDIA_BYTES * 10),
    'dropped',
  );
});

test('RTMP dropped after connect, or an empty message: publish_refused with few bytes sent, dropped with many', () => {
  const io = `${URL}: Input/output error\n`;
  assert.equal(reason(io, 0), 'publish_refused');
  assert.equal(reason(io, MEDIA_BYTES - 1), 'publish_refused');
  assert.equal(reason(io, MEDIA_BYTES), 'dropped');
  assert.equal(reason('', 0), 'publish_refused');
  assert.equal(reason('', 5_000_000), 'dropped');
  assert.equal(
    reason(`${URL}: Broken pipe\n[flv @ 0x1] Failed to update header with correct duration.\n`, 40_000_000),
    'dropped',
  );
  // A server that closes before the RTMP handshake: not TLS (the URL is plain RTMP).
  const closed = `[rtmp @ 0x1] Cannot read RTMP handshake response\n${URL}: Connection reset by peer\n`;
  assert.equal(reason(closed), 'publish_refused');
  assert.equal(reason('[rtmp @ 0x1] Server error: Authentication Failed.\n'), 'publish_refused');
});

test('a pusher killed as stalled is "stalled", whatever it printed', () => {
  assert.equal(reason('', 10_000_000, true), 'stalled');
  assert.equal(reason(`${URL}: Connection refused\n`, 0, true), 'stalled');
  assert.equal(reason(`${URL}: Input/output error\n`, 0, true), 'stalled');
});

test('words inside the URL (the host or the key) do not decide the reason', () => {
  const sslHost = 'rtmps://ssl-push.example.com/live/keyWithTls123';
  assert.equal(reason(`[tls @ 0x1] Error in the pull function.\n${sslHost}: Input/output error\n`), 'publish_refused');
});
