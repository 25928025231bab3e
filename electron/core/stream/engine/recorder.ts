// The local recording: the encoder's FLV written straight to a file by this process, tag by tag, so it
// depends on no publisher and no network (a destination reconnecting leaves no gap), and a crash of any process
// leaves a file that plays up to the crash (FLV needs no trailer). When the show ends it is remuxed to MP4; after a
// crash of the studio itself, at its next start (../recording-recovery.ts).
import fs from 'node:fs';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run.ts';
import { makePrivateDir, OWNER_FILE_MODE, ownerOnly, tighten } from '../../system/data-folder.ts';
import { TAG_VIDEO, type FlvTag } from './flv-reader.ts';

/**
 * Where the recording's time and the wall clock were tied: at its first frame and at each change of encoder (a lost
 * camera and its stand-in). Between two anchors the file runs with the wall clock; across one, the wall-clock time
 * of the stall is not in the file (it shows as a short freeze), so a time after it maps by the later anchor.
 */
export interface RecordingAnchor {
  /** The file's own time (the FLV timestamp), ms. */
  recordingMs: number;
  /** When that frame reached the studio (epoch ms). */
  wallMs: number;
}

export interface RecordingResult {
  /** The file to keep: the MP4 when the remux worked, else the FLV (which plays as it is). */
  file: string;
  bytes: number;
  remuxed: boolean;
  /** Why the remux failed (ffmpeg's last error line, `timeout`, `ENOENT`…), when it did. */
  error?: string;
  /** How long it plays (its last frame's time), when the recorder knows it. */
  durationMs?: number;
}

const REMUX_TIMEOUT_MS = 10 * 60_000;

/** Where a recording for `target` is written while it runs: `target` itself when it is FLV, else FLV beside it. */
export function writtenPath(target: string): string {
  return target.toLowerCase().endsWith('.flv') ? target : `${target}.recording.flv`;
}

export class Recorder {
  readonly target: string;
  /** Where the FLV is written during the show. */
  readonly flvPath: string;
  private readonly out: fs.WriteStream;
  private bytes = 0;
  private wroteHeader = false;
  /** Finished early (a disk running full): later tags are not written. */
  private closed = false;
  private error: Error | null = null;
  private finished: Promise<RecordingResult> | null = null;
  /** The finished recording, once `finish` has made it. */
  result: RecordingResult | null = null;
  /** Why the file could not be closed (a full disk, a bad folder), when it could not. */
  failure: string | null = null;
  /** The file's time so far: the last tag's timestamp (ms). */
  lastMs = 0;
  /** The next video tag starts a new encoder's part: its time and the wall clock's are noted. */
  private anchorPending = true;
  private readonly onAnchor: (anchor: RecordingAnchor) => void;
  private readonly now: () => number;

  /** `target` ending in .flv is kept as FLV; anything else is written as FLV beside it and remuxed at the end. */
  constructor(
    target: string,
    { onAnchor = () => {}, now = Date.now }: { onAnchor?: (anchor: RecordingAnchor) => void; now?: () => number } = {},
  ) {
    this.onAnchor = onAnchor;
    this.now = now;
    this.target = path.resolve(target);
    this.flvPath = writtenPath(this.target);
    makePrivateDir(path.dirname(this.flvPath));
    this.out = fs.createWriteStream(this.flvPath, { flags: 'w', mode: OWNER_FILE_MODE });
    // Without a listener a full disk or an unwritable path would be an uncaught 'error' that ends the process.
    this.out.on('error', (error) => {
      this.error ??= error;
    });
  }

  header(bytes: Buffer): void {
    if (this.wroteHeader) return;
    this.wroteHeader = true;
    this.write(bytes);
  }

  tag(tag: FlvTag): void {
    if (!this.wroteHeader) return;
    // The first picture, not the decoder configuration before it: the picture is what was on camera then.
    if (this.anchorPending && tag.type === TAG_VIDEO && !tag.config && !this.closed) {
      this.anchorPending = false;
      this.onAnchor({ recordingMs: tag.timestamp, wallMs: this.now() });
    }
    if (!this.closed) this.lastMs = Math.max(this.lastMs, tag.timestamp);
    this.write(tag.bytes);
  }

  /** The next tags come from another encoder (the engine's timeline has joined them on): a new anchor is due. */
  cut(): void {
    this.anchorPending = true;
  }

  /** Bytes written so far (the FLV's size). */
  get size(): number {
    return this.bytes;
  }

  /**
   * Closes the file and remuxes it to the target (with ffmpeg, stream copy: seconds for an hour-long show). With
   * `remux` false (no room on the disk for a second copy) the FLV is kept as it is: it plays, and the next start of
   * the studio finishes it when there is room (recording-recovery.ts). Done once, whoever asks first (the disk
   * watch, or the show's end): a later call gets the same outcome, so the file is never closed twice nor remuxed
   * after the disk watch said there was no room.
   */
  finish(ffmpegPath: string, remux = true): Promise<RecordingResult> {
    this.finished ??= this.close(ffmpegPath, remux).then(
      (result) => (this.result = result),
      (error: Error) => {
        this.failure = error.message;
        throw error;
      },
    );
    return this.finished;
  }

  private async close(ffmpegPath: string, remux: boolean): Promise<RecordingResult> {
    this.closed = true;
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(this.error ?? error) : resolve())),
    );
    const durationMs = this.lastMs;
    if (this.flvPath === this.target || !remux) {
      return { file: this.flvPath, bytes: this.bytes, remuxed: false, durationMs };
    }
    return { ...(await remuxToMp4(ffmpegPath, this.flvPath, this.target)), durationMs };
  }

  private write(bytes: Buffer): void {
    if (this.error || this.closed) return;
    this.bytes += bytes.length;
    this.out.write(bytes);
  }
}

/**
 * Remuxes a recorded FLV to an MP4 at `target` (stream copy, moov up front so it plays while downloading). On success
 * the FLV is removed and the MP4 returned; on failure the FLV is kept and returned (it plays as it is). Never rejects.
 */
export async function remuxToMp4(
  ffmpegPath: string,
  flvPath: string,
  target: string,
  timeoutMs = REMUX_TIMEOUT_MS,
): Promise<RecordingResult> {
  // Written aside and renamed: a crash mid-remux then leaves no half MP4 at the target, only the FLV to redo it from.
  const partial = `${target}.remuxing.mp4`;
  // Owner-only before ffmpeg writes into it (ffmpeg would create it with the process's umask).
  fs.writeFileSync(partial, '', ownerOnly);
  // prettier-ignore
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    // A crash cuts the last tag short; ffmpeg would copy the stub as a frame that fails to decode at the very end.
    '-fflags', '+discardcorrupt',
    '-i', flvPath,
    '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', partial,
  ];
  const run = await runFfmpeg(ffmpegPath, args, timeoutMs);
  let error = run.failure ?? lastLine(run.stderr) ?? `ffmpeg exited with code ${run.code}`;
  if (run.code === 0) {
    try {
      tighten(partial);
      fs.renameSync(partial, target);
      fs.rmSync(flvPath, { force: true });
      return { file: target, bytes: fs.statSync(target).size, remuxed: true };
    } catch (e) {
      error = (e as Error).message;
    }
  }
  fs.rmSync(partial, { force: true });
  return { file: flvPath, bytes: sizeOf(flvPath), remuxed: false, error };
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').at(-1)?.trim() || undefined;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
