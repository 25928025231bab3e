// Tests that need a real tool (ffmpeg, Chromium) fail loudly in CI when it is missing; elsewhere they skip and say why.
import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Returns false (test skipped, with the reason) when the tool is missing outside CI; throws in CI. */
export function requireTool(t: TestContext, command: string): boolean {
  if (hasCommand(command)) return true;
  const reason = `${command} is not installed (apt-get install ${command})`;
  if (process.env.CI) throw new Error(`CI must have ${command}: ${reason}`);
  t.skip(reason);
  return false;
}

/** A real picture made by ffmpeg from one of its test sources (`testsrc=size=800x600`, `color=red:size=64x64`). */
export function makePicture(source: string, target: string | 'png-bytes'): Buffer {
  const output = target === 'png-bytes' ? ['-f', 'image2pipe', '-c:v', 'png', 'pipe:1'] : [target];
  return execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    source,
    '-frames:v',
    '1',
    ...output,
  ]);
}
