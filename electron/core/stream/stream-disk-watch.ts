// The recording's disk during a show (the rules are disk-space.ts's): read its free space; low, the host is warned;
// critical, the recording is ended at once while the database still has room (the stream goes on), and remuxed only
// if a second copy fits in what is left.
import { diskVerdict, RESERVE_BYTES } from './disk-space.ts';
import type { RecordingResult } from './engine/recorder.ts';
import type { Show } from './stream-show.ts';

export interface DiskWatch {
  /** Free bytes on the disk holding the recordings (null when unknown). */
  freeSpace(): Promise<number | null>;
  /** Whether this show is still the running one. */
  current(show: Show): boolean;
  /** The show's state changed: announce it. */
  changed(show: Show): void;
  /** The recording ended early: note its end, and remember it as the last recording. */
  ended(recording: RecordingResult): Promise<void>;
}

export async function checkDisk(show: Show, watch: DiskWatch): Promise<void> {
  const free = await watch.freeSpace();
  if (free === null || !watch.current(show) || show.disk.recordingStopped) return;
  const verdict = diskVerdict(free, show.bytesPerSecond);
  show.disk = { freeBytes: free, ...verdict, recordingStopped: verdict.level === 'critical' };
  watch.changed(show);
  if (verdict.level !== 'critical') return;
  const remux = free - RESERVE_BYTES > show.engine.recordedBytes * 1.05;
  console.warn(`[stream] the disk is nearly full (${Math.round(free / 1024 ** 2)} MB free): the recording ends now`);
  const recording = await show.engine.endRecording(remux);
  if (recording) await watch.ended(recording).catch(() => undefined);
  watch.changed(show);
}
