// The show's long video (合集): the chosen explanations, in the chosen order, as one MP4 of at most 30 minutes,
// with its description beside it (chapters and product links, a .txt). Streams copied when the recordings agree
// (seconds for half an hour); encoded again when they differ, when a lower-third is drawn, for a vertical crop,
// or when the keyframes a copy starts from could take it past the limit. Runs as a job (progress, cancel).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JobOutcome, Progress } from '../jobs/job-runner.ts';
import type { OverlaySettings } from '../protocol/overlay-schemas.ts';
import { refused, type Issue } from '../protocol/errors.ts';
import type { ImageBytes } from '../overlay/overlay-painter.ts';
import { makePrivateDir, ownerOnly } from '../system/data-folder.ts';
import { cutClip, joinFiles, type CutOptions } from './clip-cutter.ts';
import { reelBaseName } from './clip-names.ts';
import type { ClipService } from './clip-service.ts';
import { paintLowerThird } from './lower-third.ts';
import { mediaFormat, sameFormat, type MediaFormat } from './media-format.ts';
import type { Frame } from '../overlay/shared/overlay-layout.ts';
import { mp4DurationMs } from './mp4-duration.ts';
import {
  chapterTime,
  chooseReel,
  REEL_MAX_MS,
  reelChapters,
  reelDescription,
  type ProductLink,
  type ReelPart,
} from './reel-plan.ts';

/** The recording's keyframe distance: a copied part may start this much before its cut. */
const KEYFRAME_MS = 2000;

export interface ReelProduct extends ProductLink {
  title: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageId: string | null;
}

export interface ReelSources {
  product(id: number): ReelProduct | undefined;
  overlaySettings(): OverlaySettings;
  imageBytes: ImageBytes;
}

export interface ReelRequest {
  sessionId: number;
  /** These explanations, in this order (default: every ended one, in show order). */
  segmentIds?: number[];
  maxMs?: number;
  exact?: boolean;
  vertical?: boolean;
  /** The product and its price drawn over its part (encoded again). */
  lowerThird?: boolean;
  locale?: 'zh-CN' | 'en';
  /** Where to write it (default: the data folder's clips/, `2026-12-02 秋茶专场 合集.mp4`); a .txt beside it. */
  out?: string;
}

export interface Reel {
  file: string;
  description: string;
  durationMs: number;
}

export class ReelService {
  private readonly clips: ClipService;
  private readonly sources: ReelSources;
  private readonly ffmpeg: () => string | null;

  constructor(clips: ClipService, sources: ReelSources, ffmpeg: () => string | null) {
    this.clips = clips;
    this.sources = sources;
    this.ffmpeg = ffmpeg;
  }

  /** Where `make` writes the show's reel by default: `2026-12-02 秋茶专场 合集 #12.mp4` (the show's number keeps two
   * shows of one title and day apart). */
  fileFor(sessionId: number): string {
    const show = this.clips.show(sessionId);
    const base = reelBaseName({ title: show.title, startedAt: show.startedAt ?? 0 });
    return path.join(this.clips.dir, `${base} #${sessionId}.mp4`);
  }

  /** The show's reel in the data folder, whatever the show was called when it was made. */
  private found(sessionId: number): string | null {
    const suffix = ` #${sessionId}.mp4`;
    let names: string[];
    try {
      names = fs.readdirSync(this.clips.dir);
    } catch {
      return null;
    }
    const name = names.find((n) => n.endsWith(suffix) && !n.startsWith('.'));
    return name ? path.join(this.clips.dir, name) : null;
  }

  /** The show's reel, if one was made into the data folder, with its description. */
  made(sessionId: number): Reel | null {
    this.clips.show(sessionId);
    const file = this.found(sessionId);
    if (!file) return null;
    let description = '';
    try {
      description = fs.readFileSync(descriptionFile(file), 'utf8');
    } catch {
      // its description was removed by hand: the video still plays
    }
    return { file, description, durationMs: mp4DurationMs(file) ?? 0 };
  }

  /** Deletes the show's reel made into the data folder (with its clips: the recording stays). */
  remove(sessionId: number): void {
    for (let file = this.found(sessionId); file; file = this.found(sessionId)) {
      fs.rmSync(file, { force: true });
      fs.rmSync(descriptionFile(file), { force: true });
    }
  }

  async make(request: ReelRequest, progress: Progress, signal?: AbortSignal): Promise<JobOutcome & { reel: Reel }> {
    const ffmpegPath = this.ffmpeg();
    if (!ffmpegPath) throw refused('clips_no_ffmpeg', 'ffmpeg was not found');
    await this.clips.ready();
    const plans = this.clips.plans(request.sessionId);
    const unknown = (request.segmentIds ?? []).find((id) => !plans.some((p) => p.segmentIds.includes(id)));
    if (unknown !== undefined) {
      throw refused('reel_unknown_segment', `explanation ${unknown} is not an ended explanation of this show`, {
        segmentId: unknown,
      });
    }
    const choice = chooseReel(plans, request.segmentIds);
    if (choice.parts.length === 0) throw refused('clips_nothing', 'no recorded explanation to put in the reel');
    const maxMs = request.maxMs ?? REEL_MAX_MS;
    if (choice.totalMs > maxMs) {
      throw refused('reel_too_long', 'the chosen explanations are longer than the reel may be', {
        length: chapterTime(choice.totalMs),
        max: chapterTime(maxMs),
      });
    }
    const warnings: Issue[] = choice.unrecorded.map((plan) => ({
      path: '',
      code: plan.waiting ? 'clip_still_recording' : 'clip_not_recorded',
      params: { linkNo: plan.linkNo, title: plan.title },
    }));
    const pieces = choice.parts.flatMap((part) => part.pieces);
    const formats = await Promise.all([...new Set(pieces.map((p) => p.file))].map((f) => mediaFormat(ffmpegPath, f)));
    // Copied parts start at the keyframe before their cut: a reel planned near the limit is cut exactly instead.
    const slack = choice.parts.length * KEYFRAME_MS;
    let exact = Boolean(
      request.exact || request.vertical || request.lowerThird || !sameFormat(formats) || choice.totalMs + slack > maxMs,
    );
    // Encoded again, every part takes the first recording's picture and sound (recordings that differ still join).
    const target = targetOf(formats[0], request.vertical ?? false);

    const out = path.resolve(request.out ?? this.fileFor(request.sessionId));
    makePrivateDir(path.dirname(out));
    const stamp = crypto.randomUUID();
    const cutting = path.join(path.dirname(out), `.cutting-${stamp}.mp4`);
    const pictures: string[] = [];
    try {
      const overlays = request.lowerThird
        ? await this.lowerThirds(choice.parts, target, (i, bytes) => {
            const file = path.join(path.dirname(out), `.cutting-${stamp}-${i}.png`);
            fs.writeFileSync(file, bytes, ownerOnly);
            pictures.push(file);
            return file;
          })
        : undefined;
      progress('phase_reel', 0, choice.totalMs);
      const encode = () =>
        this.cutAll(choice.parts, cutting, {
          ffmpegPath,
          exact: true,
          vertical: request.vertical,
          overlays,
          normalize: target ?? undefined,
          signal,
          progress,
        });
      let cut = exact
        ? await encode()
        : await this.joinClips(request.sessionId, choice.parts, cutting, { ffmpegPath, signal, progress, stamp });
      // Copied parts start at the keyframe before their cut; keyframes further apart than the studio's (a recording
      // from elsewhere) could take the reel past the limit: then it is encoded to the cut instead.
      if (!exact && cut.result.durationMs > maxMs) {
        exact = true;
        cut = await encode();
      }
      const { result, partMs } = cut;
      const chapters = reelChapters(choice.parts, partMs);
      const description = reelDescription(
        chapters,
        (id) => {
          const product = this.sources.product(id);
          return product ? { link: product.link, kind: product.kind } : null;
        },
        request.locale ?? 'zh-CN',
      );
      // The description first: a reel found in the folder always has its own.
      fs.writeFileSync(descriptionFile(out), description, ownerOnly);
      if (!request.out) this.remove(request.sessionId); // an earlier reel of the show, perhaps under an older title
      fs.renameSync(result.file, out);
      progress('phase_reel', choice.totalMs, choice.totalMs);
      return {
        summary: {
          fileName: path.basename(out),
          durationMs: result.durationMs,
          parts: choice.parts.length,
          exact: exact ? 1 : 0,
          description,
        },
        warnings,
        reel: { file: out, description, durationMs: result.durationMs },
      };
    } finally {
      fs.rmSync(cutting, { force: true });
      for (const picture of pictures) fs.rmSync(picture, { force: true });
    }
  }

  /**
   * Every piece of every part cut anew (two at a time) and joined: encoded again (exact, a crop, a lower-third), or
   * copied when no part has a clip yet. Each part's length as it came out.
   */
  private async cutAll(
    parts: readonly ReelPart[],
    out: string,
    options: CutOptions & { progress: Progress },
  ): Promise<{ result: { file: string; durationMs: number }; partMs: number[] }> {
    const totalMs = parts.reduce((sum, part) => sum + lengthOf(part), 0);
    const result = await cutClip(
      parts.flatMap((part) => part.pieces),
      out,
      { ...options, onProgress: (done) => options.progress('phase_reel', done, totalMs) },
    );
    let at = 0;
    const partMs = parts.map((part) => {
      const ms = result.piecesMs.slice(at, at + part.pieces.length).reduce((s, x) => s + x, 0);
      at += part.pieces.length;
      return ms;
    });
    return { result, partMs };
  }

  /**
   * Streams copied: each part is its explanation's copy-mode clip when one was cut (as the explanation ended), else
   * cut now; then all joined in one pass. A clip cut exact or vertical is not the same encode, so it is cut anew.
   */
  private async joinClips(
    sessionId: number,
    parts: readonly ReelPart[],
    out: string,
    options: { ffmpegPath: string; signal?: AbortSignal; progress: Progress; stamp: string },
  ): Promise<{ result: { file: string; durationMs: number }; partMs: number[] }> {
    const clips = this.clips.list(sessionId).filter((c) => c.mode === 'copy' && !c.vertical && fs.existsSync(c.file));
    const clipOf = (part: ReelPart) => clips.find((c) => c.segmentIds.join() === part.plan.segmentIds.join());
    // No clip to start from: the pieces cut and joined in one go.
    if (!parts.some(clipOf)) return this.cutAll(parts, out, { ...options, exact: false });
    const totalMs = parts.reduce((sum, part) => sum + lengthOf(part), 0);
    const files: string[] = [];
    const partMs: number[] = [];
    const made: string[] = [];
    let done = 0;
    try {
      for (const [i, part] of parts.entries()) {
        const clip = clipOf(part);
        if (clip) {
          files.push(clip.file);
          partMs.push(clip.durationMs);
        } else {
          const file = path.join(path.dirname(out), `.cutting-${options.stamp}-part${i + 1}.mp4`);
          made.push(file);
          const before = done;
          const cut = await cutClip(part.pieces, file, {
            ffmpegPath: options.ffmpegPath,
            signal: options.signal,
            onProgress: (ms) => options.progress('phase_reel', Math.min(totalMs, before + ms), totalMs * 2),
          });
          files.push(file);
          partMs.push(cut.durationMs);
        }
        done += lengthOf(part);
      }
      // The join is the other half of the work when parts were cut, all of it when every part was a clip.
      const base = made.length > 0 ? totalMs : 0;
      const result = await joinFiles(files, out, {
        ffmpegPath: options.ffmpegPath,
        signal: options.signal,
        totalMs,
        onProgress: (ms) => options.progress('phase_reel', base + ms, base + totalMs),
      });
      return { result, partMs };
    } finally {
      for (const file of made) fs.rmSync(file, { force: true });
    }
  }

  /** One lower-third picture per piece (its part's product), of the reel's picture size. */
  private async lowerThirds(
    parts: readonly ReelPart[],
    frame: Frame | null,
    save: (index: number, bytes: Buffer) => string,
  ): Promise<string[]> {
    if (!frame) throw new Error('the recording has no picture to draw on');
    const settings = this.sources.overlaySettings();
    const files: string[] = [];
    for (const [i, part] of parts.entries()) {
      const product = this.sources.product(part.plan.productId);
      const bytes = await paintLowerThird(
        frame,
        {
          productId: part.plan.productId,
          linkNo: part.plan.linkNo,
          title: part.plan.title,
          priceFen: product?.priceFen ?? 0,
          originalPriceFen: product?.originalPriceFen ?? null,
          imageId: product?.imageId ?? null,
        },
        settings,
        this.sources.imageBytes,
      );
      const file = save(i, bytes);
      for (let n = 0; n < part.pieces.length; n++) files.push(file);
    }
    return files;
  }
}

/** The picture (cropped to 9:16 when asked) and sound of the first recording: what every encoded part is made. */
function targetOf(
  format: MediaFormat | undefined,
  vertical: boolean,
): (Frame & { fps: string; sampleRate: number; channels: number }) | null {
  const width = format?.video?.width ?? 0;
  const height = format?.video?.height ?? 0;
  if (width === 0 || height === 0) return null;
  // The vertical crop keeps the middle 9:16 of a landscape picture (clip-cutter.ts).
  const frame =
    vertical && width > height ? { width: Math.trunc((height * 9) / 16 / 2) * 2, height } : { width, height };
  const layout = format?.audio?.layout ?? '';
  return {
    ...frame,
    fps: format?.video?.fps ?? '',
    sampleRate: format?.audio?.rate ?? 0,
    channels: layout === 'mono' ? 1 : layout === 'stereo' ? 2 : 0,
  };
}

function lengthOf(part: ReelPart): number {
  return part.pieces.reduce((sum, p) => sum + p.toMs - p.fromMs, 0);
}

function descriptionFile(reel: string): string {
  return `${reel.replace(/\.mp4$/i, '')}.txt`;
}
