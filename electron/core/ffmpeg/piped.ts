// One ffmpeg run whose standard output is read as it comes (a job's progress, a short piece of FLV for the
// stream), the tail of what it printed kept to say why it failed. Stopped at once by an AbortSignal or a time
// limit; its half-written output, if any, is the caller's to remove.
import { spawnFfmpeg } from './spawn.ts';

export class FfmpegTaskError extends Error {
  readonly code: number | null;
  constructor(message: string, code: number | null) {
    super(message);
    this.name = 'FfmpegTaskError';
    this.code = code;
  }
}

const TAIL_CHARS = 4000;
/** ffmpeg's closing words that say nothing of why ("Conversion failed!"): the line before them does. */
const GENERIC = /^(Conversion failed!|Exiting normally\b.*)$/;

function lastReason(tail: string): string | undefined {
  const lines = tail
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  while (lines.length > 1 && GENERIC.test(lines.at(-1)!)) lines.pop();
  return lines.at(-1);
}

export interface PipedOptions {
  /** Each piece of standard output, in order; throwing stops ffmpeg and fails the run with that error. */
  onStdout(chunk: Buffer): void;
  signal?: AbortSignal;
  /** ffmpeg is killed after this long, and the run fails saying so. */
  timeLimitMs?: number;
}

/** Resolves when ffmpeg exits 0; rejects with its last error line, the signal's reason, or why it was stopped. */
export function runFfmpegPiped(ffmpegPath: string, args: readonly string[], options: PipedOptions): Promise<void> {
  const { onStdout, signal, timeLimitMs } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const child = spawnFfmpeg(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let failure: Error | null = null;
    const stop = (why: Error) => {
      failure ??= why;
      child.kill('SIGKILL');
    };
    const timer =
      timeLimitMs === undefined
        ? null
        : setTimeout(() => stop(new FfmpegTaskError(`ffmpeg took longer than ${timeLimitMs} ms`, null)), timeLimitMs);
    const abort = () => stop(signal!.reason as Error);
    signal?.addEventListener('abort', abort, { once: true });
    const finish = () => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      if (failure) return;
      try {
        onStdout(chunk);
      } catch (error) {
        stop(error as Error);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    });
    child.once('error', (error) => {
      finish();
      reject(failure ?? error);
    });
    child.once('close', (code) => {
      finish();
      if (failure) return reject(failure);
      if (code === 0) return resolve();
      const why = lastReason(tail) ?? `ffmpeg exited with code ${code}`;
      reject(new FfmpegTaskError(why, code));
    });
  });
}
