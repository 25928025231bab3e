// Runs ffmpeg for a short question (version, encoders, a device listing, a trial encode) and collects what it
// printed. Argument arrays only, never a shell; a time limit always. A non-zero exit is not an error here: device
// listings end that way by design, so the caller reads the output and decides.
import { execFile } from 'node:child_process';

export interface FfmpegRun {
  stdout: string;
  stderr: string;
  /** The exit code, or null when ffmpeg was killed (time limit) or could not start. */
  code: number | null;
  /** Why there is no exit code: `timeout`, or the spawn error (`ENOENT`, `EACCES`…). */
  failure: string | null;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function runFfmpeg(binary: string, args: string[], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<FfmpegRun> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, code: 0, failure: null });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        if (typeof e.code === 'number') return resolve({ stdout, stderr, code: e.code, failure: null });
        const failure = e.killed ? 'timeout' : String(e.code ?? e.message);
        resolve({ stdout, stderr, code: null, failure });
      },
    );
  });
}
