// One ffmpeg run of a job (a cut, a join, a poster): progress read from `-progress pipe:1`, cancelled by its
// AbortSignal (the child is killed at once: its half-written output is the caller's to remove), its last error line
// saying why it failed (piped.ts).
import { runFfmpegPiped } from './piped.ts';
import { createProgressParser } from './progress.ts';

export interface FfmpegTaskOptions {
  signal?: AbortSignal;
  /** Media time written so far (ms), as ffmpeg reports it. */
  onProgress?(outMs: number): void;
}

/** Resolves when ffmpeg exits 0; rejects with its last error line otherwise, or with the signal's reason. */
export async function runFfmpegTask(ffmpegPath: string, args: string[], options: FfmpegTaskOptions = {}) {
  const { signal, onProgress } = options;
  const progress = createProgressParser((block) => {
    if (block.outTimeMs !== null) onProgress?.(block.outTimeMs);
  });
  const argv = ['-hide_banner', '-nostdin', '-progress', 'pipe:1', '-nostats', ...args];
  try {
    await runFfmpegPiped(ffmpegPath, argv, { signal, onStdout: (chunk) => progress.push(chunk) });
  } finally {
    progress.end();
  }
}
