// The core's own RTMP(S) publisher, piece by piece (AMF0, the handshake, chunks, the target), then whole against a
// scripted server on loopback: what it sends, how each refusal and failure reads, and that the key is in none of it.
// (Interoperability with a real ingest is in tests/integration/stream-engine.test.ts, against nginx-rtmp.)
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import tls from 'node:tls';
import {
  decodeAmf0All,
  decodeAmf0Prefix,
  encodeAmf0All,
  type Amf0Value,
} from '../../electron/core/stream/rtmp/amf0.ts';
import {
  ChunkReader,
  encodeMessage,
  MSG_ACK,
  MSG_AUDIO,
  MSG_COMMAND_AMF0,
  MSG_DATA_AMF0,
  MSG_SET_CHUNK_SIZE,
  MSG_USER_CONTROL,
  MSG_VIDEO,
  MSG_WINDOW_ACK_SIZE,
  type RtmpMessage,
} from '../../electron/core/stream/rtmp/chunks.ts';
import { clientHello, digestOffset, packetDigest } from '../../electron/core/stream/rtmp/handshake.ts';
import {
  redactKey,
  RtmpPublisher,
  socketErrorReason,
  type PublisherEnd,
} from '../../electron/core/stream/rtmp/publisher.ts';
import { rtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';
import { TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO, type FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';

const KEY = 'sk_live_7f3a9c2e?txSecret=abc123&txTime=6a1b';

test('AMF0: what commands carry reads back the same; malformed or oversized input is refused', () => {
  const values: Amf0Value[] = ['connect', 1, { app: 'live', fpad: false, n: 3.5, nested: { a: null } }, null, [1, 'x']];
  assert.deepEqual(decodeAmf0All(encodeAmf0All(values)), values);
  assert.throws(() => decodeAmf0All(Buffer.from([0x02, 0x00, 0x10, 0x41])), RangeError, 'cut short');
  assert.throws(() => decodeAmf0All(Buffer.from([0x11])), RangeError, 'unknown type');
  // What comes before a type a publisher never needs is still read (the command's name, its transaction).
  const mixed = Buffer.concat([encodeAmf0All(['onBWDone', 0, null]), Buffer.from([0x11, 0x02])]);
  assert.deepEqual(decodeAmf0Prefix(mixed), ['onBWDone', 0, null]);
  const deep = Buffer.concat([
    ...Array.from({ length: 40 }, () => Buffer.from([0x03, 0x00, 0x01, 0x61])),
    Buffer.from([0x05]),
  ]);
  assert.throws(() => decodeAmf0All(deep), RangeError, 'nesting is bounded');
  const many = Buffer.alloc(5);
  many[0] = 0x0a;
  many.writeUInt32BE(1_000_000, 1);
  assert.throws(() => decodeAmf0All(many), RangeError, 'a million-item array is refused before it is read');
});

test('handshake: C0 is version 3; C1 carries the Flash Player digest where its own bytes say', () => {
  const hello = clientHello();
  assert.equal(hello.length, 1537);
  assert.equal(hello[0], 3);
  const c1 = hello.subarray(1);
  assert.deepEqual([...c1.subarray(4, 8)], [9, 0, 124, 2]);
  const offset = digestOffset(c1);
  assert.ok(offset >= 12 && offset < 12 + 728);
  assert.deepEqual(c1.subarray(offset, offset + 32), packetDigest(c1, offset));
});

test('chunks: messages split at the chunk size read back whole, extended timestamps included', () => {
  const reader = new ChunkReader();
  const big: RtmpMessage = {
    chunkStream: 6,
    type: MSG_VIDEO,
    streamId: 1,
    timestamp: 0x1000000,
    payload: crypto.randomBytes(10_000),
  };
  const small: RtmpMessage = {
    chunkStream: 4,
    type: MSG_AUDIO,
    streamId: 1,
    timestamp: 40,
    payload: Buffer.from([1, 2, 3]),
  };
  const wire = Buffer.concat([...encodeMessage(big, 128), ...encodeMessage(small, 128)]);
  // Fed a few bytes at a time, as a socket may deliver it.
  const got: RtmpMessage[] = [];
  for (let i = 0; i < wire.length; i += 7) got.push(...reader.push(wire.subarray(i, i + 7)));
  assert.deepEqual(got, [big, small]);
});

test('chunks: a Set Chunk Size applies to the very next chunk, even in the same read', () => {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(4096);
  const setSize: RtmpMessage = { chunkStream: 2, type: MSG_SET_CHUNK_SIZE, streamId: 0, timestamp: 0, payload: size };
  const result: RtmpMessage = {
    chunkStream: 3,
    type: MSG_COMMAND_AMF0,
    streamId: 0,
    timestamp: 0,
    payload: crypto.randomBytes(600),
  };
  const reader = new ChunkReader();
  const got = reader.push(Buffer.concat([...encodeMessage(setSize, 128), ...encodeMessage(result, 4096)]));
  assert.deepEqual(got, [setSize, result]);
  assert.throws(() => new ChunkReader().push(Buffer.from([0xc5, 1, 2, 3])), RangeError, 'a continuation of nothing');
});

test('the target: server address and key kept apart; FFmpeg’s tcUrl; credentials in the address refused', () => {
  assert.deepEqual(rtmpTarget('rtmp://push.example.com/live/', KEY), {
    secure: false,
    host: 'push.example.com',
    port: 1935,
    app: 'live',
    name: KEY,
    tcUrl: 'rtmp://push.example.com:1935/live',
  });
  const tencent = rtmpTarget('rtmps://a.rtmps.youtube.com/live2', ' abcd-efgh ')!;
  assert.deepEqual(
    [tencent.port, tencent.name, tencent.tcUrl],
    [443, 'abcd-efgh', 'rtmps://a.rtmps.youtube.com:443/live2'],
  );
  assert.equal(rtmpTarget('rtmp://[::1]:19350/a/b', 'k')!.tcUrl, 'rtmp://[::1]:19350/a/b');
  assert.equal(rtmpTarget('rtmp://[::1]:19350/a/b', 'k')!.host, '::1');
  assert.equal(rtmpTarget('rtmp://user:pass@push.example.com/live', 'k'), null);
  assert.equal(rtmpTarget('http://push.example.com/live', 'k'), null);
  assert.equal(rtmpTarget('rtmp://push.example.com/', 'k'), null, 'no application');
});

test('socket failures read as what they are', () => {
  const reason = (code: string) => socketErrorReason(Object.assign(new Error(code), { code }));
  assert.equal(reason('ECONNREFUSED'), 'host_unreachable');
  assert.equal(reason('ETIMEDOUT'), 'host_unreachable');
  assert.equal(reason('ENOTFOUND'), 'host_unknown');
  assert.equal(reason('EAI_AGAIN'), 'host_unknown');
  assert.equal(reason('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls_failed');
  assert.equal(reason('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls_failed');
  assert.equal(reason('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls_failed');
  // The server took the connection and cut it: its port answers, so it is not watched as "down".
  assert.equal(reason('ECONNRESET'), 'handshake_failed');
  assert.equal(reason('EPIPE'), 'handshake_failed');
});

test('the key is taken out of a server’s words in every form, before they are cut short', () => {
  const said = [
    `publish ${KEY} refused`,
    'stream SK_LIVE_7F3A9C2E busy',
    `name ${encodeURIComponent(KEY)} unknown`,
    'bad txSecret abc123 for sk_live_7f3a9c2e',
  ].join('; ');
  const out = redactKey(said, KEY);
  assert.doesNotMatch(out, /sk_live_7f3a9c2e|abc123|txSecret=|%3F/i, out);
  assert.match(out, /publish •••• refused/);
  // A key straddling the cut is still masked: redaction comes first.
  const long = `${'x'.repeat(290)} ${KEY}`;
  assert.doesNotMatch(redactKey(long, KEY).slice(0, 300), /sk_l/);
});

/** How a scripted server answers the publisher's commands. */
type Script = (command: string, txn: number, args: Amf0Value[], reply: Reply) => void;
interface Reply {
  command(values: Amf0Value[], streamId?: number): void;
  control(type: number, payload: Buffer): void;
  /** Bytes as they are, for what no well-behaved server sends. */
  write(bytes: Buffer): void;
  close(): void;
}

interface Scripted {
  port: number;
  received: RtmpMessage[];
  commands: Array<{ name: string; args: Amf0Value[] }>;
  raw: Buffer[];
  /** Resolves once `predicate` holds over what was received (checked as each message arrives). */
  until(predicate: () => boolean): Promise<void>;
  close(): Promise<void>;
}

/** A loopback RTMP server that does the handshake and then follows `script`. */
async function scriptedServer(script: Script, wrap?: (socket: net.Socket) => net.Socket): Promise<Scripted> {
  const received: RtmpMessage[] = [];
  const commands: Scripted['commands'] = [];
  const raw: Buffer[] = [];
  const waiters: Array<() => void> = [];
  const sockets = new Set<net.Socket>();
  const serve = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    let hello = Buffer.alloc(0);
    let answered = false;
    let done = false;
    const reader = new ChunkReader();
    const reply: Reply = {
      command: (values, streamId = 0) => {
        for (const part of encodeMessage(
          { chunkStream: 3, type: MSG_COMMAND_AMF0, streamId, timestamp: 0, payload: encodeAmf0All(values) },
          128,
        ))
          socket.write(part);
      },
      control: (type, payload) => {
        for (const part of encodeMessage({ chunkStream: 2, type, streamId: 0, timestamp: 0, payload }, 128))
          socket.write(part);
      },
      write: (bytes) => socket.write(bytes),
      close: () => socket.destroy(),
    };
    socket.on('data', (data: Buffer) => {
      raw.push(data);
      if (!done) {
        hello = Buffer.concat([hello, data]);
        if (hello.length < 1537) return;
        // S0 S1 S2 (S2 echoes C1), then the rest is chunks once C2 (1536 bytes) has come.
        if (!answered)
          socket.write(Buffer.concat([Buffer.from([3]), crypto.randomBytes(1536), hello.subarray(1, 1537)]));
        answered = true;
        if (hello.length < 1537 + 1536) return;
        done = true;
        data = hello.subarray(1537 + 1536);
      }
      for (const message of reader.push(data)) {
        received.push(message);
        for (const wake of waiters.splice(0)) wake();
        if (message.type !== MSG_COMMAND_AMF0) continue;
        const [name, txn, ...args] = decodeAmf0All(message.payload);
        commands.push({ name: String(name), args });
        script(String(name), Number(txn), args, reply);
      }
    });
  };
  const server = wrap ? tls.createServer(tlsOptions(), serve) : net.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    commands,
    raw,
    until: async (predicate) => {
      while (!predicate()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const TLS_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/tls');

/** A self-signed certificate for localhost (tests/fixtures/tls): no system trusts it. */
function tlsOptions(): tls.TlsOptions {
  return {
    key: fs.readFileSync(path.join(TLS_FIXTURES, 'localhost-key.pem')),
    cert: fs.readFileSync(path.join(TLS_FIXTURES, 'localhost-cert.pem')),
  };
}

/** What a cooperative ingest answers: connect ok, stream 1, publish started. */
const accepting: Script = (command, txn, _args, reply) => {
  if (command === 'connect')
    reply.command(['_result', txn, { fmsVer: 'FMS/3,0,1,123' }, { code: 'NetConnection.Connect.Success' }]);
  if (command === 'createStream') reply.command(['_result', txn, null, 1]);
  if (command === 'publish')
    reply.command(['onStatus', 0, null, { level: 'status', code: 'NetStream.Publish.Start' }], 1);
};

function publish(port: number, script?: { secure?: boolean; host?: string }) {
  let publishing = false;
  let resolveEnd!: (end: PublisherEnd) => void;
  const ended = new Promise<PublisherEnd>((resolve) => (resolveEnd = resolve));
  let resolvePublishing!: () => void;
  const started = new Promise<void>((resolve) => (resolvePublishing = resolve));
  const target = rtmpTarget(`${script?.secure ? 'rtmps' : 'rtmp'}://${script?.host ?? '127.0.0.1'}:${port}/live`, KEY)!;
  const publisher = new RtmpPublisher(target, {
    onPublishing: () => {
      publishing = true;
      resolvePublishing();
    },
    onEnd: (end) => resolveEnd(end),
  });
  return { publisher, ended, started, isPublishing: () => publishing };
}

function flvTag(type: number, timestamp: number, body: Buffer, flags: Partial<FlvTag> = {}): FlvTag {
  const bytes = Buffer.alloc(11 + body.length + 4);
  bytes[0] = type;
  bytes.writeUIntBE(body.length, 1, 3);
  body.copy(bytes, 11);
  return { type, timestamp, bytes, keyframe: false, config: false, ...flags };
}

test('publishing: connect, releaseStream, FCPublish, createStream, publish "live" on the new stream; then media', async () => {
  const server = await scriptedServer(accepting);
  try {
    const { publisher, started, ended } = publish(server.port);
    await started;
    assert.deepEqual(
      server.commands.map((c) => c.name),
      ['connect', 'releaseStream', 'FCPublish', 'createStream', 'publish'],
    );
    const connect = server.commands[0]!.args[0] as Record<string, unknown>;
    assert.deepEqual(connect, {
      app: 'live',
      type: 'nonprivate',
      flashVer: 'FMLE/3.0 (compatible; LiveCart)',
      tcUrl: `rtmp://127.0.0.1:${server.port}/live`,
    });
    assert.deepEqual(server.commands[4]!.args, [null, KEY, 'live'], 'the key, query included, goes only here');
    const publishMessage = server.received.find(
      (m) => m.type === MSG_COMMAND_AMF0 && decodeAmf0All(m.payload)[0] === 'publish',
    )!;
    assert.equal(publishMessage.streamId, 1);

    publisher.send(flvTag(TAG_SCRIPT, 0, encodeAmf0All(['onMetaData', { width: 320 }])));
    publisher.send(flvTag(TAG_VIDEO, 0, Buffer.from([0x17, 0, 0, 0, 0, 1]), { config: true }));
    publisher.send(flvTag(TAG_VIDEO, 90_000, Buffer.from([0x17, 1, 0, 0, 0, 0xaa]), { keyframe: true }));
    publisher.send(flvTag(TAG_AUDIO, 90_021, Buffer.from([0xaf, 1, 0x21])));
    const stopping = publisher.stop();
    await ended;
    await stopping;
    const media = server.received.filter((m) => [MSG_DATA_AMF0, MSG_VIDEO, MSG_AUDIO].includes(m.type));
    assert.deepEqual(
      media.map((m) => [m.type, m.timestamp, m.streamId]),
      [
        [MSG_DATA_AMF0, 0, 1],
        [MSG_VIDEO, 0, 1],
        [MSG_VIDEO, 0, 1], // each connection's stream starts at zero
        [MSG_AUDIO, 21, 1],
      ],
    );
    assert.deepEqual(decodeAmf0All(media[0]!.payload), ['@setDataFrame', 'onMetaData', { width: 320 }]);
    assert.deepEqual(media[2]!.payload, Buffer.from([0x17, 1, 0, 0, 0, 0xaa]), 'the tag body, as it was');
    assert.deepEqual(
      server.commands.slice(-2).map((c) => c.name),
      ['FCUnpublish', 'deleteStream'],
      'stopping unpublishes first',
    );
  } finally {
    await server.close();
  }
});

test('a ping is answered; the server is told what arrived once half its window has', async () => {
  const server = await scriptedServer((command, txn, args, reply) => {
    accepting(command, txn, args, reply);
    if (command === 'publish') {
      const window = Buffer.alloc(4);
      window.writeUInt32BE(1000);
      reply.control(MSG_WINDOW_ACK_SIZE, window);
      reply.control(MSG_USER_CONTROL, Buffer.from([0, 6, 0, 0, 0x12, 0x34]));
      reply.command(['onStatus', 0, null, { level: 'status', code: 'NetStream.Data.Start', pad: 'x'.repeat(600) }], 1);
    }
  });
  try {
    const { publisher, started } = publish(server.port);
    await started;
    const pong = () => server.received.find((m) => m.type === MSG_USER_CONTROL);
    const ack = () => server.received.find((m) => m.type === 3);
    await server.until(() => Boolean(pong() && ack()));
    assert.deepEqual([...pong()!.payload], [0, 7, 0, 0, 0x12, 0x34]);
    assert.ok(ack()!.payload.readUInt32BE(0) >= 500);
    publisher.kill();
  } finally {
    await server.close();
  }
});

test('asked for, the server acknowledges every N bytes; its counts are followed across the 32-bit wrap', async () => {
  const counts = [4_294_967_000, 200, 900]; // the server's count wraps after 4 GB
  const server = await scriptedServer((command, txn, args, reply) => {
    accepting(command, txn, args, reply);
    if (command === 'publish') {
      for (const count of counts) {
        const ack = Buffer.alloc(4);
        ack.writeUInt32BE(count);
        reply.control(MSG_ACK, ack);
      }
      reply.command(['onStatus', 0, null, { level: 'status', code: 'NetStream.Data.Start' }], 1);
    }
  });
  try {
    const target = rtmpTarget(`rtmp://127.0.0.1:${server.port}/live`, KEY)!;
    let publishing!: () => void;
    const started = new Promise<void>((resolve) => (publishing = resolve));
    const publisher = new RtmpPublisher(target, { onPublishing: () => publishing(), onEnd: () => {} }, undefined, {
      ackWindow: 16_384,
    });
    assert.equal(publisher.acknowledgedBytes, null, 'nothing acknowledged yet');
    await started;
    const asked = server.received.find((m) => m.type === MSG_WINDOW_ACK_SIZE);
    assert.equal(asked?.payload.readUInt32BE(0), 16_384, 'the window is asked for right after connecting');
    // The three acknowledgements arrive together: wait (a state, not a time) until the last is read.
    await new Promise<void>((resolve) => {
      const check = () => (publisher.acknowledgedBytes === 2 ** 32 + 900 ? resolve() : setImmediate(check));
      check();
    });
    assert.equal(publisher.acknowledgedBytes, 2 ** 32 + 900, '200 after 4,294,967,000 is past the wrap, not back');
    publisher.kill();
  } finally {
    await server.close();
  }
});

test('a refused key: the server’s status says so, and the detail never holds the key', async () => {
  const server = await scriptedServer((command, txn, args, reply) => {
    if (command === 'publish') {
      reply.command(
        [
          'onStatus',
          0,
          null,
          { level: 'error', code: 'NetStream.Publish.BadName', description: `${KEY} is not allowed` },
        ],
        1,
      );
    } else accepting(command, txn, args, reply);
  });
  try {
    const { ended, isPublishing } = publish(server.port);
    const end = await ended;
    assert.equal(end.reason, 'publish_refused');
    assert.match(end.detail, /NetStream\.Publish\.BadName/);
    assert.ok(!end.detail.includes('sk_live_7f3a9c2e'), end.detail);
    assert.equal(isPublishing(), false);
  } finally {
    await server.close();
  }
});

test('a server that hangs up right after the publish (nginx-rtmp refusing a key) is a refusal too', async () => {
  const server = await scriptedServer((command, txn, args, reply) => {
    if (command === 'publish') reply.close();
    else accepting(command, txn, args, reply);
  });
  try {
    const { ended } = publish(server.port);
    assert.equal((await ended).reason, 'publish_refused');
  } finally {
    await server.close();
  }
});

test('nothing listening, a name that does not resolve, a certificate not trusted: each said as such', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  assert.equal((await publish(port).ended).reason, 'host_unreachable');
  assert.equal((await publish(1935, { host: 'ingest.invalid' }).ended).reason, 'host_unknown');

  const secure = await scriptedServer(accepting, (s) => s);
  try {
    const end = await publish(secure.port, { secure: true, host: 'localhost' }).ended;
    assert.equal(end.reason, 'tls_failed', end.detail);
    assert.deepEqual(
      secure.commands,
      [],
      'nothing, the key least of all, went to a server that could not prove who it is',
    );
  } finally {
    await secure.close();
  }
});

test('the key is not in the clear on the wire before the publish, nor anywhere but the publish commands', async () => {
  const server = await scriptedServer(accepting);
  try {
    const { publisher, started } = publish(server.port);
    await started;
    publisher.kill();
    const wire = Buffer.concat(server.raw);
    const at = wire.indexOf('sk_live_7f3a9c2e');
    const connectAt = wire.indexOf('nonprivate');
    assert.ok(connectAt > 0 && at > connectAt, 'the key follows the connect, in releaseStream, FCPublish and publish');
    assert.equal(
      server.commands
        .filter((c) => JSON.stringify(c.args).includes('sk_live_7f3a9c2e'))
        .map((c) => c.name)
        .join(),
      'releaseStream,FCPublish,publish',
    );
  } finally {
    await server.close();
  }
});

test('"Already publishing" (the server still holds the last connection) is said as such and retried, not a bad key', async () => {
  const server = await scriptedServer((command, txn, args, reply) => {
    if (command === 'publish') {
      const status = { level: 'error', code: 'NetStream.Publish.BadName', description: 'Already publishing' };
      reply.command(['onStatus', 0, null, status], 1);
    } else accepting(command, txn, args, reply);
  });
  try {
    const end = await publish(server.port).ended;
    assert.equal(end.reason, 'name_busy');
    assert.equal(end.detail, 'NetStream.Publish.BadName: Already publishing');
  } finally {
    await server.close();
  }
});

test('a server that takes the connection and cuts it mid-handshake is handshake_failed (RTMPS: tls_failed)', async () => {
  const cutting = net.createServer((socket) => {
    socket.once('data', () => socket.resetAndDestroy());
  });
  await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
  const port = (cutting.address() as net.AddressInfo).port;
  try {
    const plain = await publish(port).ended;
    assert.equal(plain.reason, 'handshake_failed', plain.detail);
    const secure = await publish(port, { secure: true, host: 'localhost' }).ended;
    assert.equal(secure.reason, 'tls_failed', secure.detail);
  } finally {
    await new Promise((resolve) => cutting.close(resolve));
  }
});

test('while publishing: an error status ends it as dropped; an unknown AMF type in a command does not', async () => {
  let send!: Reply;
  const server = await scriptedServer((command, txn, args, reply) => {
    accepting(command, txn, args, reply);
    if (command === 'publish') send = reply;
  });
  try {
    const { started, ended, isPublishing } = publish(server.port);
    await started;
    // A command carrying an AMF3 value (a type this publisher does not read) is ignored, not a failure.
    const odd = Buffer.concat([encodeAmf0All(['onFCPublish', 0, null]), Buffer.from([0x11, 0x02, 0x01])]);
    for (const part of encodeMessage(
      { chunkStream: 3, type: MSG_COMMAND_AMF0, streamId: 0, timestamp: 0, payload: odd },
      128,
    )) {
      send.write(part);
    }
    send.command(['onStatus', 0, null, { level: 'error', code: 'NetStream.Publish.Failed', description: 'gone' }], 1);
    const end = await ended;
    assert.equal(isPublishing(), true);
    assert.equal(end.reason, 'dropped');
    assert.equal(end.detail, 'NetStream.Publish.Failed: gone', 'ended by the status, not by the odd command');
  } finally {
    await server.close();
  }
});

test('a new codec configuration mid-show keeps its place in time (the camera and the stand-in swapped)', async () => {
  const server = await scriptedServer(accepting);
  try {
    const { publisher, started, ended } = publish(server.port);
    await started;
    publisher.send(flvTag(TAG_VIDEO, 5_000, Buffer.from([0x17, 0, 0, 0, 0, 1]), { config: true }));
    publisher.send(flvTag(TAG_VIDEO, 5_000, Buffer.from([0x17, 1, 0, 0, 0, 0xaa]), { keyframe: true }));
    publisher.send(flvTag(TAG_VIDEO, 65_000, Buffer.from([0x17, 0, 0, 0, 0, 2]), { config: true }));
    publisher.send(flvTag(TAG_VIDEO, 65_000, Buffer.from([0x17, 1, 0, 0, 0, 0xbb]), { keyframe: true }));
    const stopping = publisher.stop();
    await ended;
    await stopping;
    const video = server.received.filter((m) => m.type === MSG_VIDEO).map((m) => m.timestamp);
    assert.deepEqual(video, [0, 0, 60_000, 60_000]);
  } finally {
    await server.close();
  }
});

// Bounded: without the cap this would wait for an end that never comes.
test('a server sending endless half messages is cut off, not buffered', { timeout: 30_000 }, async () => {
  const server = await scriptedServer((command, txn, args, reply) => {
    if (command !== 'connect') return;
    // Message after message begun on new chunk streams, 1 MB announced each, never finished.
    for (let stream = 10; stream < 200; stream++) {
      const header = Buffer.alloc(12);
      header[0] = stream; // fmt 0, chunk stream id < 64 in one byte
      header.writeUIntBE(0, 1, 3);
      header.writeUIntBE(1024 * 1024 - 1, 4, 3);
      header[7] = MSG_DATA_AMF0;
      if (stream >= 64) {
        const wide = Buffer.concat([Buffer.from([0, stream - 64]), header.subarray(1)]);
        reply.write(Buffer.concat([wide, Buffer.alloc(128)]));
      } else reply.write(Buffer.concat([header, Buffer.alloc(128)]));
    }
  });
  try {
    const end = await publish(server.port).ended;
    assert.equal(end.reason, 'publish_refused');
    assert.match(end.detail, /too many chunk streams|too much half sent/);
  } finally {
    await server.close();
  }
});
