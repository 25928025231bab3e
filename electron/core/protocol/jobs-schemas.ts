// Long work (imports, exports) runs as a job: progress arrives as events, the result is fetched once.
import { z } from 'zod';

export const JOB_KINDS = [
  'catalog.import',
  'catalog.export',
  'orders.export',
  'orders.ship',
  'orders.import',
  'clips.cut',
  'clips.reel',
] as const;
/** The largest slice `jobs.resultChunk` returns. */
export const JOB_CHUNK_MAX = 4 * 1024 * 1024;
export const JOB_STATES = ['running', 'done', 'failed'] as const;

/** What an export writes: CSV (any tool reads it) or an Excel workbook with typed cells. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportFormatSchema = z.enum(EXPORT_FORMATS).default('csv');

export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  /** What the job is doing now: `reading`, `checking`, `writing`, … (a message code). */
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  /** Small summary for the UI (counts); large payloads come from `jobs.result`. */
  summary: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  error: z.unknown().nullable(),
  /** Things the user should know that did not stop the job (an unrecognised column that was ignored): the first few. */
  warnings: z.array(
    z.object({
      path: z.string(),
      code: z.string(),
      line: z.number().int().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  /** How many warnings there were in all. */
  warningsTotal: z.number().int(),
});
export type Job = z.infer<typeof jobSchema>;

export const jobMethods = {
  'jobs.list': { params: z.strictObject({}), result: z.array(jobSchema) },
  /**
   * A slice of a job's file. Big exports are written to disk and fetched a piece at a time, so neither side ever
   * holds a million-row file in one message.
   */
  'jobs.resultChunk': {
    params: z.strictObject({
      id: z.string().max(64),
      offset: z.number().int().min(0),
      length: z.number().int().min(1).max(JOB_CHUNK_MAX),
    }),
    result: z.object({ fileName: z.string(), mime: z.string(), size: z.number().int(), dataBase64: z.string() }),
  },
  'jobs.result': {
    params: z.strictObject({ id: z.string().max(64) }),
    result: z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() }),
  },
  /**
   * Stops a running job (cutting clips); it ends failed with the code `cancelled`. A kind that cannot stop half-way
   * (imports, exports) is refused with `job_not_cancellable`; a finished job is left as it is.
   */
  'jobs.cancel': { params: z.strictObject({ id: z.string().max(64) }), result: z.object({}) },
} as const;
