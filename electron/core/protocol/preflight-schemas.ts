// The pre-flight check before a show (`stream.preflight`, host only): the chosen devices are there, the recording
// has room, and every enabled destination's ingest takes a stream, with the upload rate measured by pushing the
// test pattern for a few seconds. Partial reports arrive as `stream.preflight` events while it runs.
import { z } from 'zod';

/** `pending`: not checked yet. `ok` / `warn` (works, but with little margin) / `fail` (the show would suffer). */
export const CHECK_LEVELS = ['pending', 'ok', 'warn', 'fail', 'skipped'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];

const kbps = z.number().int().nullable();

export const preflightDestinationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(CHECK_LEVELS),
  /**
   * What was found: `reached` (the ingest took the stream), or why not as a `stream_…` reason without the prefix
   * (host_unreachable, publish_refused, key_missing, url_invalid, timeout…).
   */
  outcome: z.string().nullable(),
  /** The server's or the network's own words (never the key), or null. */
  detail: z.string().nullable(),
  /** What this destination took while all were pushed at once; `capped`: the test sent no faster than this. */
  measuredKbps: kbps,
  capped: z.boolean(),
  /** The server never acknowledged what it received: the rate is what left this machine's buffers (too high). */
  estimated: z.boolean(),
  neededKbps: z.number().int(),
});
export type PreflightDestination = z.infer<typeof preflightDestinationSchema>;

export const preflightSchema = z.object({
  running: z.boolean(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  devices: z.object({
    level: z.enum(CHECK_LEVELS),
    /** `pattern` (the test pattern is the source), `found`, `missing`, or a `stream_…` code without the prefix. */
    outcome: z.string().nullable(),
    /** The chosen devices that ffmpeg does not list now (unplugged, or taken by another program). */
    missing: z.array(z.object({ kind: z.enum(['video', 'audio']), name: z.string() })),
  }),
  disk: z.object({
    level: z.enum(CHECK_LEVELS),
    /** Recording is off: nothing to check. */
    recording: z.boolean(),
    freeBytes: z.number().nullable(),
    /** Minutes of recording that fit at this bitrate (keeping the reserve for the database). */
    minutesLeft: z.number().int().nullable(),
  }),
  destinations: z.array(preflightDestinationSchema),
  /** All destinations at once: the upload this machine managed against the bitrate × destinations it needs. */
  upload: z.object({ level: z.enum(CHECK_LEVELS), measuredKbps: kbps, neededKbps: z.number().int() }),
  /** The worst of the checks once finished (`pending` while running). */
  level: z.enum(CHECK_LEVELS),
});
export type Preflight = z.infer<typeof preflightSchema>;
