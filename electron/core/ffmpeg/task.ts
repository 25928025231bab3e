// One ffmpeg run of a job (a cut, a join, a poster): progress read from `-progress pipe:1`, cancelled by its
// AbortSignal (the child is killed at once: its half-written output is the caller's to remove), the last lines of
// what it printed kept to say why it failed. Argument arrays only, never a shell.
import { spawn } from 'node:child_process';
import { createProgressParser } from './progress.ts';

export interface FfmpegTaskOptions {
  signal?: AbortSignal;
  /** Media time written so far (ms), as ffmpeg reports it. */
  onProgress?(outMs: number): void;
}

export class FfmpegTaskError extends Error {
  readonly code: number | null;
  constructor(message: string, code: number | null) {
    super(message);
    this.name = 'FfmpegTaskError';
    this.code = code;
  }
}

const TAIL_CHARS = 4000;

/** Resolves when ffmpeg exits 0; rejects with its last error line otherwise, or with the signal's reason. */
export function runFfmpegTask(ffmpegPath: string, args: string[], options: FfmpegTaskOptions = {}): Promise<void> {
  const { signal, onProgress } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-progress', 'pipe:1', '-nostats', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let tail = '';
    const progress = createProgressParser((block) => {
      if (block.outTimeMs !== null) onProgress?.(block.outTimeMs);
    });
    child.stdout.on('data', (chunk: Buffer) => progress.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    });
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    child.once('error', (error) => {
      signal?.removeEventListener('abort', abort);
      reject(error);
    });
    child.once('close', (code) => {
      signal?.removeEventListener('abort', abort);
      progress.end();
      if (signal?.aborted) return reject(signal.reason as Error);
      if (code === 0) return resolve();
      const why = tail.trim().split('\n').at(-1)?.trim() || `ffmpeg exited with code ${code}`;
      reject(new FfmpegTaskError(why, code));
    });
  });
}
