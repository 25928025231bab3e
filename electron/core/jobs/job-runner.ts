// Long work runs as a job: it yields to the event loop as it goes, so other clients keep being served,
// and reports progress as `job.updated` events (throttled, so 100,000 rows don't mean 100,000 events).
import crypto from 'node:crypto';
import type { Job } from '../protocol/jobs-schemas.ts';
import { StudioError, type Issue } from '../protocol/errors.ts';
import type { Publish } from '../publish.ts';

export interface JobFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export interface JobOutcome {
  summary: Record<string, string | number>;
  file?: JobFile;
  warnings?: Issue[];
}

export interface Progress {
  (phase: string, done: number, total: number): void;
  /** Lets other work run; call every few thousand rows. */
  yield(): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 100;
const KEEP_FINISHED = 20;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly files = new Map<string, JobFile>();
  private readonly publish: Publish;
  private readonly now: () => number;

  constructor(publish: Publish, now: () => number = Date.now) {
    this.publish = publish;
    this.now = now;
  }

  list(): Job[] {
    return [...this.jobs.values()];
  }

  file(id: string): JobFile {
    const file = this.files.get(id);
    if (!file) throw new StudioError('not_found', `job ${id} has no file`);
    return file;
  }

  /** Starts the work and returns at once; `done` resolves with the finished job (for the CLI and tests). */
  start(kind: Job['kind'], work: (progress: Progress) => Promise<JobOutcome>): { job: Job; done: Promise<Job> } {
    if (this.list().some((j) => j.kind === kind && j.state === 'running')) {
      throw new StudioError('busy', `a ${kind} job is already running`);
    }
    const job: Job = {
      id: crypto.randomUUID(),
      kind,
      state: 'running',
      phase: 'phase_reading',
      done: 0,
      total: 0,
      startedAt: this.now(),
      finishedAt: null,
      summary: null,
      error: null,
      warnings: [],
    };
    this.jobs.set(job.id, job);
    this.prune();
    this.publish('job.updated', { job: { ...job } });

    let lastSent = 0;
    const progress = ((phase: string, done: number, total: number) => {
      const phaseChanged = phase !== job.phase;
      Object.assign(job, { phase, done, total });
      const t = this.now();
      if (phaseChanged || t - lastSent >= PROGRESS_INTERVAL_MS) {
        lastSent = t;
        this.publish('job.updated', { job: { ...job } });
      }
    }) as Progress;
    progress.yield = () => new Promise((resolve) => setImmediate(resolve));

    const done = (async () => {
      try {
        const outcome = await work(progress);
        if (outcome.file) this.files.set(job.id, outcome.file);
        Object.assign(job, {
          state: 'done',
          phase: 'phase_done',
          summary: outcome.summary,
          done: job.total,
          warnings: outcome.warnings ?? [],
        });
      } catch (error) {
        const shape =
          error instanceof StudioError ? error.toShape() : new StudioError('internal', `${kind} failed`).toShape();
        if (!(error instanceof StudioError)) console.error(`[studio] job ${kind} failed:`, error);
        Object.assign(job, { state: 'failed', error: shape });
      }
      job.finishedAt = this.now();
      this.publish('job.updated', { job: { ...job } });
      return { ...job };
    })();
    return { job: { ...job }, done };
  }

  private prune(): void {
    const finished = this.list().filter((j) => j.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.delete(old.id);
      this.files.delete(old.id);
    }
  }
}
