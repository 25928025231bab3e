// The show's sound against a real ingest: real ffmpeg encoding the test pattern's tone, nginx-rtmp on loopback, and
// a listener decoding what the ingest serves. Muting silences what viewers hear within moments and unmuting brings
// the tone back, while the encoder keeps running (one process for the whole show) and the meter keeps showing the
// microphone. A silent source is counted as silence by the meter.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { AudioMeter, METER_RATE, type AudioLevel } from '../../electron/core/stream/engine/audio-meter.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { until } from '../support/media-probe.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { requireTool } from '../support/tools.ts';

const SETTINGS = {
  width: 320,
  height: 180,
  fps: 25,
  videoKbps: 400,
  audioKbps: 128,
  encoder: 'libx264',
  preset: 'ultrafast',
  lowLatency: true,
};

/** Plays the stream from the ingest and measures what a viewer hears, block by block (a tenth of a second each). */
function listen(url: string): { levels: AudioLevel[]; child: ChildProcess } {
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      url,
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(METER_RATE),
      '-f',
      's16le',
      'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const meter = new AudioMeter();
  const levels: AudioLevel[] = [];
  child.stdout!.on('data', (chunk: Buffer) => levels.push(...meter.push(chunk)));
  return { levels, child };
}

/** The test pattern's tone peaks near -18 dBFS (ffmpeg's sine at its default 1/8 amplitude). */
const loud = (l: AudioLevel) => l.peakDb > -30;
const silent = (l: AudioLevel) => l.peakDb < -60;
/** `count` blocks in a row after `from` that satisfy `ok`. */
function run(levels: AudioLevel[], from: number, count: number, ok: (l: AudioLevel) => boolean): boolean {
  let streak = 0;
  for (const level of levels.slice(from)) if ((streak = ok(level) ? streak + 1 : 0) >= count) return true;
  return false;
}

test(
  'mute and unmute reach the viewer without restarting the encoder; the meter still hears the microphone',
  { timeout: 90_000 },
  async (t: TestContext) => {
    if (!['nginx', 'ffmpeg'].every((tool) => requireTool(t, tool))) return;
    const rtmp = await startRtmpServer();
    const spawned: number[] = [];
    const meterLevels: AudioLevel[] = [];
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern' },
      settings: SETTINGS,
      destinations: [{ id: 'a', target: rtmp.target('audio-key') }],
      onLevel: (level) => meterLevels.push(level),
      spawn: (command: string, args: string[], options: SpawnOptions) => {
        const child = spawn(command, args, options);
        if (child.pid) spawned.push(child.pid);
        return child;
      },
    });
    let listener: ChildProcess | null = null;
    try {
      await engine.start();
      await until('the destination is live', () => engine.destinations[0]!.state.phase === 'live');
      const heard = listen(rtmp.url('audio-key'));
      listener = heard.child;
      await until('the viewer hears the tone', () => run(heard.levels, 0, 5, loud), 30_000);
      assert.ok(run(meterLevels, 0, 5, loud), 'the meter shows the tone too');

      assert.equal(await engine.setMuted(true), true);
      assert.equal(engine.audio.muted, true);
      const mutedAt = heard.levels.length;
      const meterAt = meterLevels.length;
      await until('the viewer hears silence', () => run(heard.levels, mutedAt, 10, silent), 30_000);
      await until('the meter keeps measuring', () => meterLevels.length > meterAt + 10);
      assert.ok(run(meterLevels, meterAt, 5, loud), 'muted, the meter still shows the microphone');

      assert.equal(await engine.setMuted(false), true);
      const unmutedAt = heard.levels.length;
      await until('the viewer hears the tone again', () => run(heard.levels, unmutedAt, 5, loud), 30_000);
      assert.equal(spawned.length, 1, 'one encoder for the whole show: muting restarted nothing');
      assert.equal(engine.phase, 'live');
    } finally {
      listener?.kill('SIGKILL');
      await engine.stop();
      await rtmp.stop();
    }
  },
);

test(
  'a silent source: the meter counts the silence (the service warns from it after 10 s)',
  { timeout: 60_000 },
  async (t: TestContext) => {
    if (!['nginx', 'ffmpeg'].every((tool) => requireTool(t, tool))) return;
    const rtmp = await startRtmpServer();
    const levels: AudioLevel[] = [];
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern', silent: true },
      settings: SETTINGS,
      destinations: [{ id: 'a', target: rtmp.target('silent-key') }],
      onLevel: (level) => levels.push(level),
    });
    try {
      await engine.start();
      await until('two seconds of sound measured', () => levels.length >= 20, 30_000);
      assert.ok(
        levels.every((l) => l.peakDb <= -90),
        'nothing but digital silence',
      );
      assert.ok(engine.audio.silentMs >= 2000, `${engine.audio.silentMs} ms silent`);
      assert.equal(engine.audio.silentMs, levels.length * 100, 'counted in samples, not by a clock');
    } finally {
      await engine.stop();
      await rtmp.stop();
    }
  },
);
