// The stream domain's pure rules: what a destination and the settings must satisfy, how a destination is
// shown (masked), how the host's choices become the engine's, and how the engine's states become the contract's.
// No I/O, so every rule is unit-tested without ffmpeg.
import type { z } from 'zod';
import { StudioError, type Issue } from '../protocol/errors.ts';
import { PLATFORM_PRESETS, publishUrl } from '../protocol/stream-presets.ts';
import type {
  destinationInputSchema,
  SourceChoice,
  StreamDestination,
  StreamSettings,
  StreamState,
} from '../protocol/stream-schemas.ts';
import type { EncoderChoice } from '../ffmpeg/probe.ts';
import type { DestinationPhase, DestinationStats } from './engine/destination.ts';
import type { Source } from './engine/encoder-args.ts';
import type { SourceState } from './engine/engine-types.ts';
import { maskIngestUrl, parseIngestUrl } from './stream-options.ts';
import type { DestinationFields } from './stream-store.ts';

const MIN_PASTED_KEY = 8;

/** A destination as `stream.saveDestination` receives it, after the schema (trimmed, `enabled` defaulted). */
export type DestinationRequest = z.output<typeof destinationInputSchema>;

/**
 * Checks a destination. `key` is the new stream key, or null to keep the stored one (an update that omits it,
 * or sends it blank: a masked key field the host left alone). A create needs one.
 */
export function destinationFields(
  input: DestinationRequest,
  creating: boolean,
): { fields: DestinationFields; key: string | null } {
  const issues: Issue[] = [];
  const key = input.streamKey ? input.streamKey : null;
  let serverUrl = input.serverUrl ?? '';
  // The whole publish URL pasted as the server address, and the key again below it: keep the address only,
  // or the key would be stored and shown as part of the (unmasked) server path. Only for key-like keys: a short
  // word ("live") may well be both an application name and a key.
  const tail = key?.replace(/^\/+/, '') ?? '';
  const trimmed = serverUrl.replace(/\/+$/, '');
  if (tail.length >= MIN_PASTED_KEY && trimmed.endsWith(`/${tail}`)) {
    const address = trimmed.slice(0, -tail.length - 1);
    if (parseIngestUrl(address)) serverUrl = address;
  }
  const url = parseIngestUrl(serverUrl);
  // The key is appended to the address as a last path part: an address with a query (…?auth=) would swallow it.
  if (serverUrl === '') issues.push({ path: 'input.serverUrl', code: 'required' });
  // A user name and password in the address would be stored and shown in clear; no platform asks for them.
  else if (url && (url.username || url.password))
    issues.push({ path: 'input.serverUrl', code: 'stream_url_credentials' });
  else if (!url || url.search || url.hash) issues.push({ path: 'input.serverUrl', code: 'stream_url_invalid' });
  else if (PLATFORM_PRESETS[input.platform].rtmpsOnly && url.protocol !== 'rtmps:') {
    issues.push({ path: 'input.serverUrl', code: 'stream_url_rtmps_required' });
  }
  if (creating && !key) issues.push({ path: 'input.streamKey', code: 'required' });
  // A URL in the key field: the two were pasted the wrong way round.
  if (key && /^[a-z][a-z0-9+.-]*:\/\//i.test(key)) issues.push({ path: 'input.streamKey', code: 'stream_key_invalid' });
  if (issues.length > 0) throw new StudioError('invalid', 'destination failed validation', { issues });
  return { fields: { name: input.name, platform: input.platform, serverUrl, enabled: input.enabled }, key };
}

/** Checks what the schema cannot: a device source needs a camera or a microphone. */
export function settingsIssues(settings: StreamSettings, path = 'settings'): Issue[] {
  const { source } = settings;
  if (source.kind === 'device' && !source.video && !source.audio) {
    return [{ path: `${path}.source`, code: 'stream_source_empty' }];
  }
  return [];
}

/**
 * How a destination is shown: `rtmp://host/app/••••`. Built from the server address and a stand-in key, never
 * from the key itself, so a key holding a `/` cannot leave part of itself in the mask.
 */
export function maskedDestinationUrl(serverUrl: string): string {
  return maskIngestUrl(publishUrl(serverUrl, 'key'));
}

/** The host's source choice as the engine's capture input on this OS. */
export function engineSource(choice: SourceChoice, platform: NodeJS.Platform): Source {
  if (choice.kind === 'test-pattern') return { kind: 'test-pattern' };
  const video = choice.video ?? undefined;
  const audio = choice.audio ?? undefined;
  if (platform === 'win32') return { kind: 'dshow', video, audio };
  if (platform === 'darwin') return { kind: 'avfoundation', video, audio };
  // Linux lists microphones from Pulse (PipeWire answers as Pulse too), or raw ALSA devices when Pulse is not
  // there (list-devices.ts); only ALSA's names look like `hw:CARD=…` / `plughw:…`.
  const alsa = audio !== undefined && /^(?:hw|plughw|sysdefault|dsnoop|front):/.test(audio);
  return { kind: 'linux', video, audio, audioFormat: alsa ? 'alsa' : 'pulse' };
}

/** Why a hardware encoder is not used although the settings asked for one; null when it is, or was not asked. */
/** Why x264 is used although hardware was asked for, as a message code and the encoders tried; null otherwise. */
export function fallbackOf(
  choice: EncoderChoice,
  asked: boolean,
): { code: 'stream_hw_none' | 'stream_hw_failed'; tried: string[] } | null {
  if (!asked || choice.hardware) return null;
  if (choice.reason === 'no-hardware') return { code: 'stream_hw_none', tried: [] };
  return { code: 'stream_hw_failed', tried: choice.failed.map((f) => f.encoder) };
}

/** The same in ffmpeg's own words (English): for logs and the technical detail. */
export function fallbackReason(choice: EncoderChoice, asked: boolean): string | null {
  if (!asked || choice.hardware) return null;
  if (choice.reason === 'no-hardware') return 'this ffmpeg has no hardware H.264 encoder';
  const tried = choice.failed.map((f) => `${f.encoder}: ${f.detail ?? 'failed'}`).join('; ');
  return `no hardware encoder worked (${tried || 'none tried'})`;
}

/** `2026-11-24_09-05-03`, local time: recordings sort by name in the order they were made. */
export function recordingStamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}_` +
    `${two(date.getHours())}-${two(date.getMinutes())}-${two(date.getSeconds())}`
  );
}

/** `text` with every secret (stream keys, whole publish URLs) replaced by ••••: for errors and logs. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a URL is masked whole before the key inside it.
  for (const secret of [...secrets].filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('••••');
  }
  return out;
}

/** A running destination's state and numbers, as the contract shows them. */
export function liveOf(state: DestinationPhase, stats: DestinationStats): NonNullable<StreamDestination['live']> {
  const base = {
    attempt: null,
    retryAt: null,
    reason: null,
    detail: null,
    kbps: stats.kbps,
    bytesSent: stats.bytesSent,
    droppedTags: stats.droppedTags,
    reconnects: stats.reconnects,
  };
  switch (state.phase) {
    case 'connecting':
      return { ...base, phase: 'connecting', attempt: state.attempt };
    case 'reconnecting': {
      const { attempt, retryAt, reason, detail } = state;
      return { ...base, phase: 'reconnecting', attempt, retryAt, reason, detail };
    }
    case 'failed':
      return { ...base, phase: 'failed', reason: state.reason, detail: state.detail };
    default:
      return { ...base, phase: state.phase };
  }
}

/** The engine's source state as the contract shows it (what the capture printed stays in the log). */
export function sourceOf(source: SourceState): StreamState['source'] {
  const { fallback, lostReason, lostAt, restoring, restoreFailed } = source;
  return { fallback, lostReason, lostAt, restoring, restoreFailed };
}

/** What makes a destination's state worth announcing at once (its numbers can wait for the next second). */
export function phaseKey(state: DestinationPhase): string {
  switch (state.phase) {
    case 'connecting':
      return `connecting:${state.attempt}`;
    case 'reconnecting':
      return `reconnecting:${state.attempt}:${state.reason}`;
    default:
      return state.phase;
  }
}
