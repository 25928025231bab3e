// Runs work through the studio's real JobRunner (real progress throttling, real setImmediate yields) and times
// each phase the job reports.
import type { JobOutcome, JobRunner, Progress } from '../../electron/core/jobs/job-runner.ts';
import type { Job } from '../../electron/core/protocol/contract.ts';
import { now } from './measure.ts';

export interface PhaseTimes {
  /** ms from the job's start to the first report of each phase, and how long each phase lasted. */
  [phase: string]: { startMs: number; ms: number };
}

export async function timedJob(
  jobs: JobRunner,
  kind: Job['kind'],
  work: (progress: Progress) => Promise<JobOutcome>,
  onProgress: () => void = () => {},
): Promise<{ job: Job; ms: number; phases: PhaseTimes }> {
  const marks: Array<[string, number]> = [];
  const t0 = now();
  const { done } = jobs.start(kind, (progress) => {
    const timed = ((phase: string, d: number, total: number) => {
      if (marks.at(-1)?.[0] !== phase) marks.push([phase, now() - t0]);
      onProgress();
      progress(phase, d, total);
    }) as Progress;
    timed.yield = progress.yield;
    return work(timed);
  });
  const job = await done;
  const ms = now() - t0;
  const phases: PhaseTimes = {};
  marks.forEach(([phase, start], k) => {
    phases[phase] = { startMs: start, ms: (marks[k + 1]?.[1] ?? ms) - start };
  });
  if (job.state !== 'done') throw new Error(`${kind} job failed: ${JSON.stringify(job.error).slice(0, 2000)}`);
  return { job, ms, phases };
}
