// The show as one thing (开播 / 下播): the live session and the stream that carries it, started and ended together.
// `show.*` is allowed to the host and to devices with the `show` capability; the stream itself stays the host's.
import { z } from 'zod';
import { sessionSchema } from './live-schemas.ts';

const id = z.number().int().positive();

/** How far from the poster's time a show starts without asking first. */
export const PLANNED_TIME_SLACK_MS = 30 * 60_000;

export const showMethods = {
  /**
   * Goes live: the session and its stream. Refused, for the UI to ask and call again, with `show_far_from_plan`
   * (more than 30 min from the planned time: `confirmTime` goes ahead) and `show_no_destinations` (nothing would
   * be broadcast: `rehearse` goes live without a stream — recording locally when recording is on). A stream that
   * cannot start leaves the session as it was (`show_stream_failed`, with why).
   */
  'show.goLive': {
    params: z.strictObject({
      sessionId: id,
      confirmTime: z.boolean().default(false),
      rehearse: z.boolean().default(false),
    }),
    result: z.object({ session: sessionSchema, broadcasting: z.boolean() }),
  },
  /** Ends the session and stops the stream (`stopStream` false: the stream goes on, the session ends). */
  'show.end': {
    params: z.strictObject({ sessionId: id, stopStream: z.boolean().default(true) }),
    result: z.object({ session: sessionSchema }),
  },
} as const;
