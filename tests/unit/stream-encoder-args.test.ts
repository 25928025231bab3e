import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Readable } from 'node:stream';
import {
  encoderArgs,
  PREVIEW_FD,
  PROGRESS_FD,
  type EncodeSettings,
  type Source,
} from '../../electron/core/stream/engine/encoder-args.ts';
import { FlvReader } from '../../electron/core/stream/engine/flv-reader.ts';
import { JpegFrames } from '../../electron/core/stream/engine/jpeg-frames.ts';
import { requireTool } from '../support/tools.ts';

const settings: EncodeSettings = {
  width: 1280,
  height: 720,
  fps: 30,
  videoKbps: 2500,
  audioKbps: 128,
  encoder: 'libx264',
  preset: 'veryfast',
  lowLatency: false,
};

function args(source: Source = { kind: 'test-pattern' }, s: Partial<EncodeSettings> = {}, preview = false): string[] {
  return encoderArgs(source, { ...settings, ...s }, { preview });
}

/** The value after each occurrence of `flag`. */
function values(list: string[], flag: string): string[] {
  return list.flatMap((arg, i) => (arg === flag ? [list[i + 1]!] : []));
}

function value(list: string[], flag: string): string | undefined {
  const found = values(list, flag);
  assert.ok(found.length <= 1, `${flag} given ${found.length} times`);
  return found[0];
}

test('test pattern: lavfi picture and tone at the size and rate asked, mapped from two inputs', () => {
  const list = args({ kind: 'test-pattern' }, { width: 640, height: 360, fps: 25 });
  assert.deepEqual(values(list, '-f').slice(0, 2), ['lavfi', 'lavfi']);
  assert.deepEqual(values(list, '-i'), [
    'testsrc=size=640x360:rate=25',
    'sine=frequency=880:beep_factor=4:sample_rate=48000',
  ]);
  assert.deepEqual(values(list, '-map'), ['0:v:0', '1:a:0']);
});

test('dshow: one input naming the camera and the microphone; either may be missing', () => {
  const both = args({ kind: 'dshow', video: 'USB Camera', audio: '麦克风 (Realtek Audio)' });
  assert.equal(values(both, '-f')[0], 'dshow');
  assert.deepEqual(values(both, '-i'), ['video=USB Camera:audio=麦克风 (Realtek Audio)']);
  assert.deepEqual(values(both, '-map').slice(0, 2), ['0:v:0', '0:a:0']);
  assert.equal(values(args({ kind: 'dshow', video: 'USB Camera' }), '-i')[0], 'video=USB Camera');
  assert.equal(values(args({ kind: 'dshow', audio: 'Mic' }), '-i')[0], 'audio=Mic');
});

test('avfoundation: "video:audio" indexes with "none" for a missing one, at the rate asked', () => {
  const list = args({ kind: 'avfoundation', video: '0', audio: '1' }, { fps: 30 });
  assert.equal(values(list, '-f')[0], 'avfoundation');
  assert.equal(list[list.indexOf('avfoundation') + 1], '-framerate');
  assert.equal(list[list.indexOf('avfoundation') + 2], '30');
  assert.deepEqual(values(list, '-i'), ['0:1']);
  assert.equal(values(args({ kind: 'avfoundation', video: '0' }), '-i')[0], '0:none');
  assert.equal(values(args({ kind: 'avfoundation', audio: '2' }), '-i')[0], 'none:2');
});

test('a camera alone gets a silent track and a microphone alone a black picture: every output has both', () => {
  const camera = args({ kind: 'dshow', video: 'USB Camera' }, { width: 640, height: 360, fps: 25 });
  assert.deepEqual(values(camera, '-i'), ['video=USB Camera', 'anullsrc=channel_layout=stereo:sample_rate=48000']);
  assert.deepEqual(values(camera, '-map').slice(0, 2), ['0:v:0', '1:a:0']);
  const microphone = args({ kind: 'avfoundation', audio: '2' }, { width: 640, height: 360, fps: 25 });
  assert.deepEqual(values(microphone, '-i'), ['none:2', 'color=c=black:size=640x360:rate=25']);
  assert.deepEqual(values(microphone, '-map').slice(0, 2), ['1:v:0', '0:a:0']);
});

test('the stand-in pattern is silent; every picture is scaled to limited range, so encoders can take turns', () => {
  const silent = args({ kind: 'test-pattern', silent: true });
  assert.equal(values(silent, '-i')[1], 'anullsrc=channel_layout=stereo:sample_rate=48000');
  for (const list of [silent, args({ kind: 'dshow', video: 'Cam' })]) {
    assert.match(values(list, '-vf')[0]!, /^scale=[^,]*:out_range=tv,pad=/);
  }
});

test('linux: v4l2 camera and a PulseAudio (default) or ALSA microphone, audio mapped from the right input', () => {
  const both = args({ kind: 'linux', video: '/dev/video0', audio: 'default' }, { fps: 15 });
  assert.deepEqual(values(both, '-f').slice(0, 2), ['v4l2', 'pulse']);
  assert.deepEqual(values(both, '-i'), ['/dev/video0', 'default']);
  assert.equal(values(both, '-framerate')[0], '15');
  assert.deepEqual(values(both, '-map').slice(0, 2), ['0:v:0', '1:a:0']);

  const alsaOnly = args({ kind: 'linux', audio: 'hw:0', audioFormat: 'alsa' });
  assert.equal(values(alsaOnly, '-i')[0], 'hw:0');
  assert.equal(values(alsaOnly, '-f')[0], 'alsa');
  assert.deepEqual(values(alsaOnly, '-map').slice(0, 2), ['1:v:0', '0:a:0'], 'the microphone, and a black picture');

  const cameraOnly = args({ kind: 'linux', video: '/dev/video2' });
  assert.equal(values(cameraOnly, '-i')[0], '/dev/video2');
  assert.ok(!values(cameraOnly, '-f').includes('pulse'));
});

test('a keyframe every 2 s at any frame rate: -g and -keyint_min are fps × 2, and forced by time', () => {
  for (const fps of [10, 15, 24, 25, 30, 50, 60]) {
    const list = args({ kind: 'test-pattern' }, { fps });
    assert.equal(value(list, '-g'), String(fps * 2), `${fps} fps`);
    assert.equal(value(list, '-keyint_min'), String(fps * 2), `${fps} fps`);
    assert.equal(value(list, '-force_key_frames'), 'expr:gte(t,n_forced*2)');
    assert.equal(value(list, '-r'), String(fps));
  }
  assert.equal(value(args(), '-sc_threshold'), '0', 'no extra keyframes at scene cuts');
});

test('constant bitrate: rate = maxrate, a 2 s buffer, x264 signalling CBR; H.264 4:2:0 and AAC stereo', () => {
  const list = args({ kind: 'test-pattern' }, { videoKbps: 4000, audioKbps: 160 });
  assert.equal(value(list, '-b:v'), '4000k');
  assert.equal(value(list, '-maxrate'), '4000k');
  assert.equal(value(list, '-bufsize'), '8000k');
  assert.equal(value(list, '-x264-params'), 'nal-hrd=cbr');
  assert.equal(value(list, '-preset'), 'veryfast');
  assert.equal(value(list, '-pix_fmt'), 'yuv420p');
  assert.equal(value(list, '-c:a'), 'aac');
  assert.equal(value(list, '-b:a'), '160k');
  assert.equal(value(list, '-ac'), '2');

  const hardware = args({ kind: 'test-pattern' }, { encoder: 'h264_nvenc', lowLatency: true });
  assert.equal(values(hardware, '-c:v')[0], 'h264_nvenc');
  assert.equal(value(hardware, '-maxrate'), '2500k');
  for (const x264Only of ['-x264-params', '-preset', '-tune', '-sc_threshold']) {
    assert.ok(!hardware.includes(x264Only), `${x264Only} is for libx264 only`);
  }
  // Quick Sync takes nv12 only (`ffmpeg -h encoder=h264_qsv`); every hardware encoder takes it.
  for (const encoder of ['h264_qsv', 'h264_nvenc', 'h264_amf', 'h264_videotoolbox']) {
    assert.equal(value(args({ kind: 'test-pattern' }, { encoder }), '-pix_fmt'), 'nv12', encoder);
  }
});

test('-tune zerolatency only when low latency is asked for', () => {
  assert.ok(!args().includes('-tune'));
  assert.equal(value(args({ kind: 'test-pattern' }, { lowLatency: true }), '-tune'), 'zerolatency');
});

test('FLV on pipe:1 and progress on its own pipe always; the JPEG preview output only when asked', () => {
  const plain = args();
  assert.ok(plain.includes('pipe:1'));
  assert.equal(plain[plain.indexOf('pipe:1') - 3], 'flv');
  assert.equal(value(plain, '-progress'), `pipe:${PROGRESS_FD}`);
  assert.ok(!plain.includes(`pipe:${PREVIEW_FD}`));
  assert.ok(!plain.includes('mjpeg'));
  assert.equal(values(plain, '-map').length, 2);

  const preview = args({ kind: 'test-pattern' }, {}, true);
  assert.equal(preview[preview.indexOf(`pipe:${PREVIEW_FD}`) - 1], 'image2pipe');
  assert.ok(preview.indexOf(`pipe:${PREVIEW_FD}`) > preview.indexOf('pipe:1'), 'a second output, after the FLV');
  assert.deepEqual(values(preview, '-map'), ['0:v:0', '1:a:0', '0:v:0']);
  assert.ok(values(preview, '-c:v').includes('mjpeg'));
});

test('the test-pattern command runs: H.264 + AAC FLV at 320x240 with keyframes 2 s apart, JPEG previews', async (t) => {
  if (!requireTool(t, 'ffmpeg') || !requireTool(t, 'ffprobe')) return;
  const list = encoderArgs(
    { kind: 'test-pattern' },
    { ...settings, width: 320, height: 240, fps: 15, preset: 'ultrafast' },
    {
      preview: true,
    },
  );
  const encoder = spawn('ffmpeg', list, { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] });
  const flv: Buffer[] = [];
  const reader = new FlvReader();
  const frames = new JpegFrames();
  const previews: Buffer[] = [];
  let progress = '';
  let stderr = '';
  encoder.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  (encoder.stdio[PREVIEW_FD] as Readable).on('data', (chunk: Buffer) => previews.push(...frames.push(chunk)));
  (encoder.stdio[PROGRESS_FD] as Readable).on('data', (chunk: Buffer) => (progress += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    encoder.once('exit', (_code, signal) => resolve(signal)),
  );
  // Real time (-re): stop after the second keyframe (2 s) and a little more, or give up after 20 s.
  const bound = setTimeout(() => encoder.kill('SIGKILL'), 20_000);
  encoder.stdout!.on('data', (chunk: Buffer) => {
    flv.push(chunk);
    const keyframes = reader.push(chunk).filter((tag) => tag.keyframe);
    if (keyframes.some((tag) => tag.timestamp >= 2000)) encoder.kill('SIGINT');
  });
  const signal = await exited;
  clearTimeout(bound);
  assert.equal(stderr, '');
  assert.equal(signal, null, 'ffmpeg ended on SIGINT by itself (exit 255), not killed by the bound');
  assert.match(progress, /progress=/);
  assert.ok(previews.length >= 2, `${previews.length} previews`);
  assert.ok(previews.every((jpeg) => jpeg[0] === 0xff && jpeg[1] === 0xd8));

  const probe = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name,width,height:packet=stream_index,pts_time,flags',
      '-of',
      'json',
      'pipe:0',
    ],
    { input: Buffer.concat(flv), timeout: 20_000 },
  );
  assert.equal(probe.stderr.toString(), '');
  const info = JSON.parse(probe.stdout.toString()) as {
    streams: Array<{ codec_name: string; width?: number; height?: number }>;
    packets: Array<{ stream_index: number; pts_time: string; flags: string }>;
  };
  assert.deepEqual(
    info.streams.map((s) => [s.codec_name, s.width, s.height]),
    [
      ['h264', 320, 240],
      ['aac', undefined, undefined],
    ],
  );
  const keyTimes = info.packets
    .filter((p) => p.stream_index === 0 && p.flags.startsWith('K'))
    .map((p) => Number(p.pts_time));
  assert.equal(keyTimes.length, 2, `keyframes at ${keyTimes.join(', ')}`);
  assert.ok(Math.abs(keyTimes[1]! - keyTimes[0]! - 2) < 0.01, `keyframes at ${keyTimes.join(', ')}`);
});
