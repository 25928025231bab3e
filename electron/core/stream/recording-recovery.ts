// Finishes the recordings a crash of the studio itself (or a power cut) left behind: the recorder writes
// `<target>.recording.flv` during a show and remuxes it only when the show ends, so after a crash the FLV is still
// there, playable but unknown to the studio. At the next start each one is remuxed to its target, one ffmpeg at a
// time (a low-end laptop is also about to go live).
import fs from 'node:fs';
import path from 'node:path';
import { FlvReader, TAG_AUDIO, TAG_VIDEO } from './engine/flv-reader.ts';
import { remuxToMp4, type RecordingResult } from './engine/recorder.ts';

/** What the recorder appends to the target's name while it writes (engine/recorder.ts). */
export const RECORDING_SUFFIX = '.recording.flv';

/** Younger than this, a file may still be written by a live show (or another studio): it is left alone. */
export const MIN_AGE_MS = 30_000;

/** A recording with media in it shows it within its first tags; past this the file is not taken for empty. */
const PEEK_BYTES = 64 * 1024;

export interface RecoveryOptions {
  /** The clock (ms since the epoch), read before each file; tests move it instead of aging files. */
  now?: () => number;
  minAgeMs?: number;
}

export interface RecoveredRecording extends RecordingResult {
  /** The FLV the crash left (`file` too, when it could not be remuxed). */
  source: string;
}

/**
 * Remuxes every crash-left `*.recording.flv` directly in `dir`, oldest first, and returns what is kept of each, in
 * that order (so the last is the newest): the MP4, or the FLV itself with `remuxed: false` and an `error` when ffmpeg
 * failed (it is tried again at the next start). Not listed: files too fresh to touch, and files with nothing recorded
 * (no audio or video frame: a show that crashed as it started), which are deleted rather than made into empty MP4s.
 * One bad file never stops the others; a missing `dir` is no recordings. Rejects only if `dir` cannot be listed.
 */
export async function recoverRecordings(
  dir: string,
  ffmpegPath: string,
  options: RecoveryOptions = {},
): Promise<RecoveredRecording[]> {
  const now = options.now ?? Date.now;
  const minAgeMs = options.minAgeMs ?? MIN_AGE_MS;
  const results: RecoveredRecording[] = [];
  for (const source of leftovers(dir)) {
    try {
      const stat = fs.statSync(source, { throwIfNoEntry: false });
      // Gone since the listing, or written to right now: not a crash's leftover (yet).
      if (!stat?.isFile() || now() - stat.mtimeMs < minAgeMs) continue;
      if (nothingRecorded(source, stat.size)) {
        fs.rmSync(source, { force: true });
        continue;
      }
      const target = freeTarget(targetOf(source));
      results.push({ source, ...(await remuxToMp4(ffmpegPath, source, target)) });
    } catch (error) {
      results.push({ source, file: source, bytes: sizeOf(source), remuxed: false, error: (error as Error).message });
    }
  }
  return results;
}

/** The crash-left FLVs in `dir`, oldest first. */
function leftovers(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(RECORDING_SUFFIX))
    .map((entry) => {
      const file = path.join(dir, entry.name);
      return { file, mtime: fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 };
    })
    .sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file))
    .map(({ file }) => file);
}

/** `2026-11-24_20-00-05.mp4.recording.flv` → `2026-11-24_20-00-05.mp4` (made .mp4 if it was named otherwise). */
function targetOf(source: string): string {
  const target = source.slice(0, -RECORDING_SUFFIX.length);
  return target.toLowerCase().endsWith('.mp4') ? target : `${target}.mp4`;
}

/** The target, or `name-recovered.mp4`, `name-recovered-2.mp4`… when something is there already. */
function freeTarget(target: string): string {
  if (!fs.existsSync(target)) return target;
  const stem = target.slice(0, -path.extname(target).length);
  for (let n = 1; ; n++) {
    const candidate = `${stem}-recovered${n === 1 ? '' : `-${n}`}.mp4`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/**
 * True when the file holds no audio or video frame: zero bytes, the FLV header only, or the header with metadata and
 * codec configuration (a frame cut off by the crash does not count). Anything that does not look like an FLV is not
 * "nothing": it is left to ffmpeg, and kept when ffmpeg cannot read it either.
 */
function nothingRecorded(file: string, size: number): boolean {
  if (size === 0) return true;
  const head = Buffer.alloc(Math.min(size, PEEK_BYTES));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!'FLV'.startsWith(head.toString('latin1', 0, 3))) return false;
  let tags;
  try {
    tags = new FlvReader().push(head);
  } catch {
    return false;
  }
  if (tags.some((tag) => (tag.type === TAG_AUDIO || tag.type === TAG_VIDEO) && !tag.config)) return false;
  return size <= PEEK_BYTES;
}

function sizeOf(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}
