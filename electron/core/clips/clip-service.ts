// 讲解回放: a clip per explanation of a show, cut from its recordings. The show's sessions and explanations come from
// the live domain and the recordings from the stream domain, each through a narrow read; this domain owns the clips
// table and the data folder's clips/. Cutting runs as a job (progress, cancel); a clip is cut again when asked (the
// old file goes), and deleted only when the user says so.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import { refused, StudioError, type Issue } from '../protocol/errors.ts';
import type { Publish } from '../publish.ts';
import type { RecordingsRead } from '../stream/recording-store.ts';
import { makePrivateDir } from '../system/data-folder.ts';
import { clipBaseName, freeName } from './clip-names.ts';
import { cutClip, makePoster } from './clip-cutter.ts';
import { planClips, usable, type ClipPlan, type ExplainedSegment } from './clip-plan.ts';
import { ClipStore, type Clip } from './clip-store.ts';

/** A `.cutting-…` file older than this was left by a studio that died mid-cut. */
const LEFTOVER_AGE_MS = 24 * 60 * 60 * 1000;

/** What the clips need of a show: its title and times, and its explanations (the live domain's). */
export interface ClipShows {
  session(id: number): { id: number; title: string; startedAt: number | null; endedAt: number | null } | undefined;
  segments(sessionId: number): Array<Omit<ExplainedSegment, 'endedAt'> & { endedAt: number | null }>;
}

export interface CutRequest {
  sessionId: number;
  /** Only these explanations (default: every ended one). */
  segmentIds?: number[];
  exact?: boolean;
  /** One clip per product, its explanations joined. */
  join?: boolean;
  vertical?: boolean;
}

export interface ClipServiceOptions {
  dataDir: string;
  /** The ffmpeg to cut with, or null when there is none. */
  ffmpeg(): string | null;
  now?: () => number;
}

export class ClipService {
  readonly store: ClipStore;
  private readonly db: Db;
  private readonly shows: ClipShows;
  private readonly recordings: RecordingsRead;
  private readonly writer: Writer;
  private readonly publish: Publish;
  private readonly options: ClipServiceOptions;
  private readonly now: () => number;
  /** Explanations being cut now (by any job): the cut as explanations end leaves them to it. */
  private readonly cutting = new Map<number, number>();

  constructor(
    db: Db,
    sources: { shows: ClipShows; recordings: RecordingsRead },
    writer: Writer,
    publish: Publish,
    options: ClipServiceOptions,
  ) {
    this.db = db;
    this.store = new ClipStore(db, options.dataDir);
    this.shows = sources.shows;
    this.recordings = sources.recordings;
    this.writer = writer;
    this.publish = publish;
    this.options = options;
    this.now = options.now ?? Date.now;
    this.removeLeftovers();
  }

  /**
   * A cut the studio was killed in the middle of leaves its `.cutting-…` files: nothing refers to them. Only a
   * day-old one goes: a `livecart` command opened beside a studio that is cutting must not take its cut away.
   */
  private removeLeftovers(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return; // no clips yet
    }
    for (const name of names) {
      if (!name.startsWith('.cutting-')) continue;
      const file = path.join(this.dir, name);
      try {
        if (this.now() - fs.statSync(file).mtimeMs > LEFTOVER_AGE_MS) fs.rmSync(file, { force: true });
      } catch {
        // gone meanwhile, or in use (Windows): left for another day
      }
    }
  }

  get dir(): string {
    return path.join(this.options.dataDir, 'clips');
  }

  /** The show's ended explanations as clips would be cut now: their pieces, and what no recording holds. */
  plans(sessionId: number, { join = false }: { join?: boolean } = {}): ClipPlan[] {
    const show = this.show(sessionId);
    if (show.startedAt === null) return [];
    const segments = this.shows.segments(sessionId).filter((s): s is ExplainedSegment => s.endedAt !== null);
    const to = show.endedAt ?? this.now();
    const recordings = this.recordings
      .overlapping(show.startedAt, to)
      .map((r) => usable(r, (file) => fs.existsSync(file), this.recordings.writtenMs(r.id)))
      .filter((r) => r !== null);
    return planClips(segments, recordings, { join });
  }

  /** An explanation is being cut now. */
  isCutting(segmentId: number): boolean {
    return (this.cutting.get(segmentId) ?? 0) > 0;
  }

  private hold(segmentIds: readonly number[], by: 1 | -1): void {
    for (const id of segmentIds) {
      const n = (this.cutting.get(id) ?? 0) + by;
      if (n > 0) this.cutting.set(id, n);
      else this.cutting.delete(id);
    }
  }

  /** Settles once recordings a crash left have their length (the recovery that runs as the studio opens). */
  ready(): Promise<void> {
    return this.recordings.recovered();
  }

  list(sessionId: number): Clip[] {
    this.show(sessionId);
    return this.store.ofSession(sessionId);
  }

  /** Cuts the asked explanations' clips, one after another; a re-cut replaces the clip of the same explanations. */
  async cut(request: CutRequest, progress: Progress, signal?: AbortSignal): Promise<JobOutcome> {
    const ffmpegPath = this.options.ffmpeg();
    if (!ffmpegPath) throw refused('clips_no_ffmpeg', 'ffmpeg was not found');
    const show = this.show(request.sessionId);
    await this.ready();
    const wanted = request.segmentIds ? new Set(request.segmentIds) : null;
    const plans = this.plans(request.sessionId, { join: request.join }).filter(
      (p) => !wanted || p.segmentIds.some((id) => wanted.has(id)),
    );
    if (plans.length === 0) throw refused('clips_nothing', 'no ended explanation to cut');
    const total = plans.reduce((sum, p) => sum + p.pieces.reduce((s, x) => s + x.toMs - x.fromMs, 0), 0);
    makePrivateDir(this.dir);
    progress('phase_cutting', 0, total);
    const held = plans.flatMap((p) => p.segmentIds);
    this.hold(held, 1);
    try {
      return await this.cutPlans(request, plans, { show, ffmpegPath, total, progress, signal });
    } finally {
      this.hold(held, -1);
    }
  }

  private async cutPlans(
    request: CutRequest,
    plans: ClipPlan[],
    context: {
      show: { title: string; startedAt: number | null };
      ffmpegPath: string;
      total: number;
      progress: Progress;
      signal?: AbortSignal;
    },
  ): Promise<JobOutcome> {
    const { show, ffmpegPath, total, progress, signal } = context;
    const warnings: Issue[] = [];
    let before = 0;
    let cut = 0;
    for (const plan of plans) {
      const params = { linkNo: plan.linkNo, title: plan.title };
      const length = plan.pieces.reduce((s, x) => s + x.toMs - x.fromMs, 0);
      if (plan.waiting) {
        warnings.push({ path: '', code: 'clip_still_recording', params });
        before += length;
        continue;
      }
      if (plan.pieces.length === 0) {
        warnings.push({ path: '', code: 'clip_not_recorded', params });
        continue;
      }
      if (plan.missing.length > 0) {
        const seconds = Math.round(plan.missing.reduce((s, [a, b]) => s + b - a, 0) / 1000);
        warnings.push({ path: '', code: 'clip_partly_recorded', params: { ...params, seconds } });
      }
      const base = clipBaseName({ title: show.title, startedAt: show.startedAt ?? plan.startedAt }, plan);
      // Cut under a name of its own, renamed into place once its row is committed (a re-cut keeps the old name).
      const cutting = path.join(this.dir, `.cutting-${crypto.randomUUID()}.mp4`);
      let result: Awaited<ReturnType<typeof cutClip>>;
      try {
        result = await cutClip(plan.pieces, cutting, {
          ffmpegPath,
          exact: request.exact,
          vertical: request.vertical,
          signal,
          onProgress: (done) => progress('phase_cutting', before + done, total),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        // One clip that cannot be cut (a damaged piece of a recording) leaves the others to be cut.
        warnings.push({ path: '', code: 'clip_cut_failed', params: { ...params, reason: (error as Error).message } });
        before += length;
        continue;
      }
      before += length;
      try {
        await this.replace(request, plan, base, result);
      } catch (error) {
        warnings.push({ path: '', code: 'clip_cut_failed', params: { ...params, reason: (error as Error).message } });
        continue;
      }
      cut++;
    }
    progress('phase_cutting', total, total);
    return { summary: { clips: cut, skipped: plans.length - cut }, warnings };
  }

  /**
   * The new clip's row in and the old clip of the same explanations out, committed first; then the files follow
   * (the cut renamed into place, the old files removed). Both the old clip and the name are found inside the write,
   * so two cuts at once (one as an explanation ends, one the host asked for) never share a name nor both stay. A
   * failed rename after the commit puts the old rows back.
   */
  private async replace(
    request: CutRequest,
    plan: ClipPlan,
    base: string,
    result: { file: string; durationMs: number; bytes: number },
  ): Promise<void> {
    const { clip, old } = await this.write(() => {
      const old = this.store.ofSession(request.sessionId).filter((c) => sameSegments(c.segmentIds, plan.segmentIds));
      for (const c of old) this.store.remove(c.id);
      // A re-cut keeps the old clip's name; otherwise the first free one (a row's file counts before its rename).
      const file =
        old.map((c) => c.file).find((f) => path.basename(f, '.mp4').startsWith(base)) ??
        freeName(this.dir, base, '.mp4', (f) => this.store.hasFile(f));
      const clip = this.store.insert({
        sessionId: request.sessionId,
        productId: plan.productId,
        linkNo: plan.linkNo,
        segmentIds: plan.segmentIds,
        file,
        poster: null,
        mode: request.exact || request.vertical ? 'exact' : 'copy',
        vertical: request.vertical ?? false,
        durationMs: result.durationMs,
        bytes: result.bytes,
        missing: plan.missing,
        createdAt: this.now(),
      });
      return { clip, old };
    });
    try {
      fs.renameSync(result.file, clip.file);
    } catch (error) {
      // The file could not take its place (a player holds the old one open, on Windows): the old clip stays.
      fs.rmSync(result.file, { force: true });
      await this.write((emit) => {
        this.store.remove(clip.id);
        for (const { id: _id, ...c } of old) this.store.insert(c);
        emit('clips.changed', { sessionId: request.sessionId });
      });
      throw error;
    }
    for (const c of old) {
      if (c.file !== clip.file) fs.rmSync(c.file, { force: true });
      if (c.poster) fs.rmSync(c.poster, { force: true });
    }
    // Only now, with the file in place and the old one gone: a screen asks for the new clip's poster at once.
    this.publish('clips.changed', { sessionId: request.sessionId });
  }

  /** The clip's poster JPEG, made the first time it is wanted (null when the clip's file is gone). */
  async poster(clipId: number): Promise<string | null> {
    const clip = this.store.get(clipId);
    if (!clip) throw new StudioError('not_found', `clip ${clipId} not found`);
    if (clip.poster && fs.existsSync(clip.poster)) return clip.poster;
    const ffmpegPath = this.options.ffmpeg();
    if (!ffmpegPath || !fs.existsSync(clip.file)) return null;
    const poster = `${clip.file.slice(0, -'.mp4'.length)}.jpg`;
    await makePoster(ffmpegPath, clip.file, clip.durationMs, poster);
    await this.write(() => this.store.setPoster(clip.id, poster));
    return poster;
  }

  /** Copies the clips and their posters into `dir`; returns where each went. */
  async exportTo(clipIds: number[], dir: string): Promise<string[]> {
    // The user's folder (a share, ~/Public): made if need be, its permissions left as they are.
    fs.mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const id of clipIds) {
      const clip = this.store.get(id);
      if (!clip || !fs.existsSync(clip.file)) throw new StudioError('not_found', `clip ${id} not found`);
      const target = freeName(dir, path.basename(clip.file, '.mp4'), ['.mp4', '.jpg']);
      fs.copyFileSync(clip.file, target);
      // Copies get the folder's usual permissions, not the studio's owner-only ones: they are meant to be shared.
      fs.chmodSync(target, 0o644);
      const poster = await this.poster(id).catch(() => null);
      if (poster) {
        const copy = `${target.slice(0, -'.mp4'.length)}.jpg`;
        fs.copyFileSync(poster, copy);
        fs.chmodSync(copy, 0o644);
      }
      written.push(target);
    }
    return written;
  }

  /** Deletes a show's clips: their rows first, then their files and posters. */
  async deleteClips(sessionId: number): Promise<number> {
    this.show(sessionId);
    const clips = await this.write((emit) => {
      const clips = this.store.ofSession(sessionId);
      for (const clip of clips) this.store.remove(clip.id);
      emit('clips.changed', { sessionId });
      return clips;
    });
    for (const clip of clips) {
      fs.rmSync(clip.file, { force: true });
      if (clip.poster) fs.rmSync(clip.poster, { force: true });
    }
    return clips.length;
  }

  /** The show (its title and times), or not_found. */
  show(sessionId: number) {
    const show = this.shows.session(sessionId);
    if (!show) throw new StudioError('not_found', `session ${sessionId} not found`);
    return show;
  }

  private write<T>(work: (emit: Publish) => T): Promise<T> {
    return this.writer.write(work);
  }
}

function sameSegments(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
