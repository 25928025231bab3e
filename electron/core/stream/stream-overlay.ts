// What going live needs of the overlay domain (overlay/), and how a show gets its overlay: the files for a show of
// the plan's size when this ffmpeg can composite them, else none — the show never waits on, or fails for, the overlay.
import type { EngineOverlay } from './engine/engine-types.ts';
import type { ShowPlan } from './stream-plan.ts';

/** A show's overlay as the overlay domain prepares it (overlay/overlay-output.ts). */
export type ShowOverlay = EngineOverlay;

/** The overlay domain's part: the files for a show of a size, and closing them after. */
export interface OverlayFeed {
  open(frame: { width: number; height: number }, options: { drawtext: boolean }): Promise<ShowOverlay>;
  close(overlay: ShowOverlay): Promise<void>;
}

/** The overlay's files for this show; null (the show goes on without it) when ffmpeg or the painter cannot. */
export async function prepareOverlay(feed: OverlayFeed | null, plan: ShowPlan): Promise<ShowOverlay | null> {
  if (!feed) return null;
  if (!plan.filters.overlay) {
    console.error('[stream] this ffmpeg has no overlay filter: the show goes out without the overlay');
    return null;
  }
  try {
    return await feed.open(
      { width: plan.encode.width, height: plan.encode.height },
      { drawtext: plan.filters.drawtext },
    );
  } catch (error) {
    console.error('[stream] the overlay could not be prepared, going live without it:', (error as Error).message);
    return null;
  }
}
