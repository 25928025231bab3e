// Reading streams and recordings back as a player would (ffprobe), and waiting for an engine's state: shared by
// the streaming integration tests.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** Polls (bounded) until the check holds; fails with what it was waiting for. */
export async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export type ProbedStream = { codec_name: string; width?: number; height?: number };

/** Reads the stream back from the server as a player would (asynchronously: the engine runs in this process). */
export async function probeStreams(url: string): Promise<ProbedStream[]> {
  const { stdout } = await promisify(execFile)(
    'ffprobe',
    ['-v', 'error', '-rw_timeout', '10000000', '-show_entries', 'stream=codec_name,width,height', '-of', 'json', url],
    { timeout: 20_000 },
  );
  return (JSON.parse(stdout) as { streams: ProbedStream[] }).streams;
}

/** A stream's packet times in a file (`v:0`, `a:0`): presentation times sorted, or decode times as stored. */
export function packetTimes(file: string, stream = 'v:0', which: 'pts' | 'dts' = 'pts'): number[] {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', stream, '-show_entries', `packet=${which}_time`, '-of', 'csv=p=0', file],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const times = out.toString().split('\n').filter(Boolean).map(Number);
  return which === 'pts' ? times.sort((a, b) => a - b) : times;
}

/** Where decode times step back (index of the packet), or -1: a file stitched from several encoders must not. */
export function stepBack(times: number[]): number {
  return times.findIndex((time, i) => i > 0 && time < times[i - 1]!);
}

export function longestGap(times: number[]): number {
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i]! - times[i - 1]!);
  return gap;
}

/** Decodes the whole file; throws on the first error (a recording that does not play end to end). */
export function decodesCleanly(file: string): void {
  execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], { timeout: 60_000 });
}
