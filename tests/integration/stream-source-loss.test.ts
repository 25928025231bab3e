// A capture that dies or hangs mid-show, against a real ingest (nginx-rtmp on loopback) with real ffmpeg. The
// encoder is killed (a camera unplugged: its ffmpeg exits) and later frozen with SIGSTOP (a driver that stops
// delivering): each time the silent test pattern takes over, the destination never reconnects, the server keeps
// carrying H.264 + AAC at the chosen size, and the host can switch back. The recording plays end to end on one
// timeline: no gap between frames, no step back in time.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Destination } from '../../electron/core/stream/engine/destination.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { decodesCleanly, longestGap, packetTimes, probeStreams, stepBack, until } from '../support/media-probe.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { spawnNotingEncoders } from '../support/encoder-spawn.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { requireTool } from '../support/tools.ts';

function tools(t: TestContext): boolean {
  return ['nginx', 'ffmpeg', 'ffprobe'].every((tool) => requireTool(t, tool));
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test(
  'a capture killed, then hung: the test pattern stands in, the stream never drops, the recording has no gap',
  {
    timeout: 120_000,
  },
  async (t) => {
    if (!tools(t)) return;
    const server = await startRtmpServer();
    const record = path.join(tempDir('livecart-source-'), 'show.mp4');
    const encoders: ChildProcess[] = [];
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern' },
      settings: {
        width: 640,
        height: 360,
        fps: 30,
        videoKbps: 1200,
        audioKbps: 96,
        encoder: 'libx264',
        preset: 'ultrafast',
        lowLatency: false,
      },
      destinations: [{ id: 'a', target: server.target('key-a') }],
      recordPath: record,
      preview: true,
      spawn: spawnNotingEncoders(encoders),
    });
    const [destination] = engine.destinations as [Destination];
    const phases = new Set<string>();
    const watch = setInterval(() => phases.add(destination.state.phase), 50);
    try {
      const began = Date.now();
      await engine.start();
      await until('the destination live', () => destination.state.phase === 'live');
      phases.clear();
      await wait(2000);

      // The camera is unplugged: its encoder exits.
      encoders[0]!.kill('SIGKILL');
      await until('the stand-in', () => engine.source.fallback && encoders.length === 2);
      assert.equal(engine.source.lostReason, 'exited');
      assert.ok(
        encoders[1]!.spawnargs.some((arg) => arg.startsWith('anullsrc=')),
        'the stand-in is silent',
      );
      const bytes = destination.stats.bytesSent;
      await wait(3000);
      assert.ok(destination.stats.bytesSent > bytes + 100_000, 'the stand-in reaches the server');
      const streams = await probeStreams(server.url('key-a'));
      assert.deepEqual(streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
      const video = streams.find((s) => s.codec_name === 'h264')!;
      assert.deepEqual([video.width, video.height], [640, 360]);

      // Plugged back in: the host switches back; the camera takes over at its keyframe.
      assert.equal(engine.restoreSource(), true);
      await until('back on the chosen source', () => !engine.source.fallback && encoders.length === 3);
      await wait(2000);

      // The driver hangs: the encoder is frozen, delivers nothing, and is replaced after 5 s.
      process.kill(encoders[2]!.pid!, 'SIGSTOP');
      await until('the hang noticed', () => engine.source.lostReason === 'stalled', 15_000);
      await until('the stand-in again', () => engine.source.fallback && encoders.length === 4);
      await wait(2000);

      clearInterval(watch);
      const summary = await engine.stop();
      const wallSeconds = (Date.now() - began) / 1000;
      assert.equal(summary.phase, 'stopped');
      assert.equal(summary.error, null);
      assert.equal(summary.source.losses, 2);
      assert.deepEqual([...phases], ['live'], 'the destination stayed live throughout');
      assert.equal(summary.destinations[0]!.stats.reconnects, 0);

      assert.equal(summary.recording?.remuxed, true);
      decodesCleanly(record);
      const times = packetTimes(record);
      assert.ok(longestGap(times) < 0.1, `the longest gap between frames is ${longestGap(times)} s`);
      for (const stream of ['v:0', 'a:0']) assert.equal(stepBack(packetTimes(record, stream, 'dts')), -1, stream);
      const sound = packetTimes(record, 'a:0');
      assert.ok(longestGap(sound) < 0.2, `the longest gap in the sound is ${longestGap(sound)} s`);
      // The timeline skips the seconds nothing was captured (the hang), and nothing else.
      const span = times.at(-1)! - times[0]!;
      assert.ok(
        span < wallSeconds - 4 && span > wallSeconds - 10,
        `recording spans ${span} s of a ${wallSeconds} s show`,
      );
    } finally {
      clearInterval(watch);
      for (const encoder of encoders)
        if (encoder.exitCode === null && encoder.signalCode === null) encoder.kill('SIGKILL');
      await engine.stop();
      await server.stop();
    }
  },
);
