// The shows' recordings as the studio remembers them: the last one (kept in the database, so it is still offered
// after a restart), and the ones a crash of the studio left unfinished, remuxed in the background at start.
import fs from 'node:fs';
import { recoverRecordings } from './recording-recovery.ts';
import type { StreamState } from '../protocol/stream-schemas.ts';
import { writtenPath } from './engine/recorder.ts';
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

export class StreamRecordings {
  /** The last show's recording, null when there is none (or it was moved or deleted since). */
  lastFile: string | null;
  private readonly store: StreamStore;
  /** A write behind the gate (the service's): the store is only written that way. */
  private readonly write: (work: () => void) => void | Promise<void>;

  constructor(store: StreamStore, write: (work: () => void) => void | Promise<void>) {
    this.store = store;
    this.write = write;
    const last = store.lastRecording();
    this.lastFile = last !== null && fs.existsSync(last) ? last : null;
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
      }
      const newest = results.at(-1);
      if (newest && !closed() && this.lastFile === before) await this.remember(newest.file);
    } catch (error) {
      console.error('[stream] recovering recordings failed:', (error as Error).message);
    }
  }
}
