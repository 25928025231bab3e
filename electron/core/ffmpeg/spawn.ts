// How the core starts an ffmpeg that runs for a while (a job, the stream's encoder): argument arrays only, never a
// shell, and no console window on Windows. Short questions go through run.ts.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export function spawnFfmpeg(ffmpegPath: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return spawn(ffmpegPath, args, { ...options, shell: false, windowsHide: true });
}
