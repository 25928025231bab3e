// What going live needs from the outside world, and what start() checks and builds before anything is
// spawned: ffmpeg found and probed, the encoder chosen (a hardware one only when a trial encode works), the chosen
// camera and microphone among the ones ffmpeg lists (a name a client made up is never handed to ffmpeg), every
// enabled destination's key opened for its own server, the recording's file. Refusals name every reason at once.
// Kept apart from stream-service.ts, which runs the show and announces it.
import fs from 'node:fs';
import { makePrivateDir } from '../system/data-folder.ts';
import path from 'node:path';
import type { z } from 'zod';
import { StudioError, type Issue } from '../protocol/errors.ts';
import { PRESET_SIZES } from '../protocol/stream-presets.ts';
import type { deviceSchema, probeSchema, SourceChoice, StreamState } from '../protocol/stream-schemas.ts';
import { locateFfmpeg, type FfmpegLocation } from '../ffmpeg/locate.ts';
import type { SecretBox } from '../system/secret-box.ts';
import type { Device } from './devices/device.ts';
import { listDevices } from './devices/list-devices.ts';
import type { Destination } from './engine/destination.ts';
import { openSocket, RtmpPublisher } from './rtmp/publisher.ts';
import { ACK_WINDOW, type ConnectMeasured } from './preflight/upload-test.ts';
import type { EncodeSettings, Source } from './engine/encoder-args.ts';
import { StreamEngine } from './engine/stream-engine.ts';
import type { EngineOptions } from './engine/engine-types.ts';
import { freeSpace } from './disk-space.ts';
import { chooseEncoder, probeFfmpeg, type EncoderChoice, type FfmpegProbe } from '../ffmpeg/probe.ts';
import type { DestinationRow, StreamStore } from './stream-store.ts';
import { rtmpTarget, type RtmpTarget } from './rtmp/rtmp-target.ts';
import {
  engineSource,
  fallbackOf,
  fallbackReason,
  maskedDestinationUrl,
  recordingStamp,
  settingsIssues,
} from './stream-rules.ts';

/** What the service needs of the engine (the real one, or a test's). */
export type Engine = Pick<
  StreamEngine,
  | 'phase'
  | 'error'
  | 'health'
  | 'source'
  | 'startedAt'
  | 'start'
  | 'stop'
  | 'reconnectNow'
  | 'retarget'
  | 'restoreSource'
  | 'endRecording'
  | 'recordedBytes'
  | 'recordedMs'
  | 'audio'
  | 'setMuted'
> & {
  readonly destinations: ReadonlyArray<RunningDestination>;
};
export type RunningDestination = Pick<Destination, 'id' | 'state' | 'stats'>;

/** The outside world, replaceable in tests. */
export interface StreamDeps {
  locate(): FfmpegLocation | null;
  probe(ffmpegPath: string): Promise<FfmpegProbe>;
  chooseEncoder(probe: FfmpegProbe, hardware: boolean): Promise<EncoderChoice>;
  listDevices(ffmpegPath: string): Promise<Device[]>;
  createEngine(options: EngineOptions): Engine;
  /** An RTMP(S) publisher for the pre-flight's upload test (the engine's destinations make their own). */
  preflightPublisher: ConnectMeasured;
  /** Free bytes on the disk holding a folder (null when unknown). */
  freeSpace(dir: string): Promise<number | null>;
  platform: NodeJS.Platform;
  now(): number;
}

export const DEFAULT_DEPS: StreamDeps = {
  locate: () => locateFfmpeg(),
  probe: probeFfmpeg, // once per binary per process (ffmpeg-probe.ts keeps it)
  chooseEncoder: (probe, hardware) => chooseEncoder(probe, hardware),
  listDevices: (ffmpegPath) => listDevices(ffmpegPath),
  createEngine: (options) => new StreamEngine(options),
  preflightPublisher: (target, events) => new RtmpPublisher(target, events, openSocket, { ackWindow: ACK_WINDOW }),
  freeSpace,
  platform: process.platform,
  now: Date.now,
};

export type ListedDevice = z.infer<typeof deviceSchema>;
export type Probe = z.infer<typeof probeSchema>;

export const AUDIO_KBPS = 128;
/** x264's speed preset: what OBS defaults to for live streaming. */
const X264_PRESET = 'veryfast';

/** ffmpeg as found, and what it can do (probed once per launch; a failed probe is tried again next time). */
export async function describeFfmpeg(deps: StreamDeps): Promise<Probe> {
  const found = deps.locate();
  if (!found) return { ffmpeg: null };
  const probe = await deps.probe(found.path);
  return { ffmpeg: { path: probe.path, version: probe.version, h264Encoders: probe.h264Encoders } };
}

/** Cameras and microphones; `error` is a message code (stream_no_ffmpeg, stream_devices_failed) or null. */
export async function describeDevices(deps: StreamDeps): Promise<{ devices: ListedDevice[]; error: string | null }> {
  const found = deps.locate();
  if (!found) return { devices: [], error: 'stream_no_ffmpeg' };
  try {
    const devices = await deps.listDevices(found.path);
    return {
      devices: devices.map((d) => ({
        kind: d.kind,
        name: d.name,
        selector: d.selector,
        isDefault: d.isDefault ?? false,
      })),
      error: null,
    };
  } catch (error) {
    console.error('[stream] listing devices failed:', (error as Error).message);
    return { devices: [], error: 'stream_devices_failed' };
  }
}

/**
 * A sealed key opens only in its own row and for the server it was entered for: copied into another destination,
 * or left behind when the address changes, it does not decrypt, so it can never be sent to another server.
 */
function keyContext(id: number, serverUrl: string): string {
  return `stream_destinations:${id}:${serverUrl}`;
}

/** How keys were sealed before they were bound to their server (still opened, and sealed again: resealLegacyKeys). */
function legacyContext(id: number): string {
  return `stream_destinations:${id}`;
}

export function sealKey(secrets: SecretBox, row: Pick<DestinationRow, 'id' | 'server_url'>, key: string): string {
  return secrets.seal(key, keyContext(row.id, row.server_url));
}

/** The stored key, or null when there is none or it cannot be opened (another data key: typed in again). */
export function openKey(secrets: SecretBox, row: DestinationRow): string | null {
  if (row.key_cipher === null) return null;
  return (
    secrets.open(row.key_cipher, keyContext(row.id, row.server_url)) ??
    secrets.open(row.key_cipher, legacyContext(row.id))
  );
}

/** True when the row's key is sealed the way it is now (bound to its server), or it has none. */
export function keySealedForServer(secrets: SecretBox, row: DestinationRow): boolean {
  return row.key_cipher === null || secrets.open(row.key_cipher, keyContext(row.id, row.server_url)) !== null;
}

export interface ShowPlan {
  ffmpegPath: string;
  source: Source;
  encode: EncodeSettings;
  encoder: NonNullable<StreamState['encoder']>;
  /** Each enabled destination: where it publishes and its key (a secret: scrubbed from every text), and how it is shown. */
  targets: Array<{ id: number; target: RtmpTarget; key: string; masked: string }>;
  recordPath: string | null;
  /** What this ffmpeg can composite: the overlay, and its scrolling ticker. */
  filters: FfmpegProbe['filters'];
}

/** Everything start() checks before spawning anything, and what the engine will be given. */
export async function planShow(input: {
  store: StreamStore;
  secrets: SecretBox;
  deps: StreamDeps;
  recordingsDir: string;
}): Promise<ShowPlan> {
  const { store, secrets, deps } = input;
  const issues: Issue[] = [];
  const settings = store.settings();
  const rows = store.list().filter((row) => row.enabled === 1);

  const found = deps.locate();
  const probe = found ? await deps.probe(found.path) : null;
  const ffmpegWorks = probe !== null && probe.version !== null;
  if (!ffmpegWorks) issues.push({ path: '(root)', code: 'stream_no_ffmpeg' });

  if (rows.length === 0 && !settings.record) issues.push({ path: '(root)', code: 'stream_nothing_to_do' });
  if (ffmpegWorks && found) issues.push(...(await unlistedDevices(settings.source, deps, found.path)));
  const targets: ShowPlan['targets'] = [];
  for (const row of rows) {
    const key = openKey(secrets, row);
    const about = { path: `destinations.${row.id}`, params: { id: row.id, name: row.name } };
    if (key === null) {
      issues.push({ ...about, code: 'stream_key_missing' });
      continue;
    }
    const target = rtmpTarget(row.server_url, key);
    if (!target) {
      issues.push({ ...about, code: 'stream_url_invalid' });
      continue;
    }
    targets.push({ id: row.id, target, key, masked: `${row.name} (${maskedDestinationUrl(row.server_url)})` });
  }
  issues.push(...settingsIssues(settings));

  let choice: EncoderChoice | null = null;
  if (ffmpegWorks && issues.length === 0) {
    choice = await deps.chooseEncoder(probe, settings.hardware);
    if (!choice.encoder) issues.push({ path: '(root)', code: 'stream_no_encoder' });
  }
  if (issues.length > 0 || !found || !choice?.encoder) {
    throw new StudioError('refused', `cannot go live: ${issues.map((i) => i.code).join(', ')}`, { issues });
  }
  const fallback = fallbackReason(choice, settings.hardware);
  if (fallback) console.log(`[stream] using ${choice.encoder}: ${fallback}`);
  return {
    ffmpegPath: found.path,
    source: engineSource(settings.source, deps.platform),
    encode: {
      ...PRESET_SIZES[settings.preset],
      fps: settings.fps,
      videoKbps: settings.videoKbps,
      audioKbps: AUDIO_KBPS,
      encoder: choice.encoder,
      preset: X264_PRESET,
      lowLatency: settings.lowLatency,
    },
    encoder: { name: choice.encoder, fallbackReason: fallback, fallback: fallbackOf(choice, settings.hardware) },
    targets,
    recordPath: settings.record ? recordingPath(input.recordingsDir, deps.now()) : null,
    filters: probe?.filters ?? { overlay: false, drawtext: false },
  };
}

/**
 * The chosen camera and microphone must be ones ffmpeg lists now: what reaches ffmpeg's command line as a device
 * (a v4l2 path on Linux, a dshow or avfoundation name elsewhere) is never a name a client typed.
 */
export async function unlistedDevices(source: SourceChoice, deps: StreamDeps, ffmpegPath: string): Promise<Issue[]> {
  if (source.kind !== 'device') return [];
  let listed: Device[];
  try {
    listed = await deps.listDevices(ffmpegPath);
  } catch {
    return [{ path: 'settings.source', code: 'stream_devices_failed' }];
  }
  const issues: Issue[] = [];
  for (const kind of ['video', 'audio'] as const) {
    const chosen = source[kind];
    if (chosen === null) continue;
    if (!listed.some((d) => d.kind === kind && d.selector === chosen)) {
      issues.push({
        path: `settings.source.${kind}`,
        code: 'stream_device_unknown',
        params: { kind, name: chosen.slice(0, 60) },
      });
    }
  }
  return issues;
}

/** `DATA_DIR/recordings/2026-11-24_20-00-05.mp4` (a `-2` suffix when two shows start within a second). */
function recordingPath(dir: string, now: number): string {
  makePrivateDir(dir);
  const stamp = recordingStamp(new Date(now));
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${stamp}${n === 1 ? '' : `-${n}`}.mp4`);
    if (!fs.existsSync(file) && !fs.existsSync(`${file}.recording.flv`)) return file;
  }
}
