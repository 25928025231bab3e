// 讲解回放: a clip per explanation of a show, cut from its recordings (core/clips). Host only for now: the files are
// on the host's disk, and the studio window plays them.
import { z } from 'zod';

const id = z.number().int().positive();

export const clipSchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  productId: z.number().int(),
  linkNo: z.number().int().nullable(),
  segmentIds: z.array(z.number().int()),
  /** The file's name (its folder is the studio's own). */
  fileName: z.string(),
  /** Its poster was made already (clips.poster makes it otherwise). */
  hasPoster: z.boolean(),
  mode: z.enum(['copy', 'exact']),
  vertical: z.boolean(),
  durationMs: z.number().int(),
  bytes: z.number().int(),
  /** Wall-clock ranges of the explanations no recording held. */
  missing: z.array(z.tuple([z.number().int(), z.number().int()])),
  createdAt: z.number().int(),
});
export type ClipView = z.infer<typeof clipSchema>;

export const clipPlanSchema = z.object({
  segmentIds: z.array(z.number().int()),
  productId: z.number().int(),
  linkNo: z.number().int(),
  title: z.string(),
  startedAt: z.number().int(),
  /** Of the explanation, what the recordings hold (ms) and what they do not. */
  recordedMs: z.number().int(),
  missing: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** Just ended, during the show: the recording does not hold its end yet (cut it in a moment). */
  waiting: z.boolean(),
});
export type ClipPlanView = z.infer<typeof clipPlanSchema>;

export const clipMethods = {
  /** The show's clips, and its ended explanations as they would be cut now (what the recordings hold of each). */
  'clips.list': {
    params: z.strictObject({ sessionId: id }),
    result: z.object({ clips: z.array(clipSchema), plans: z.array(clipPlanSchema) }),
  },
  /** Cuts clips as a job (progress as job.updated; jobs.cancel stops it). */
  'clips.cut': {
    params: z.strictObject({
      sessionId: id,
      segmentIds: z.array(id).max(1000).optional(),
      exact: z.boolean().default(false),
      join: z.boolean().default(false),
      vertical: z.boolean().default(false),
    }),
    result: z.object({ jobId: z.string() }),
  },
  /** A clip's poster frame (a JPEG, made the first time it is asked for): a short-lived URL of the studio's own. */
  'clips.poster': { params: z.strictObject({ clipId: id }), result: z.object({ url: z.string() }) },
  /**
   * Plays a clip: a short-lived URL of the studio's own (`/media/<ticket>`, range requests answered) for a <video>,
   * and the name to save it under.
   */
  'clips.play': { params: z.strictObject({ clipId: id }), result: z.object({ url: z.string(), fileName: z.string() }) },
  /**
   * Makes the show's long video (合集) as a job: the explanations (all, or these in this order) in one MP4 of at
   * most `maxMinutes` (视频号: 30), and its description (chapters, product links). Refused with the figure when the
   * choice is longer. The job's summary has the file's name and the description.
   */
  'clips.reel': {
    params: z.strictObject({
      sessionId: id,
      segmentIds: z.array(id).min(1).max(1000).optional(),
      maxMinutes: z.number().int().min(1).max(30).default(30),
      exact: z.boolean().default(false),
      vertical: z.boolean().default(false),
      lowerThird: z.boolean().default(false),
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    }),
    result: z.object({ jobId: z.string() }),
  },
  /** The show's long video as last made: a short-lived URL to play or save it, and its description. */
  'clips.reelFile': {
    params: z.strictObject({ sessionId: id }),
    result: z.object({ url: z.string(), fileName: z.string(), durationMs: z.number().int(), description: z.string() }),
  },
  /** Deletes the show's clips (their files too) and its long video; the recording stays. */
  'clips.delete': { params: z.strictObject({ sessionId: id }), result: z.object({ deleted: z.number().int() }) },
} as const;

export interface ClipEvents {
  'clips.changed': { sessionId: number };
}
