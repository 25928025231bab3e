// Tests that need a real tool (ffmpeg, Chromium) fail loudly in CI when it is missing; elsewhere they skip and say why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { TestContext } from 'node:test';

/** Where Debian's libnginx-mod-rtmp puts the RTMP module (tests/support/rtmp-server.ts loads it). */
export const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so';

/** nginx from PATH, else Debian's /usr/sbin/nginx (not on a normal user's PATH); null when neither runs. */
export function nginxPath(): string | null {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** nginx counts as present only with the RTMP module, since that is what the tests use it for. */
export function missing(command: string): string | null {
  if (command === 'nginx') {
    if (!nginxPath()) return 'nginx is not installed (apt-get install nginx libnginx-mod-rtmp)';
    if (!fs.existsSync(RTMP_MODULE)) return `${RTMP_MODULE} is missing (apt-get install libnginx-mod-rtmp)`;
    return null;
  }
  return hasCommand(command) ? null : `${command} is not installed (apt-get install ${command})`;
}

/** Returns false (test skipped, with the reason) when the tool is missing outside CI; throws in CI. */
export function requireTool(t: TestContext, command: string): boolean {
  const reason = missing(command);
  if (reason === null) return true;
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
