// Device listings as ffmpeg prints them on each OS (tests/fixtures/ffmpeg/README.md says where each came from):
// every fixture gives exactly the devices a person would pick from, with what ffmpeg needs to open them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Device } from '../../electron/core/stream/devices/device.ts';
import { listDevices, listingCommands, type Runner } from '../../electron/core/stream/devices/list-devices.ts';
import { parseAvfoundation } from '../../electron/core/stream/devices/parse-avfoundation.ts';
import { parseDshow } from '../../electron/core/stream/devices/parse-dshow.ts';
import { alsaCaptureDevices, parseSources } from '../../electron/core/stream/devices/parse-linux.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/ffmpeg');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const dshow = (kind: Device['kind'], name: string, selector = name): Device => ({
  kind,
  name,
  format: 'dshow',
  id: `${kind}=${selector}`,
  selector,
});
const avf = (kind: Device['kind'], index: number, name: string): Device => ({
  kind,
  name,
  format: 'avfoundation',
  id: kind === 'video' ? `${index}:none` : `none:${index}`,
  selector: String(index),
  ...(kind === 'video' && name.startsWith('Capture screen') ? { screen: true } : {}),
});
const source = (format: 'v4l2' | 'alsa' | 'pulse', id: string, name: string, isDefault = false): Device => ({
  kind: format === 'v4l2' ? 'video' : 'audio',
  name,
  format,
  id,
  selector: id,
  ...(isDefault ? { isDefault: true } : {}),
});

test('dshow, oldest layout (headings, no alternative names): the heading decides camera or microphone', () => {
  assert.deepEqual(parseDshow(fixture('dshow-legacy-trac-wiki.txt')), [
    dshow('video', 'Integrated Camera'),
    dshow('video', 'screen-capture-recorder'),
    dshow('audio', 'Internal Microphone (Conexant 2'),
    dshow('audio', 'virtual-audio-capturer'),
  ]);
});

test('dshow, headings with alternative names and a Chinese microphone name', () => {
  assert.deepEqual(parseDshow(fixture('dshow-legacy-zh-naturalwill.txt')), [
    dshow('video', 'Integrated Webcam'),
    dshow('video', 'screen-capture-recorder'),
    dshow('audio', '麦克风 (High Definition Audio 设备)'),
    dshow('audio', 'virtual-audio-capturer'),
  ]);
});

test('dshow, original spacing, a name with nested parentheses, a listing cut short', () => {
  assert.deepEqual(parseDshow(fixture('dshow-legacy-qtav-755.txt')), [
    dshow('video', 'USB 2861 Device'),
    dshow('video', 'FaceTime HD Camera'),
    dshow('audio', 'Headset Microphone (Cirrus Logic CS4208 (AB 94))'),
  ]);
});

test('dshow, tagged layout: "(video)" and "(none)" (a virtual camera that is not running) are both cameras', () => {
  const expected = [dshow('video', 'DirectShow Softcam'), dshow('video', 'OBS Virtual Camera')];
  assert.deepEqual(parseDshow(fixture('dshow-tagged-softcam-68-running.txt')), expected);
  assert.deepEqual(parseDshow(fixture('dshow-tagged-softcam-68-stopped.txt')), expected);
});

test('dshow, tagged layout with [in#0 @ …] prefixes (newer builds) mixed with [dshow @ …]', () => {
  assert.deepEqual(parseDshow(fixture('dshow-tagged-in0-sharex-8442.txt')), [
    dshow('video', 'screen-capture-recorder'),
    dshow('audio', 'virtual-audio-capturer'),
  ]);
});

test('dshow, Windows line endings give the same devices', () => {
  for (const name of ['dshow-legacy-qtav-755.txt', 'dshow-tagged-softcam-68-stopped.txt']) {
    const text = fixture(name);
    assert.deepEqual(parseDshow(text.replace(/\n/g, '\r\n')), parseDshow(text), name);
  }
});

test('dshow, a shared name or a name with ":" is opened by its alternative name', () => {
  // The QtAV machine's lines, its microphone listed twice and its camera renamed with a colon.
  const lines = fixture('dshow-legacy-qtav-755.txt').split('\n');
  const twice = [...lines.slice(0, 8), ...lines.slice(6, 8)].join('\n').replace('USB 2861 Device', 'Capture: HDMI');
  const devices = parseDshow(twice);
  const micAlternative =
    '@device_cm_{33D9A762-90C8-11D0-BD43-00A0C911CE86}\\wave_{236214EE-E87B-4088-895B-523B69D536D0}';
  const camAlternative =
    '@device_pnp_\\\\?\\usb#vid_eb1a&pid_5051&mi_00#6&1298c10a&0&0000#{65e8773d-8f56-11d0-a3b9-00a0c9223196}\\{54353d15-e717-4d94-b574-685ce1a209e9}';
  assert.deepEqual(devices, [
    dshow('video', 'Capture: HDMI', camAlternative),
    dshow('video', 'FaceTime HD Camera'),
    dshow('audio', 'Headset Microphone (Cirrus Logic CS4208 (AB 94))', micAlternative),
    dshow('audio', 'Headset Microphone (Cirrus Logic CS4208 (AB 94))', micAlternative),
  ]);
});

test('avfoundation, "AVFoundation input device" prefix and a heading pasted without it', () => {
  assert.deepEqual(parseAvfoundation(fixture('avfoundation-cytopia-ffscreencast-25.txt')), [
    avf('video', 0, 'CamTwist'),
    avf('video', 1, 'Built-in iSight'),
    avf('video', 2, 'CamTwist (2VUY)'),
    avf('video', 3, 'Capture screen 0'),
    avf('audio', 0, 'Soundflower (64ch)'),
    avf('audio', 1, 'Built-in Microphone'),
    avf('audio', 2, 'Soundflower (2ch)'),
    avf('audio', 3, 'Built-in Input'),
  ]);
});

test('avfoundation, Dutch names; screens are marked as screens', () => {
  const devices = parseAvfoundation(fixture('avfoundation-mkchromecast-40.txt'));
  assert.deepEqual(devices, [
    avf('video', 0, 'FaceTime HD-camera (beeldscherm)'),
    avf('video', 1, 'FaceTime-camera (ingebouwd)'),
    avf('video', 2, 'Capture screen 0'),
    avf('audio', 0, 'Soundflower (64ch)'),
    avf('audio', 1, 'Built-in Microphone'),
    avf('audio', 2, 'Soundflower (2ch)'),
    avf('audio', 3, 'Display Audio'),
  ]);
  assert.deepEqual(
    devices.filter((d) => d.screen).map((d) => d.name),
    ['Capture screen 0'],
  );
});

test('avfoundation, "AVFoundation indev" prefix with a plug-in logging around the listing', () => {
  assert.deepEqual(parseAvfoundation(fixture('avfoundation-indev-dvrescue-67.txt')), [
    avf('video', 0, 'CamTwist'),
    avf('video', 1, 'FaceTime HD Camera (Built-in)'),
    avf('video', 2, 'CamTwist (2VUY)'),
    avf('video', 3, 'DV-VCR'),
    avf('video', 4, 'Capture screen 0'),
    avf('audio', 0, 'Description'),
    avf('audio', 1, 'Jaybird Tarah Pro'),
    avf('audio', 2, 'Built-in Microphone'),
  ]);
});

test('avfoundation, two screens', () => {
  assert.deepEqual(parseAvfoundation(fixture('avfoundation-livepeer-6.txt')), [
    avf('video', 0, 'FaceTime HD Camera'),
    avf('video', 1, 'Capture screen 0'),
    avf('video', 2, 'Capture screen 1'),
    avf('audio', 0, 'Built-in Microphone'),
  ]);
});

test('a listing for another OS finds nothing rather than something wrong', () => {
  assert.deepEqual(parseAvfoundation(fixture('dshow-legacy-zh-naturalwill.txt')), []);
  assert.deepEqual(parseDshow(fixture('avfoundation-livepeer-6.txt')), []);
  assert.deepEqual(parseSources(fixture('dshow-tagged-softcam-68-running.txt')).devices, []);
});

test('Linux v4l2: the ffmpeg 4 layout without media types; no camera at all', () => {
  assert.deepEqual(parseSources(fixture('linux-sources-v4l2-old-koushikphy.txt')), {
    format: 'v4l2',
    devices: [
      source('v4l2', '/dev/video1', 'GENERAL WEBCAM: GENERAL WEBCAM'),
      source('v4l2', '/dev/video0', 'GENERAL WEBCAM: GENERAL WEBCAM'),
    ],
    error: null,
  });
  assert.deepEqual(parseSources(fixture('linux-sources-v4l2-no-camera-debian12.txt')), {
    format: 'v4l2',
    devices: [],
    error: null,
  });
});

test('Linux Pulse: sources with the default marked, a monitor, a UTF-8 description; no server is an error', () => {
  assert.deepEqual(parseSources(fixture('linux-sources-pulse-debian12.txt')), {
    format: 'pulse',
    devices: [
      source('pulse', 'source.null', 'Null Input', true),
      source('pulse', 'livecart_mix.monitor', 'Monitor of LiveCart混音'),
    ],
    error: null,
  });
  assert.deepEqual(parseSources(fixture('linux-sources-pulse-no-server-debian12.txt')), {
    format: 'pulse',
    devices: [],
    error: 'Generic error in an external library',
  });
});

test('Linux ALSA: everything the hint list names is parsed; only capture candidates are offered', () => {
  const withPlugins = parseSources(fixture('linux-sources-alsa-with-pulse-plugin-debian12.txt'));
  assert.equal(withPlugins.format, 'alsa');
  assert.deepEqual(
    withPlugins.devices.map((d) => d.id),
    ['null', 'default', 'lavrate', 'samplerate', 'speexrate', 'jack', 'oss', 'pulse', 'speex', 'upmix', 'vdownmix'],
  );
  assert.deepEqual(
    withPlugins.devices[3],
    source('alsa', 'samplerate', 'Rate Converter Plugin Using Samplerate Library'),
  );
  assert.deepEqual(alsaCaptureDevices(withPlugins.devices), [
    source('alsa', 'default', 'Playback/recording through the PulseAudio sound server', true),
    source('alsa', 'jack', 'JACK Audio Connection Kit'),
    source('alsa', 'oss', 'Open Sound System'),
    source('alsa', 'pulse', 'PulseAudio Sound Server'),
  ]);
  const noCard = parseSources(fixture('linux-sources-alsa-no-card-debian12.txt'));
  assert.deepEqual(
    noCard.devices.map((d) => d.id),
    ['null'],
  );
  assert.deepEqual(alsaCaptureDevices(noCard.devices), []);
});

function fakeRunner(outputs: Record<string, { stdout?: string; stderr?: string; code?: number }>) {
  const calls: string[][] = [];
  const run: Runner = async (_binary, args) => {
    calls.push(args);
    const key = args.includes('-sources') ? args[args.indexOf('-sources') + 1]! : args[args.indexOf('-f') + 1]!;
    const out = outputs[key] ?? {};
    return { stdout: out.stdout ?? '', stderr: out.stderr ?? '', code: out.code ?? 0, failure: null };
  };
  return { run, calls };
}

test('listDevices runs the listing for the OS (non-zero exit expected) and parses what it printed', async () => {
  const win = fakeRunner({ dshow: { stderr: fixture('dshow-legacy-zh-naturalwill.txt'), code: 1 } });
  const windows = await listDevices('ffmpeg.exe', 'win32', win.run);
  assert.deepEqual(win.calls, [['-hide_banner', '-nostdin', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy']]);
  assert.deepEqual(
    windows.map((d) => d.id),
    [
      'video=Integrated Webcam',
      'video=screen-capture-recorder',
      'audio=麦克风 (High Definition Audio 设备)',
      'audio=virtual-audio-capturer',
    ],
  );

  const mac = fakeRunner({ avfoundation: { stderr: fixture('avfoundation-livepeer-6.txt'), code: 1 } });
  const macos = await listDevices('ffmpeg', 'darwin', mac.run);
  assert.deepEqual(mac.calls, [['-hide_banner', '-nostdin', '-f', 'avfoundation', '-list_devices', 'true', '-i', '']]);
  assert.equal(macos.length, 4);
});

test('listDevices on Linux: cameras from v4l2, microphones from Pulse, or from ALSA when Pulse has none', async () => {
  assert.deepEqual(listingCommands('linux'), [
    ['-hide_banner', '-nostdin', '-sources', 'v4l2'],
    ['-hide_banner', '-nostdin', '-sources', 'pulse'],
    ['-hide_banner', '-nostdin', '-sources', 'alsa'],
  ]);
  const withPulse = fakeRunner({
    v4l2: { stdout: fixture('linux-sources-v4l2-old-koushikphy.txt') },
    pulse: { stdout: fixture('linux-sources-pulse-debian12.txt') },
    alsa: { stdout: fixture('linux-sources-alsa-with-pulse-plugin-debian12.txt') },
  });
  assert.deepEqual(
    (await listDevices('ffmpeg', 'linux', withPulse.run)).map((d) => `${d.format} ${d.id}`),
    ['v4l2 /dev/video1', 'v4l2 /dev/video0', 'pulse source.null', 'pulse livecart_mix.monitor'],
  );
  const noPulse = fakeRunner({
    v4l2: { stdout: fixture('linux-sources-v4l2-no-camera-debian12.txt') },
    pulse: { stdout: fixture('linux-sources-pulse-no-server-debian12.txt') },
    alsa: { stdout: fixture('linux-sources-alsa-with-pulse-plugin-debian12.txt') },
  });
  assert.deepEqual(
    (await listDevices('ffmpeg', 'linux', noPulse.run)).map((d) => `${d.format} ${d.id}`),
    ['alsa default', 'alsa jack', 'alsa oss', 'alsa pulse'],
  );
});

test('listDevices rejects when ffmpeg cannot run at all, instead of reporting no devices', async () => {
  const missing: Runner = async () => ({ stdout: '', stderr: '', code: null, failure: 'ENOENT' });
  await assert.rejects(listDevices('/nope/ffmpeg', 'win32', missing), /ENOENT/);
  const hung: Runner = async () => ({ stdout: '', stderr: '', code: null, failure: 'timeout' });
  await assert.rejects(listDevices('ffmpeg', 'linux', hung), /timeout/);
});
