// 讲解回放 as the show goes on: an explanation that ends is cut (copy mode, a second or two of ffmpeg) as soon as the
// recording holds its end, so the host's timeline has the clip moments later and the report has them all when the
// show ends. A check a second, a bounded number of times: an explanation nobody recorded is given up on quietly.
import type { ClipService } from './clip-service.ts';

export interface AutoClipsOptions {
  /** Starts the cut of one explanation as a job (the studio's job runner). */
  startCut(sessionId: number, segmentIds: number[]): void;
  /** Between checks of whether the recording holds the explanation's end. */
  retryMs?: number;
  /** Checks before giving up (the recording never came: not recorded, or the show ended without a file). */
  maxTries?: number;
}

export class AutoClips {
  private readonly clips: Pick<ClipService, 'plans' | 'list'>;
  private readonly options: Required<AutoClipsOptions>;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(clips: Pick<ClipService, 'plans' | 'list'>, options: AutoClipsOptions) {
    this.clips = clips;
    this.options = { retryMs: 1000, maxTries: 30, ...options };
  }

  /** An explanation of the show ended. */
  ended(sessionId: number, segmentId: number): void {
    this.check(sessionId, segmentId, 1);
  }

  private check(sessionId: number, segmentId: number, tries: number): void {
    if (this.disposed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.disposed) return;
      let plan;
      try {
        plan = this.clips.plans(sessionId).find((p) => p.segmentIds.length === 1 && p.segmentIds[0] === segmentId);
      } catch {
        return; // the show is gone
      }
      if (!plan) return;
      // Cut already (the host pressed "cut" first): left alone.
      if (this.clips.list(sessionId).some((c) => c.segmentIds.includes(segmentId))) return;
      if (plan.waiting || plan.pieces.length === 0) {
        if (tries < this.options.maxTries) this.check(sessionId, segmentId, tries + 1);
        return;
      }
      this.options.startCut(sessionId, [segmentId]);
    }, this.options.retryMs);
    this.timers.add(timer);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
