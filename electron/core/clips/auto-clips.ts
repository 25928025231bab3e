// 讲解回放 as the show goes on: an explanation that ends is cut (copy mode, a second or two of ffmpeg) as soon as the
// recording holds its end, so the host's timeline has the clip moments later and the report has them all when the
// show ends. Checked every second at first, then every few seconds for as long as the end of a show may take (its
// recording is remuxed then: minutes for a long show); an explanation nobody recorded is given up on quietly.
import type { ClipService } from './clip-service.ts';

export interface AutoClipsOptions {
  /** Starts the cut of one explanation as a job (the studio's job runner); settles when the job ends. */
  startCut(sessionId: number, segmentIds: number[]): Promise<unknown>;
  /** Between the first checks of whether the recording holds the explanation's end. */
  retryMs?: number;
  /** Checks that far apart, then `slowRetryMs` apart. */
  fastTries?: number;
  slowRetryMs?: number;
  /** Gives up after this long (a recording that never came: not recorded, or the show ended without a file). */
  giveUpMs?: number;
  setTimer?: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
}

export class AutoClips {
  private readonly clips: Pick<ClipService, 'plans' | 'list' | 'isCutting'>;
  private readonly options: Required<AutoClipsOptions>;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(clips: Pick<ClipService, 'plans' | 'list' | 'isCutting'>, options: AutoClipsOptions) {
    this.clips = clips;
    this.options = {
      retryMs: 1000,
      fastTries: 30,
      slowRetryMs: 5000,
      giveUpMs: 15 * 60_000,
      setTimer: (run, ms) => setTimeout(run, ms),
      ...options,
    };
  }

  /** An explanation of the show ended. */
  ended(sessionId: number, segmentId: number): void {
    this.later(sessionId, segmentId, 1, 0);
  }

  private later(sessionId: number, segmentId: number, tries: number, waitedMs: number): void {
    if (this.disposed) return;
    const { retryMs, fastTries, slowRetryMs, giveUpMs } = this.options;
    const ms = tries <= fastTries ? retryMs : slowRetryMs;
    if (waitedMs + ms > giveUpMs) return;
    const timer = this.options.setTimer(() => {
      this.timers.delete(timer);
      if (!this.disposed) this.check(sessionId, segmentId, tries, waitedMs + ms);
    }, ms);
    this.timers.add(timer);
  }

  private check(sessionId: number, segmentId: number, tries: number, waitedMs: number): void {
    let plan;
    try {
      plan = this.clips.plans(sessionId).find((p) => p.segmentIds.length === 1 && p.segmentIds[0] === segmentId);
    } catch {
      return; // the show is gone
    }
    if (!plan) return;
    // Cut already, or being cut (the host pressed "cut" first): left to that.
    if (this.clips.isCutting(segmentId)) return;
    if (this.clips.list(sessionId).some((c) => c.segmentIds.includes(segmentId))) return;
    if (plan.waiting || plan.pieces.length === 0) return this.later(sessionId, segmentId, tries + 1, waitedMs);
    // A cut that left no clip (its FLV remuxed and removed under it as the show ended) is tried again: the next
    // check finds the finished recording, or the clip and stops.
    void this.options
      .startCut(sessionId, [segmentId])
      .catch(() => undefined)
      .then(() => this.later(sessionId, segmentId, tries + 1, waitedMs));
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
