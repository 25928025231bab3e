// The shows' recordings as the studio remembers them: every one in the recordings table (its file, its time tied to
// the wall clock: what the clips are cut by), the last one (still offered after a restart), and the ones a crash of
// the studio left unfinished, remuxed in the background at start.
import fs from 'node:fs';
import { RECORDING_SUFFIX, recoverRecordings } from './recording-recovery.ts';
import type { StreamState } from '../protocol/stream-schemas.ts';
import { writtenPath, type RecordingAnchor, type RecordingResult } from './engine/recorder.ts';
import { mediaDurationMs } from '../ffmpeg/media-duration.ts';
import type { RecordingsRead, RecordingStore } from './recording-store.ts';
import type { Show } from './stream-show.ts';
import type { StreamStore } from './stream-store.ts';

/**
 * The recording as the host sees it: the file being written now (the FLV: it plays up to the last second even after
 * a crash) and the MP4 it becomes, none once the disk watch ended it; and the last show's.
 */
export function recordingView(
  show: Pick<Show, 'recordFile' | 'disk'> | null,
  lastFile: string | null,
): StreamState['recording'] {
  const running = show?.recordFile && !show.disk.recordingStopped ? show.recordFile : null;
  const becomes = running && !running.toLowerCase().endsWith('.flv') ? running : null;
  return { file: running && writtenPath(running), becomes, lastFile };
}

/** One show's recording in the table: its row written at its first frame, its anchors as they come, then its end. */
export interface TrackedRecording {
  /** Its row, once its first frame was noted. */
  readonly id: number | null;
  anchor(anchor: RecordingAnchor): void;
  /** Finished (the show's end, or a disk running full): where the file is now and how long it plays. */
  finish(result: RecordingResult, endedAt: number): Promise<void>;
}

type Write = (work: () => void) => void | Promise<void>;

export class StreamRecordings {
  /** The last show's recording, null when there is none (or it was moved or deleted since). */
  lastFile: string | null;
  private readonly store: StreamStore;
  /** Every recording, as the clips domain may read them. */
  readonly registry: RecordingStore;
  /** A write through the service's writer: the store is only written that way. */
  private readonly write: Write;

  constructor(store: StreamStore, registry: RecordingStore, write: Write) {
    this.store = store;
    this.registry = registry;
    this.write = write;
    const last = store.lastRecording();
    this.lastFile = last !== null && fs.existsSync(last) ? last : null;
  }

  /** What the clips domain may read: the registry, the running show's written length, the recovery's end. */
  read(show: () => Show | null, recovering: Promise<void>): RecordingsRead {
    const registry = this.registry;
    return {
      overlapping: (from, to) => registry.overlapping(from, to),
      get: (id) => registry.get(id),
      writtenMs: (id) => {
        const running = show();
        return running?.recording?.id === id ? running.engine.recordedMs : null;
      },
      recovered: () => recovering,
    };
  }

  /** A show's recording, written to `flvPath`: nothing is written before its first frame. */
  track(flvPath: string): TrackedRecording {
    let id: number | null = null;
    let finished = false;
    // In order, each after the one before: an anchor never races the row it belongs to.
    let chain: Promise<void> = Promise.resolve();
    const then = (work: () => void) => {
      chain = chain
        .then(() => this.write(work))
        .catch((error: Error) => {
          console.error('[stream] the recording could not be noted:', error.message);
        });
      return chain;
    };
    return {
      get id() {
        return id;
      },
      anchor: (anchor) => {
        void then(() => {
          if (id === null) id = this.registry.begin(flvPath, anchor);
          else this.registry.addAnchor(id, anchor);
        });
      },
      finish: (result, endedAt) =>
        then(() => {
          // Not one frame was written; or finished already (the disk watch ended it before the show did).
          if (id === null || finished) return;
          finished = true;
          const durationMs = result.durationMs ?? null;
          this.registry.finish(id, { file: result.file, endedAt, durationMs, state: 'done' });
        }),
    };
  }

  /**
   * A show's recording finished (its show ended, or the disk watch ended it): its row gets its end, and with
   * `remember` (not while the studio closes) it is offered as the last recording. Never rejects: it only logs.
   */
  async ended(tracked: TrackedRecording | null, result: RecordingResult, endedAt: number, remember: boolean) {
    try {
      if (remember) await this.remember(result.file);
      await tracked?.finish(result, endedAt);
    } catch (error) {
      console.error('[stream] the recording could not be noted:', (error as Error).message);
    }
  }

  async remember(file: string): Promise<void> {
    this.lastFile = file;
    await this.write(() => this.store.setLastRecording(file));
  }

  /**
   * Remuxes what a crash left in `dir`; the newest becomes the last recording unless a show ended meanwhile (its
   * recording is newer) or the studio closed (`closed`). Never rejects: it only logs.
   */
  async recover(dir: string, ffmpegPath: string | null, closed: () => boolean): Promise<void> {
    if (!ffmpegPath) return;
    const before = this.lastFile;
    try {
      const results = await recoverRecordings(dir, ffmpegPath);
      for (const result of results) {
        const how = result.remuxed ? 'remuxed to' : `kept as FLV (${result.error ?? 'remux failed'}):`;
        console.log(`[stream] a recording left by a crash was ${how} ${result.file}`);
        await this.interrupted(result.source, result.file, ffmpegPath);
      }
      await this.adoptRemuxed(ffmpegPath);
      const newest = results.at(-1);
      if (newest && !closed() && this.lastFile === before) await this.remember(newest.file);
    } catch (error) {
      console.error('[stream] recovering recordings failed:', (error as Error).message);
    }
  }

  /**
   * A row still `recording` whose FLV is gone but whose MP4 is there: the recording was remuxed and the studio ended
   * (a crash, or a short command that closed first) before its row was finished. The MP4 is adopted as it is.
   */
  private async adoptRemuxed(ffmpegPath: string): Promise<void> {
    for (const row of this.registry.unfinished()) {
      if (!row.file.endsWith(RECORDING_SUFFIX) || fs.existsSync(row.file)) continue;
      const mp4 = row.file.slice(0, -RECORDING_SUFFIX.length);
      if (fs.existsSync(mp4)) await this.interrupted(row.file, mp4, ffmpegPath);
    }
  }

  /** A recording a crash ended, finished at this start: its file now, and its end from how long the file plays. */
  private async interrupted(flvPath: string, file: string, ffmpegPath: string): Promise<void> {
    const row = this.registry.writtenTo(flvPath);
    if (!row) return; // from before recordings were registered, or another data folder's
    // Finished by its show with the FLV kept (no room to remux then): only the file changes.
    if (row.state === 'done') return this.write(() => this.registry.moved(row.id, file));
    const durationMs = await mediaDurationMs(ffmpegPath, file);
    const last = row.anchors.at(-1);
    const endedAt =
      durationMs !== null && last ? last.wallMs + Math.max(0, durationMs - last.recordingMs) : row.startedAt;
    await this.write(() => this.registry.finish(row.id, { file, endedAt, durationMs, state: 'interrupted' }));
  }
}
