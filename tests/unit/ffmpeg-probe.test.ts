// What ffmpeg can do: version, H.264 encoders, RTMPS; and which encoder a stream then uses. Parsers run on the
// real output of Debian's ffmpeg 5.1 (tests/fixtures/ffmpeg), and one test asks the real /usr/bin/ffmpeg.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  chooseEncoder,
  clearProbeCache,
  h264EncodersOf,
  parseFilters,
  hardwareEncoderWorks,
  parseEncoders,
  parseVersion,
  probeFfmpeg,
  type FfmpegProbe,
  type HardwareEncoder,
  type HardwareTest,
} from '../../electron/core/ffmpeg/probe.ts';
import { requireTool } from '../support/tools.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ffmpeg');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

test('the version comes from the first line of -version', () => {
  assert.equal(parseVersion(fixture('ffmpeg-5.1-debian12-version.txt')), '5.1.9-0+deb12u1');
  assert.equal(
    parseVersion('\r\nffmpeg version 7.1-full_build-www.gyan.dev Copyright (c) 2000-2024\r\n'),
    '7.1-full_build-www.gyan.dev',
  );
  assert.equal(parseVersion('ffprobe version 5.1.9 Copyright'), null);
});

test('-encoders: names after the legend; of the five H.264 encoders Debian builds libx264, nvenc and qsv', () => {
  const names = parseEncoders(fixture('ffmpeg-5.1-debian12-encoders.txt'));
  assert.ok(names.length > 150, `${names.length} encoders`);
  assert.ok(!names.includes('='), 'the legend (" V..... = Video") is not an encoder');
  assert.ok(names.includes('aac') && names.includes('libx264') && names.includes('h264_vaapi'));
  assert.deepEqual(h264EncodersOf(names), ['libx264', 'h264_nvenc', 'h264_qsv']);
  assert.deepEqual(h264EncodersOf(parseEncoders(fixture('ffmpeg-5.1-debian12-encoders.txt').replace(/\n/g, '\r\n'))), [
    'libx264',
    'h264_nvenc',
    'h264_qsv',
  ]);
});

test('parseFilters reads every filter of Debian 12 ffmpeg 5.1, the overlay and drawtext among them', () => {
  const names = parseFilters(fixture('ffmpeg-5.1-debian12-filters.txt'));
  assert.ok(names.length > 400, `only ${names.length} filters read`);
  assert.ok(names.includes('overlay') && names.includes('drawtext') && names.includes('scale'));
  // The legend (" T.. = Timeline support") and source/sink rows with nothing before the arrow are no filters.
  assert.ok(!names.includes('='));
  assert.ok(names.includes('testsrc'), 'a source ("|->V") is a filter too');
  // A build without freetype has no drawtext: the ticker is then drawn still, in the overlay picture.
  const withoutFreetype = ' TSC overlay           VV->V      Overlay a video source on top of the input.\r\n';
  assert.deepEqual(parseFilters(withoutFreetype), ['overlay']);
});

const probe = (h264Encoders: FfmpegProbe['h264Encoders']): FfmpegProbe => ({
  path: '/opt/ffmpeg',
  version: '7.1',
  h264Encoders,
  filters: { overlay: true, drawtext: true },
  error: null,
});

function trials(results: Partial<Record<HardwareEncoder, boolean>>) {
  const tried: string[] = [];
  const test: HardwareTest = async (ffmpegPath, encoder) => {
    tried.push(`${ffmpegPath} ${encoder}`);
    const ok = results[encoder] ?? false;
    return { ok, detail: ok ? null : `[${encoder} @ 0x1] Cannot load the driver` };
  };
  return { test, tried };
}

test('a hardware encoder is used only when its trial encode works; otherwise x264, and the reason says so', async () => {
  const working = trials({ h264_nvenc: false, h264_qsv: true });
  assert.deepEqual(await chooseEncoder(probe(['libx264', 'h264_nvenc', 'h264_qsv']), true, working.test), {
    encoder: 'h264_qsv',
    hardware: true,
    reason: 'hardware',
    failed: [{ encoder: 'h264_nvenc', detail: '[h264_nvenc @ 0x1] Cannot load the driver' }],
  });
  assert.deepEqual(working.tried, ['/opt/ffmpeg h264_nvenc', '/opt/ffmpeg h264_qsv']);

  const broken = trials({});
  const fellBack = await chooseEncoder(probe(['libx264', 'h264_nvenc', 'h264_amf']), true, broken.test);
  assert.equal(fellBack.encoder, 'libx264');
  assert.equal(fellBack.hardware, false);
  assert.equal(fellBack.reason, 'hardware-failed');
  assert.deepEqual(
    fellBack.failed.map((f) => f.encoder),
    ['h264_nvenc', 'h264_amf'],
  );
});

test('x264 without trying when there is no hardware encoder or hardware is off; nothing without any H.264', async () => {
  const none = trials({ h264_videotoolbox: true });
  assert.deepEqual(await chooseEncoder(probe(['libx264']), true, none.test), {
    encoder: 'libx264',
    hardware: false,
    reason: 'no-hardware',
    failed: [],
  });
  const off = await chooseEncoder(probe(['libx264', 'h264_videotoolbox']), false, none.test);
  assert.deepEqual([off.encoder, off.reason], ['libx264', 'hardware-off']);
  assert.deepEqual(none.tried, [], 'nothing is tried when hardware is off');
  const onlyHardware = await chooseEncoder(probe(['h264_videotoolbox']), true, none.test);
  assert.deepEqual([onlyHardware.encoder, onlyHardware.hardware], ['h264_videotoolbox', true]);
  const nothing = await chooseEncoder(probe(['h264_nvenc']), true, trials({}).test);
  assert.deepEqual([nothing.encoder, nothing.reason, nothing.failed.length], [null, 'no-h264-encoder', 1]);
});

test('the real ffmpeg: probed once, libx264 found', async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  clearProbeCache();
  const first = probeFfmpeg('/usr/bin/ffmpeg');
  assert.equal(probeFfmpeg('/usr/bin/ffmpeg'), first, 'one probe per path per process');
  const result = await first;
  assert.equal(result.error, null);
  assert.match(result.version ?? '', /^\d+\.\d+/);
  assert.ok(result.h264Encoders.includes('libx264'), `encoders: ${result.h264Encoders.join(', ')}`);
});

test('a missing ffmpeg probes to an error, which is not cached', async () => {
  clearProbeCache();
  const first = probeFfmpeg('/nonexistent/ffmpeg');
  const missing = await first;
  assert.equal(missing.error, 'ENOENT');
  assert.deepEqual([missing.version, missing.h264Encoders], [null, []]);
  assert.notEqual(probeFfmpeg('/nonexistent/ffmpeg'), first, 'asked again next time');
});

test("the hardware trial with the real ffmpeg: a missing GPU fails with ffmpeg's reason instead of hanging", async (t) => {
  if (!requireTool(t, 'ffmpeg')) return;
  clearProbeCache();
  // This machine has no NVIDIA GPU, so NVENC is built in but cannot open (on a machine with one, it works).
  const trial = await hardwareEncoderWorks('/usr/bin/ffmpeg', 'h264_nvenc');
  // With a working GPU the trial passes instead; both outcomes are checked, neither is skipped.
  if (!trial.ok) {
    assert.ok(trial.detail && trial.detail.length > 0, 'a reason from ffmpeg');
    assert.doesNotMatch(
      trial.detail,
      /^Error initializing output stream/,
      "the encoder's own line, not the generic one",
    );
  }
  assert.equal(await hardwareEncoderWorks('/usr/bin/ffmpeg', 'h264_nvenc'), trial, 'tried once per process');
});

test('the hardware trial passes on exit 0 and gives up at its time limit', async () => {
  clearProbeCache();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'livecart-fake-ffmpeg-'));
  const fake = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  try {
    assert.deepEqual(await hardwareEncoderWorks(fake('works', 'exit 0'), 'h264_videotoolbox'), {
      ok: true,
      detail: null,
    });
    const started = Date.now();
    const hung = await hardwareEncoderWorks(fake('hangs', 'exec sleep 30'), 'h264_amf', 300);
    assert.deepEqual(hung, { ok: false, detail: 'timeout' });
    assert.ok(Date.now() - started < 5000, 'stopped at the limit');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
