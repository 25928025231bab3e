// Going live against real ingests: nginx-rtmp on loopback, real ffmpeg. The test pattern goes to two
// destinations and a recording; one server is killed and restarted, the other hung with SIGSTOP and resumed.
// Each destination comes back, the other one and the recording never stop, and the recording plays end to
// end with no gap. A stream key the server refuses ends as "key rejected".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { test, type TestContext } from 'node:test';
import type { Destination } from '../../electron/core/stream/engine/destination.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { RtmpPublisher, type OpenSocket } from '../../electron/core/stream/rtmp/publisher.ts';
import { rtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';
import { decodesCleanly, longestGap, packetTimes, probeStreams, until } from '../support/media-probe.ts';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

const SETTINGS = {
  width: 640,
  height: 360,
  fps: 30,
  videoKbps: 1500,
  audioKbps: 96,
  encoder: 'libx264',
  preset: 'ultrafast',
  lowLatency: false,
};

const TLS_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/tls');

function tools(t: TestContext): boolean {
  return ['nginx', 'ffmpeg', 'ffprobe'].every((tool) => requireTool(t, tool));
}

test('two destinations and a recording ride out a killed server and a hung one', { timeout: 150_000 }, async (t) => {
  if (!tools(t)) return;
  const servers: RtmpServer[] = [await startRtmpServer(), await startRtmpServer()];
  const [a, b] = servers as [RtmpServer, RtmpServer];
  const record = path.join(tempDir('livecart-stream-'), 'show.mp4');
  let previews = 0;
  const engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: { kind: 'test-pattern' },
    settings: SETTINGS,
    destinations: [
      { id: 'a', target: a.target('key-a') },
      { id: 'b', target: b.target('key-b') },
    ],
    recordPath: record,
    preview: true,
    onPreview: (jpeg) => {
      assert.equal(jpeg.readUInt16BE(0), 0xffd8);
      previews += 1;
    },
  });
  const [da, db] = engine.destinations as [Destination, Destination];
  try {
    const began = Date.now();
    await engine.start();
    await until('both destinations live', () => da.state.phase === 'live' && db.state.phase === 'live');

    const streams = await probeStreams(a.url('key-a'));
    assert.deepEqual(streams.map((s) => s.codec_name).sort(), ['aac', 'h264'], 'the server carries H.264 and AAC');
    const video = streams.find((s) => s.codec_name === 'h264')!;
    assert.deepEqual([video.width, video.height], [640, 360]);

    // Server A dies and comes back: A reconnects; B never stops.
    await a.kill();
    await until('A noticed the drop', () => da.state.phase === 'reconnecting');
    const bBytes = db.stats.bytesSent;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(db.state.phase, 'live', 'B stays live while A is down');
    assert.ok(db.stats.bytesSent > bBytes, 'B keeps sending while A is down');
    await a.restart();
    await a.waitForPublish('key-a', 20_000, 2);
    await until('A live again', () => da.state.phase === 'live');

    // Server B hangs (SIGSTOP) and resumes: B is noticed as stalled and comes back; A never stops.
    b.pause();
    await until(
      'B noticed the hang',
      () => db.state.phase === 'reconnecting' || db.state.phase === 'connecting',
      30_000,
    );
    const aBytes = da.stats.bytesSent;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(da.state.phase, 'live', 'A stays live while B hangs');
    assert.ok(da.stats.bytesSent > aBytes, 'A keeps sending while B hangs');
    b.resume();
    await until('B live again', () => db.state.phase === 'live', 40_000);
    // The reconnected stream starts with headers and a keyframe: a player can read it at once.
    assert.ok((await probeStreams(b.url('key-b'))).some((s) => s.codec_name === 'h264'));

    const summary = await engine.stop();
    const wallSeconds = (Date.now() - began) / 1000;
    assert.equal(summary.phase, 'stopped');
    assert.equal(summary.error, null);
    assert.ok(summary.destinations.every((d) => d.stats.reconnects >= 1));
    assert.ok(previews > 5, `the preview moved (${previews} frames)`);

    // The recording: an MP4 that plays end to end, as long as the show, with no gap anywhere.
    assert.equal(summary.recording?.remuxed, true);
    assert.equal(summary.recording?.file, record);
    assert.ok(!fs.existsSync(`${record}.recording.flv`), 'the FLV was replaced by the MP4');
    const times = packetTimes(record);
    const span = times.at(-1)! - times[0]!;
    assert.ok(span > wallSeconds - 3 && span < wallSeconds + 1, `recording spans ${span} s of a ${wallSeconds} s show`);
    const gap = longestGap(times);
    assert.ok(gap < 0.1, `the longest gap between frames is ${gap} s`);
    decodesCleanly(record);
  } finally {
    await engine.stop();
    for (const server of servers) await server.stop();
  }
});

test('a stream key the server refuses ends as "key rejected", not an endless loop', { timeout: 60_000 }, async (t) => {
  if (!tools(t)) return;
  const server = await startRtmpServer({ rejectKeys: ['wrong-key'] });
  const engine = new StreamEngine({
    ffmpegPath: 'ffmpeg',
    source: { kind: 'test-pattern' },
    settings: SETTINGS,
    destinations: [{ id: 'x', target: server.target('wrong-key') }],
  });
  try {
    await engine.start();
    const [dest] = engine.destinations as [Destination];
    await until('the key to be given up on', () => dest.state.phase === 'failed', 30_000);
    assert.deepEqual(dest.state, {
      phase: 'failed',
      reason: 'key_rejected',
      detail: 'the server closed the connection before publishing began', // nginx-rtmp's on_publish says no more
    });
    const tries = server.rejected;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(server.rejected, tries, 'no more tries after "key rejected"');
    assert.equal(engine.phase, 'live', 'the encoder keeps going (the recording and other destinations need it)');
    // Fixed on the platform's side: "reconnect now" tries again.
    server.rejectKeys.delete('wrong-key');
    engine.reconnectNow('x');
    await until('live after the key was accepted', () => dest.state.phase === 'live');
  } finally {
    await engine.stop();
    await server.stop();
  }
});

test(
  'RTMPS from the core itself: TLS with the certificate checked, to an ingest behind a TLS terminator',
  { timeout: 60_000 },
  async (t) => {
    if (!tools(t)) return;
    const server = await startRtmpServer();
    const cert = fs.readFileSync(path.join(TLS_FIXTURES, 'localhost-cert.pem'));
    // TLS in front of nginx-rtmp, as a platform's RTMPS ingest is.
    const terminator = tls.createServer(
      { key: fs.readFileSync(path.join(TLS_FIXTURES, 'localhost-key.pem')), cert },
      (clear) => {
        const upstream = net.connect(server.port, '127.0.0.1');
        clear.pipe(upstream).pipe(clear);
        const end = () => {
          clear.destroy();
          upstream.destroy();
        };
        clear.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      },
    );
    await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
    const port = (terminator.address() as net.AddressInfo).port;
    const target = rtmpTarget(`rtmps://localhost:${port}/live`, 'tls-key')!;
    // Trusting this test's certificate explicitly; everything else about the connection is the studio's own.
    const trusting: OpenSocket = (to) => tls.connect({ host: to.host, port: to.port, servername: to.host, ca: cert });
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern' },
      settings: SETTINGS,
      destinations: [{ id: 's', target }],
      connect: (to, events) => new RtmpPublisher(to, events, trusting),
    });
    try {
      await engine.start();
      const [dest] = engine.destinations as [Destination];
      await until('live over RTMPS', () => dest.state.phase === 'live');
      await server.waitForPublish('tls-key');
      const streams = await probeStreams(server.url('tls-key'));
      assert.deepEqual(streams.map((s) => s.codec_name).sort(), ['aac', 'h264'], 'what arrived through TLS plays');
    } finally {
      await engine.stop();
      await new Promise((resolve) => terminator.close(resolve));
      await server.stop();
    }
  },
);

test(
  'the recording ended mid-show (a disk running full): the file plays, the stream goes on',
  { timeout: 60_000 },
  async (t) => {
    if (!tools(t)) return;
    const server = await startRtmpServer();
    const record = path.join(tempDir('livecart-stream-'), 'show.mp4');
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern' },
      settings: SETTINGS,
      destinations: [{ id: 'a', target: server.target('disk-key') }],
      recordPath: record,
    });
    try {
      await engine.start();
      const [dest] = engine.destinations as [Destination];
      await until('live', () => dest.state.phase === 'live');
      await until('some of it recorded', () => engine.recordedBytes > 200_000);
      // Asked twice at once (the disk watch, and anything ending the show meanwhile): finished once, as first asked.
      const [recording, again] = await Promise.all([engine.endRecording(false), engine.endRecording(true)]);
      assert.equal(recording?.file, `${record}.recording.flv`, 'kept as FLV: no room for a second copy');
      assert.deepEqual(again, recording, 'the second caller got the same file, not a remux on a full disk');
      const size = fs.statSync(recording!.file).size;
      decodesCleanly(recording!.file); // throws unless the FLV plays to its end
      const sent = dest.stats.bytesSent;
      await until('the stream going on', () => dest.stats.bytesSent > sent + 100_000);
      assert.equal(dest.state.phase, 'live');
      assert.equal(fs.statSync(recording!.file).size, size, 'nothing more written to it');
      const summary = await engine.stop();
      assert.equal(summary.recording?.file, recording!.file, 'the show’s recording is that file');
    } finally {
      await engine.stop();
      await server.stop();
    }
  },
);
