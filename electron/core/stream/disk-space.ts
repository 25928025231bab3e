// A show records into the data folder, on the same disk as the database that takes its orders. The recording must
// never be what fills that disk: free space is watched during a show, the host is warned early, and the recording
// is ended cleanly (the stream goes on) while there is still room for the database and for finishing the file.
import fs from 'node:fs';
import type { StreamState } from '../protocol/stream-schemas.ts';

/** Kept free for the database (orders keep coming) and the remux: the recording ends before eating into it. */
export const RESERVE_BYTES = 1024 ** 3;
/** Warned below this much room for the recording… */
export const WARN_BYTES = 5 * 1024 ** 3;
/** …or below this many minutes of it at the show's bitrate. */
export const WARN_MINUTES = 30;
/** The recording stops with this much of it still fitting before the reserve (the check is not continuous). */
const STOP_SECONDS = 60;
/** How often free space is read during a show. */
export const CHECK_EVERY_MS = 5_000;

export type Disk = StreamState['disk'];

export const NO_DISK: Disk = { freeBytes: null, minutesLeft: null, level: 'ok', recordingStopped: false };

/** What `freeBytes` on the recordings' disk means for a show writing `bytesPerSecond`. Pure. */
export function diskVerdict(freeBytes: number, bytesPerSecond: number): Pick<Disk, 'level' | 'minutesLeft'> {
  const room = freeBytes - RESERVE_BYTES;
  const minutesLeft = bytesPerSecond > 0 ? Math.max(0, Math.floor(room / bytesPerSecond / 60)) : null;
  if (room < bytesPerSecond * STOP_SECONDS || room <= 0) return { level: 'critical', minutesLeft: 0 };
  if (room < WARN_BYTES || (minutesLeft !== null && minutesLeft < WARN_MINUTES)) return { level: 'low', minutesLeft };
  return { level: 'ok', minutesLeft };
}

/** Free bytes for this process on the disk that holds `dir` (null when the system will not say). */
export async function freeSpace(dir: string): Promise<number | null> {
  try {
    const stats = await fs.promises.statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
