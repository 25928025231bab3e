// Which parts of which recordings make a clip of an explanation (or of several explanations of one product,
// joined), and what of it no recording holds: the show began before the recording, a crash ended one recording
// and the next began later, or the file is gone. Pure: the recordings and segments in, the plan out.
import type { Recording } from '../stream/recording-store.ts';
import { recordingEndWall, recordingTimeAt } from './clip-timing.ts';

/** Before and after each explanation, so no word is lost (the host starts talking as the button is pressed). */
export const CLIP_PAD_MS = 1000;
/**
 * More after it: a recording's time is tied to the wall clock when the encoder's first frame arrives, and the
 * encoder holds frames back (lookahead, B-frames: 0.3–1 s without zerolatency), so the file's time runs that much
 * behind the wall clock's and an explanation's last words sit later in the file than its end maps to.
 */
export const CLIP_TAIL_PAD_MS = CLIP_PAD_MS + 500;

export interface ExplainedSegment {
  id: number;
  productId: number;
  linkNo: number;
  title: string;
  startedAt: number;
  endedAt: number;
}

/** A stretch of one recording file, in the file's own time. */
export interface ClipPiece {
  recordingId: number;
  file: string;
  fromMs: number;
  toMs: number;
}

export interface ClipPlan {
  segmentIds: number[];
  productId: number;
  linkNo: number;
  title: string;
  /** The first explanation's start (wall clock): what the clip is named and sorted by. */
  startedAt: number;
  pieces: ClipPiece[];
  /** Wall-clock ranges of the explanations that no recording holds. */
  missing: Array<[number, number]>;
  /** Just ended: the recording being written does not hold its end (and padding) yet. */
  waiting: boolean;
}

/** A recording's usable span: its file exists, it has a length, and where it is on the wall clock. */
export interface UsableRecording extends Recording {
  durationMs: number;
  /** Wall clock of its last frame (so far, for one still written). */
  endWall: number;
  /** Still written by this studio: its length is what it holds so far. */
  live: boolean;
}

/**
 * A recording's usable span, or null when none: deleted, its file gone, or no length (one a crash left, until the
 * next start finishes it). One still written uses `writtenMs`, what the recorder has written so far.
 */
export function usable(
  recording: Recording,
  exists: (file: string) => boolean,
  writtenMs: number | null = null,
): UsableRecording | null {
  const live = recording.durationMs === null && recording.state === 'recording' && writtenMs !== null;
  const durationMs = live ? writtenMs : recording.durationMs;
  if (recording.deletedAt !== null || durationMs === null || !exists(recording.file)) return null;
  const endWall = recordingEndWall(recording.anchors, durationMs) ?? recording.startedAt;
  return { ...recording, durationMs, endWall, live };
}

interface Pads {
  padMs: number;
  tailPadMs: number;
}

/** One explanation's pieces (padded, within each recording) and the wall-clock ranges left uncovered. */
function piecesOf(segment: ExplainedSegment, recordings: readonly UsableRecording[], { padMs, tailPadMs }: Pads) {
  const pieces: ClipPiece[] = [];
  const covered: Array<[number, number]> = [];
  let waiting = false;
  for (const r of recordings) {
    const from = Math.max(segment.startedAt, r.startedAt);
    const to = Math.min(segment.endedAt, r.endWall);
    // A recording still written will hold the rest: not missing, only not yet there.
    const pending = r.live && segment.endedAt + tailPadMs > r.endWall && segment.endedAt > r.startedAt;
    if (pending) waiting = true;
    if (pending && from < segment.endedAt) covered.push([from, segment.endedAt]);
    if (to <= from) continue;
    if (!pending) covered.push([from, to]);
    const fromMs = recordingTimeAt(r.anchors, from - padMs, r.durationMs);
    const toMs = recordingTimeAt(r.anchors, to + tailPadMs, r.durationMs);
    if (toMs > fromMs) pieces.push({ recordingId: r.id, file: r.file, fromMs, toMs });
  }
  return { pieces, waiting, missing: uncovered([segment.startedAt, segment.endedAt], covered) };
}

/** `range` less the `covered` ranges (sorted by start). */
function uncovered(range: [number, number], covered: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = range[0];
  for (const [from, to] of [...covered].sort((a, b) => a[0] - b[0])) {
    if (from > at) out.push([at, Math.min(from, range[1])]);
    at = Math.max(at, to);
  }
  if (at < range[1]) out.push([at, range[1]]);
  return out;
}

/** Appends a piece; one that overlaps the last piece of the same file (two explanations close together) extends it. */
function addPiece(pieces: ClipPiece[], piece: ClipPiece): void {
  const last = pieces.at(-1);
  if (last && last.recordingId === piece.recordingId && piece.fromMs <= last.toMs) {
    last.toMs = Math.max(last.toMs, piece.toMs);
  } else {
    pieces.push(piece);
  }
}

/**
 * One plan per ended explanation, in show order; with `join`, one per product (its explanations in order, each
 * still padded on its own). Recordings are the show's, oldest first.
 */
export function planClips(
  segments: readonly ExplainedSegment[],
  recordings: readonly UsableRecording[],
  {
    join = false,
    padMs = CLIP_PAD_MS,
    tailPadMs = CLIP_TAIL_PAD_MS,
  }: { join?: boolean; padMs?: number; tailPadMs?: number } = {},
): ClipPlan[] {
  const plans: ClipPlan[] = [];
  const byProduct = new Map<number, ClipPlan>();
  for (const segment of [...segments].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id)) {
    const { pieces, missing, waiting } = piecesOf(segment, recordings, { padMs, tailPadMs });
    const joined = join ? byProduct.get(segment.productId) : undefined;
    if (joined) {
      joined.segmentIds.push(segment.id);
      for (const piece of pieces) addPiece(joined.pieces, piece);
      joined.missing.push(...missing);
      joined.waiting ||= waiting;
      continue;
    }
    const plan: ClipPlan = {
      segmentIds: [segment.id],
      productId: segment.productId,
      linkNo: segment.linkNo,
      title: segment.title,
      startedAt: segment.startedAt,
      pieces,
      missing,
      waiting,
    };
    plans.push(plan);
    byProduct.set(segment.productId, plan);
  }
  return plans;
}
