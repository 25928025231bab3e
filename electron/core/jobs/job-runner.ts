// Long work runs as a job: it yields to the event loop as it goes, so other clients keep being served,
// and reports progress as `job.updated` events (throttled, so 100,000 rows don't mean 100,000 events).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../protocol/jobs-schemas.ts';
import { capIssues, diskFullError, refused, StudioError, type Issue } from '../protocol/errors.ts';
import type { Principal } from '../rpc/server.ts';
import type { Publish } from '../publish.ts';
import { makePrivateDir } from '../system/data-folder.ts';

/** Whose a job is: its progress, result and file are theirs (and the host's), nobody else's. */
/** Who started a job: the host, a paired device, or the studio itself (clips cut as explanations end). */
export type JobOwner = 'host' | 'studio' | `device:${number}`;

export function ownerOf(principal: Pick<Principal, 'role' | 'deviceId'>): JobOwner {
  return principal.role === 'host' || principal.deviceId === undefined ? 'host' : `device:${principal.deviceId}`;
}

/** The host sees every job; an assistant device only its own. */
function maySee(principal: Pick<Principal, 'role' | 'deviceId'>, owner: JobOwner): boolean {
  return principal.role === 'host' || ownerOf(principal) === owner;
}

/** A job's result: small files in memory, big ones (an order export) on disk until the job is pruned. */
export type JobFile = { fileName: string; mime: string } & ({ bytes: Buffer } | { path: string });

/** What `jobs.result` still sends in one message; bigger files go by `jobs.resultChunk`. */
const MAX_WHOLE_RESULT = 32 * 1024 * 1024;

export interface JobOutcome {
  summary: Record<string, string | number>;
  file?: JobFile;
  /** The first of them: the job keeps at most MAX_ISSUES. */
  warnings?: Issue[];
  /** How many warnings there were in all, when `warnings` holds only the first. */
  warningsTotal?: number;
}

export interface Progress {
  (phase: string, done: number, total: number): void;
  /** Lets other work run; call every few thousand rows. */
  yield(): Promise<void>;
  /** Aborted when the user cancels the job (its reason a `cancelled` StudioError); absent outside a runner. */
  signal?: AbortSignal;
}

const PROGRESS_INTERVAL_MS = 100;
/** The kinds whose work listens to its signal (an import's all-or-nothing write is not stopped half-way). */
const CANCELLABLE: ReadonlySet<Job['kind']> = new Set(['clips.cut', 'clips.reel']);
/** Finished jobs kept per owner, so one device's work never pushes out the host's export before it is fetched. */
const KEEP_FINISHED = 20;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly owners = new Map<string, JobOwner>();
  private readonly files = new Map<string, JobFile>();
  /** Running jobs whose owner lost its rights: forgotten the moment they end. */
  private readonly disowned = new Set<string>();
  /** Running jobs, to cancel. */
  private readonly controllers = new Map<string, AbortController>();
  private readonly publish: Publish;
  private readonly now: () => number;

  /** Where this runner writes big results: its own folder under the data directory's `tmp/`. */
  private readonly filesDir: string | null;

  constructor(publish: Publish, now: () => number = Date.now, tmpDir: string | null = null) {
    this.publish = publish;
    this.now = now;
    // Its own folder: a CLI command run beside the open studio must not delete the studio's finished exports.
    this.filesDir = tmpDir && path.join(tmpDir, `jobs-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    if (tmpDir) removeStale(tmpDir, this.now());
  }

  /** A fresh path for a job to write its result to; return it as `{ path }` in the outcome's file. */
  tempPath(ext: string): string {
    if (!this.filesDir) throw new Error('this job runner keeps no files on disk');
    makePrivateDir(this.filesDir);
    return path.join(this.filesDir, `${crypto.randomUUID()}${ext}`);
  }

  /** The jobs `viewer` may see (all of them without one). */
  list(viewer?: Pick<Principal, 'role' | 'deviceId'>): Job[] {
    return [...this.jobs.values()].filter((job) => !viewer || maySee(viewer, this.owners.get(job.id)!));
  }

  /** A job's file, for whoever may see the job (someone else's is as unknown as a made-up id). */
  file(id: string, viewer?: Pick<Principal, 'role' | 'deviceId'>): JobFile {
    const file = this.files.get(id);
    const owner = this.owners.get(id);
    if (!file || !owner || (viewer && !maySee(viewer, owner)))
      throw new StudioError('not_found', `job ${id} has no file`);
    return file;
  }

  /** The whole file in one piece (small results: the product export). */
  wholeFile(
    id: string,
    viewer?: Pick<Principal, 'role' | 'deviceId'>,
  ): { fileName: string; mime: string; bytes: Buffer } {
    const file = this.file(id, viewer);
    if ('bytes' in file) return file;
    if (fs.statSync(file.path).size > MAX_WHOLE_RESULT) throw new StudioError('too_large', 'fetch it in chunks');
    return { fileName: file.fileName, mime: file.mime, bytes: fs.readFileSync(file.path) };
  }

  /** `length` bytes from `offset` (fewer at the end), and the file's size. */
  chunk(
    id: string,
    offset: number,
    length: number,
    viewer?: Pick<Principal, 'role' | 'deviceId'>,
  ): { fileName: string; mime: string; size: number; bytes: Buffer } {
    const file = this.file(id, viewer);
    if ('bytes' in file) {
      const bytes = file.bytes.subarray(offset, offset + length);
      return { fileName: file.fileName, mime: file.mime, size: file.bytes.byteLength, bytes };
    }
    const fd = fs.openSync(file.path, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      if (bytes.byteLength > 0) fs.readSync(fd, bytes, 0, bytes.byteLength, offset);
      return { fileName: file.fileName, mime: file.mime, size, bytes };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Removes every file a job left on disk (the studio is closing). */
  dispose(): void {
    for (const id of this.files.keys()) this.dropFile(id);
    if (this.filesDir) fs.rmSync(this.filesDir, { recursive: true, force: true });
  }

  private dropFile(id: string): void {
    const file = this.files.get(id);
    this.files.delete(id);
    if (file && 'path' in file) fs.rmSync(file.path, { force: true });
  }

  /** Stops a running job (for whoever may see it): its work is told, and it ends failed with `cancelled`. */
  cancel(id: string, viewer?: Pick<Principal, 'role' | 'deviceId'>): void {
    const owner = this.owners.get(id);
    if (!owner || (viewer && !maySee(viewer, owner))) throw new StudioError('not_found', `no job ${id}`);
    const job = this.jobs.get(id);
    if (job?.state === 'running' && !CANCELLABLE.has(job.kind)) {
      throw refused('job_not_cancellable', `a ${job.kind} job runs to its end`);
    }
    this.controllers.get(id)?.abort(new StudioError('cancelled', `job ${id} was cancelled`));
  }

  /** Refuses (busy) while a job of this kind runs: call before taking anything the job would use up (an upload). */
  assertIdle(kind: Job['kind']): void {
    if (this.list().some((j) => j.kind === kind && j.state === 'running')) {
      throw new StudioError('busy', `a ${kind} job is already running`);
    }
  }

  /**
   * What a device made under rights it no longer has (they changed, or it was revoked): its finished jobs and their
   * files go now, a running one's outcome is dropped when it ends. A file exported with contact details must not
   * be fetched after the host took contacts away.
   */
  forgetOwner(owner: JobOwner): void {
    for (const [id, jobOwner] of this.owners) {
      if (jobOwner !== owner) continue;
      if (this.jobs.get(id)?.state === 'running') this.disowned.add(id);
      else this.forget(id);
    }
  }

  /** Starts the work and returns at once; `done` resolves with the finished job (for the CLI and tests). */
  start(
    kind: Job['kind'],
    work: (progress: Progress) => Promise<JobOutcome>,
    owner: JobOwner = 'host',
  ): { job: Job; done: Promise<Job> } {
    this.assertIdle(kind);
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
      warningsTotal: 0,
    };
    this.jobs.set(job.id, job);
    this.owners.set(job.id, owner);
    this.prune();
    const audience = (principal: Principal) => maySee(principal, owner);
    const announce = () => this.publish('job.updated', { job: { ...job } }, audience);
    announce();

    let lastSent = 0;
    const progress = ((phase: string, done: number, total: number) => {
      const phaseChanged = phase !== job.phase;
      Object.assign(job, { phase, done, total });
      const t = this.now();
      if (phaseChanged || t - lastSent >= PROGRESS_INTERVAL_MS) {
        lastSent = t;
        announce();
      }
    }) as Progress;
    progress.yield = () => new Promise((resolve) => setImmediate(resolve));
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    progress.signal = controller.signal;

    const done = (async () => {
      try {
        const outcome = await work(progress);
        if (outcome.file) this.files.set(job.id, outcome.file);
        Object.assign(job, {
          state: 'done',
          phase: 'phase_done',
          summary: outcome.summary,
          done: job.total,
          warnings: capIssues(outcome.warnings ?? []),
          warningsTotal: Math.max(outcome.warningsTotal ?? 0, outcome.warnings?.length ?? 0),
        });
      } catch (error) {
        const known = error instanceof StudioError ? error : diskFullError(error);
        const shape = (known ?? new StudioError('internal', `${kind} failed`)).toShape();
        if (!known) console.error(`[studio] job ${kind} failed:`, error);
        Object.assign(job, { state: 'failed', error: shape });
      }
      job.finishedAt = this.now();
      this.controllers.delete(job.id);
      if (this.disowned.delete(job.id)) {
        // Its result is not kept; the host's windows still learn it ended. The device's pages were closed.
        this.forget(job.id);
        this.publish('job.updated', { job: { ...job } }, (principal) => principal.role === 'host');
        return { ...job };
      }
      announce();
      this.prune();
      return { ...job };
    })();
    return { job: { ...job }, done };
  }

  private prune(): void {
    const finished = new Map<JobOwner, string[]>();
    for (const job of this.jobs.values()) {
      if (job.state === 'running') continue;
      const owner = this.owners.get(job.id)!;
      finished.set(owner, [...(finished.get(owner) ?? []), job.id]);
    }
    for (const ids of finished.values()) for (const id of ids.slice(0, -KEEP_FINISHED)) this.forget(id);
  }

  private forget(id: string): void {
    this.jobs.delete(id);
    this.owners.delete(id);
    this.dropFile(id);
  }
}

const STALE_MS = 24 * 60 * 60 * 1000;

/** Results left by a studio that crashed (nobody can fetch them any more): anything a day old goes. */
function removeStale(tmpDir: string, now: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(tmpDir);
  } catch {
    return; // no tmp folder yet
  }
  for (const name of names) {
    const entry = path.join(tmpDir, name);
    try {
      if (now - fs.statSync(entry).mtimeMs > STALE_MS) fs.rmSync(entry, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
}
