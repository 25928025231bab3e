// Wires the clips' protocol methods to their service.
import { ownerOf, type JobRunner } from '../jobs/job-runner.ts';
import type { ClipPlanView, ClipView } from '../protocol/clip-schemas.ts';
import type { StudioServer } from '../rpc/server.ts';
import type { ClipPlan } from './clip-plan.ts';
import type { ClipService } from './clip-service.ts';
import type { ReelService } from './reel-service.ts';
import type { Clip } from './clip-store.ts';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../protocol/errors.ts';
import type { MediaTickets } from '../media/media-tickets.ts';

/** A clip as the wire shows it: its file's name, never where the studio keeps its data. */
export function clipView(clip: Clip): ClipView {
  const { file, poster, ...rest } = clip;
  return { ...rest, fileName: path.basename(file), hasPoster: poster !== null };
}

export function planView(plan: ClipPlan): ClipPlanView {
  const { pieces, ...rest } = plan;
  return { ...rest, recordedMs: pieces.reduce((sum, p) => sum + p.toMs - p.fromMs, 0) };
}

export function registerClips(
  server: StudioServer,
  { clips, reels }: { clips: ClipService; reels: ReelService },
  jobs: JobRunner,
  media: MediaTickets,
): void {
  server.handle('clips.list', ({ sessionId }) => ({
    clips: clips.list(sessionId).map(clipView),
    plans: clips.plans(sessionId).map(planView),
  }));
  server.handle('clips.cut', (request, ctx) => {
    clips.plans(request.sessionId); // an unknown show is refused now, not as a failed job
    const work = (progress: Parameters<ClipService['cut']>[1]) => clips.cut(request, progress, progress.signal);
    return { jobId: jobs.start('clips.cut', work, ownerOf(ctx)).job.id };
  });
  const urlOf = (file: string) => {
    const url = media.url(file);
    if (!url) throw new StudioError('not_found', 'the clip is not in the data folder');
    return url;
  };
  server.handle('clips.poster', async ({ clipId }) => {
    const poster = await clips.poster(clipId);
    if (!poster) throw new StudioError('not_found', `clip ${clipId} has no file to make a poster of`);
    return { url: urlOf(poster) };
  });
  server.handle('clips.play', ({ clipId }) => {
    const clip = clips.store.get(clipId);
    if (!clip || !fs.existsSync(clip.file)) throw new StudioError('not_found', `clip ${clipId} not found`);
    return { url: urlOf(clip.file), fileName: path.basename(clip.file) };
  });
  server.handle('clips.reel', ({ maxMinutes, ...request }, ctx) => {
    clips.show(request.sessionId); // an unknown show is refused now, not as a failed job
    const work = async (progress: Parameters<ClipService['cut']>[1]) => {
      const { reel: _made, ...outcome } = await reels.make(
        { ...request, maxMs: maxMinutes * 60_000 },
        progress,
        progress.signal,
      );
      return outcome;
    };
    return { jobId: jobs.start('clips.reel', work, ownerOf(ctx)).job.id };
  });
  server.handle('clips.reelFile', ({ sessionId }) => {
    const reel = reels.made(sessionId);
    if (!reel) throw new StudioError('not_found', `session ${sessionId} has no long video yet`);
    return {
      url: urlOf(reel.file),
      fileName: path.basename(reel.file),
      durationMs: reel.durationMs,
      description: reel.description,
    };
  });
  server.handle('clips.delete', async ({ sessionId }) => {
    const deleted = await clips.deleteClips(sessionId);
    reels.remove(sessionId);
    return { deleted };
  });
}
