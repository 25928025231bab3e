// Going live's part of the contract (host only: every method and event here starts with `stream.`, which
// assistants are refused — see access-schemas.ts). Stream keys go in and never come out: destinations are
// returned with the key masked.
import { z } from 'zod';
import { preflightSchema, type Preflight } from './preflight-schemas.ts';
import { PLATFORMS, VIDEO_PRESETS, type Platform, type VideoPreset } from './choices.ts';

export { PLATFORMS, VIDEO_PRESETS, type Platform, type VideoPreset };

export const sourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('test-pattern') }),
  /** Devices as `stream.devices` lists them: the `selector` of a camera and of a microphone (either may be absent). */
  z.strictObject({
    kind: z.literal('device'),
    video: z.string().max(512).nullable(),
    audio: z.string().max(512).nullable(),
  }),
]);
export type SourceChoice = z.infer<typeof sourceSchema>;

export const streamSettingsSchema = z.strictObject({
  source: sourceSchema,
  preset: z.enum(VIDEO_PRESETS),
  fps: z.union([z.literal(25), z.literal(30), z.literal(60)]),
  videoKbps: z.number().int().min(300).max(20_000),
  /** Use a hardware encoder when the probe found one that works. */
  hardware: z.boolean(),
  /** `-tune zerolatency`: the first picture reaches viewers sooner, at some compression cost. */
  lowLatency: z.boolean(),
  /** Keep a local recording of every show (in the data directory's recordings folder). */
  record: z.boolean(),
});
export type StreamSettings = z.infer<typeof streamSettingsSchema>;

export const destinationInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  platform: z.enum(PLATFORMS),
  /**
   * rtmp:// or rtmps:// server address, as the platform shows it (推流地址 / 服务器地址). Required on create;
   * omitted on update: the stored one is kept (the UI only ever sees the masked URL, so it cannot send it back).
   */
  serverUrl: z.string().trim().max(2000).optional(),
  /**
   * The stream key (推流密钥 / 串流密钥). Omitted on update: the stored key is kept. During a show it may be replaced
   * (with the address) only while that destination is not live: its publisher starts again with the new one.
   */
  streamKey: z.string().trim().max(2000).optional(),
  enabled: z.boolean().default(true),
});
export type DestinationInput = z.input<typeof destinationInputSchema>;

export const DESTINATION_PHASES = ['idle', 'connecting', 'live', 'reconnecting', 'failed', 'stopped'] as const;

export const destinationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  platform: z.enum(PLATFORMS),
  /** `rtmp://host/app/••••`: safe to show, log and export. */
  maskedUrl: z.string(),
  hasKey: z.boolean(),
  enabled: z.boolean(),
  /** While a show runs: what this destination is doing, and its numbers. */
  live: z
    .object({
      phase: z.enum(DESTINATION_PHASES),
      attempt: z.number().int().nullable(),
      retryAt: z.number().int().nullable(),
      /** Why it is not live (a `stream_…` message code without the prefix): host_unreachable, key_rejected… */
      reason: z.string().nullable(),
      /** The server's or the network's own words for it (`NetStream.Publish.BadName: …`), never the key; or null. */
      detail: z.string().nullable(),
      kbps: z.number(),
      bytesSent: z.number(),
      droppedTags: z.number().int(),
      reconnects: z.number().int(),
    })
    .nullable(),
});
export type StreamDestination = z.infer<typeof destinationSchema>;

export const SOURCE_LOSS_REASONS = ['exited', 'stalled'] as const;

export const STREAM_PHASES = ['idle', 'starting', 'live', 'stopping', 'failed'] as const;

export const streamStateSchema = z.object({
  phase: z.enum(STREAM_PHASES),
  /** Why the show stopped by itself (the encoder failed), in English for logs; the UI shows `errorCode`. */
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  startedAt: z.number().int().nullable(),
  settings: streamSettingsSchema,
  destinations: z.array(destinationSchema),
  health: z.object({
    fps: z.number(),
    speed: z.number().nullable(),
    droppedFrames: z.number().int(),
    /** CPU use of the streaming processes, percent of one core. */
    cpuPercent: z.number().nullable(),
    /** The encoder falls behind real time: lower the resolution or bitrate. */
    overloaded: z.boolean(),
  }),
  /** The encoder in use ('libx264', 'h264_nvenc'…), and why a hardware one was not used when it was asked for. */
  /**
   * The encoder in use; when a hardware one was asked for but x264 is used, why: `fallback.code` in the user's
   * language (messages.ts), the encoders tried, and ffmpeg's own words (`fallbackReason`, English) as the detail.
   */
  encoder: z
    .object({
      name: z.string(),
      fallbackReason: z.string().nullable(),
      fallback: z
        .object({ code: z.enum(['stream_hw_none', 'stream_hw_failed']), tried: z.array(z.string()) })
        .nullable(),
    })
    .nullable(),
  /**
   * `file`: the file being written now (FLV while live: it plays up to the last second even after a crash), null
   * with no recording running; `becomes`: what it is turned into when the show ends (the MP4); `lastFile`: the last
   * show's finished recording.
   */
  recording: z.object({
    file: z.string().nullable(),
    becomes: z.string().nullable(),
    lastFile: z.string().nullable(),
  }),
  /**
   * The disk the recording goes to, watched during a show: `low` warns, `critical` means the recording was ended to
   * keep room for the database (the stream goes on). `minutesLeft` is the recording time left at this bitrate.
   */
  disk: z.object({
    freeBytes: z.number().nullable(),
    minutesLeft: z.number().int().nullable(),
    level: z.enum(['ok', 'low', 'critical']),
    recordingStopped: z.boolean(),
  }),
  /**
   * The overlay in the running show's picture: 'composited', or 'unavailable' when this ffmpeg cannot composite it
   * (no overlay filter) or its picture could not be prepared; null with no show.
   */
  overlay: z.enum(['composited', 'unavailable']).nullable(),
  /**
   * The show's sound: `muted` (viewers and the recording get silence; the meter still shows the microphone), and
   * `silentSeconds` once the sound has been silent for 10 s while not muted (null otherwise). Null with no show.
   */
  audio: z.object({ muted: z.boolean(), silentSeconds: z.number().int().nullable() }).nullable(),
  /** Where the stream keys' data key is kept (see SecretProtection): keychain, file, locked, or the desktop app's. */
  keys: z.enum(['keychain', 'file', 'locked', 'desktop']),
  /**
   * The picture and sound source of a running show. When the capture stops (a camera unplugged, a driver that
   * hangs) the show goes on with the test pattern, without sound, until the host switches back.
   */
  source: z.object({
    /** The show is on the stand-in test pattern. */
    fallback: z.boolean(),
    /** Why the last switch happened: the capture ended (`exited`) or delivered nothing for seconds (`stalled`). */
    lostReason: z.enum(SOURCE_LOSS_REASONS).nullable(),
    lostAt: z.number().int().nullable(),
    /** Switching back is being tried (`stream.restoreSource`). */
    restoring: z.boolean(),
    /** The last try to switch back did not work: the device is still missing or silent. */
    restoreFailed: z.boolean(),
  }),
});
export type StreamState = z.infer<typeof streamStateSchema>;

export const deviceSchema = z.object({
  kind: z.enum(['video', 'audio']),
  name: z.string(),
  /** What `source.video` / `source.audio` take. */
  selector: z.string(),
  isDefault: z.boolean(),
});

export const probeSchema = z.object({
  ffmpeg: z
    .object({
      path: z.string(),
      version: z.string().nullable(),
      h264Encoders: z.array(z.string()),
    })
    .nullable(),
});

const id = z.number().int().positive();

export const streamMethods = {
  'stream.state': { params: z.strictObject({}), result: streamStateSchema },
  /** ffmpeg as found and probed (once per launch). */
  'stream.probe': { params: z.strictObject({}), result: probeSchema },
  /** Cameras and microphones as ffmpeg lists them on this machine (takes a moment). */
  'stream.devices': {
    params: z.strictObject({}),
    /** `error`: a message code (`stream_no_ffmpeg`, `stream_devices_failed`) when the list could not be made. */
    result: z.object({ devices: z.array(deviceSchema), error: z.string().nullable() }),
  },
  'stream.saveSettings': { params: z.strictObject({ settings: streamSettingsSchema }), result: streamStateSchema },
  'stream.saveDestination': {
    params: z.strictObject({ id: id.optional(), input: destinationInputSchema }),
    result: destinationSchema,
  },
  'stream.removeDestination': { params: z.strictObject({ id }), result: streamStateSchema },
  /** Go live: encode once, push to every enabled destination, record when set. */
  'stream.start': { params: z.strictObject({}), result: streamStateSchema },
  'stream.stop': { params: z.strictObject({}), result: streamStateSchema },
  /** Skip a destination's countdown (and retry a rejected key after fixing it on the platform). */
  'stream.reconnect': { params: z.strictObject({ id }), result: streamStateSchema },
  /** Back from the stand-in test pattern to the chosen camera and microphone (it stays on the pattern if they fail). */
  'stream.restoreSource': { params: z.strictObject({}), result: streamStateSchema },
  /** Mutes or unmutes the show's sound at once (the encoder keeps running: nothing blinks). */
  'stream.setMuted': { params: z.strictObject({ muted: z.boolean() }), result: streamStateSchema },
  /**
   * Checks before a show (devices, disk, every destination reached and the upload measured by pushing the test
   * pattern for a few seconds); refused during a show. Progress arrives as `stream.preflight` events.
   */
  'stream.preflight': { params: z.strictObject({}), result: preflightSchema },
} as const;

export interface StreamEvents {
  /** At most about once a second while live, and at every state change. */
  'stream.changed': { state: StreamState };
  /** A small JPEG of what is being encoded, about twice a second while live. */
  'stream.preview': { jpegBase64: string; at: number };
  /** The sound's level ten times a second while live (dBFS; -90 is silence), muted or not. */
  'stream.level': { peakDb: number; rmsDb: number };
  /** The pre-flight check's report, after each finding while it runs and once at the end. */
  'stream.preflight': { report: Preflight };
}
