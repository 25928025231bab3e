// Runs ffmpeg for a short piece of FLV on its stdout and collects the tags (the pre-flight's test clip, the silent
// frame muting uses). Argument arrays only, never a shell; a time limit always.
import { spawn } from 'node:child_process';
import { FlvReader, type FlvTag } from './engine/flv-reader.ts';

const MAX_STDERR = 4_000;

/** The tags ffmpeg wrote; rejects when it failed or its output was not FLV. */
export function ffmpegFlvTags(ffmpegPath: string, args: string[], timeLimitMs: number): Promise<FlvTag[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const reader = new FlvReader();
    const tags: FlvTag[] = [];
    let stderr = '';
    let failure: Error | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeLimitMs);
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        tags.push(...reader.push(chunk));
      } catch (error) {
        failure = error as Error;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    child.once('error', (error) => (failure = error));
    child.once('close', (code) => {
      clearTimeout(timer);
      if (failure || code !== 0) reject(failure ?? new Error(stderr.trim() || `ffmpeg exited ${code}`));
      else resolve(tags);
    });
  });
}
