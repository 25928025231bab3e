// Finds ffmpeg in the agreed order: the path in settings, FFMPEG_PATH, ffmpeg-static, `ffmpeg` on PATH.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runFfmpeg } from './run.ts';

export type FfmpegSource = 'settings' | 'env' | 'ffmpeg-static' | 'path';
export interface FfmpegLocation {
  path: string;
  source: FfmpegSource;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function fromStatic(): string | null {
  try {
    // ffmpeg-static is optional: its install downloads a binary, which fails on offline machines.
    const found = createRequire(import.meta.url)('ffmpeg-static') as string | null;
    // Packaged apps keep the binary outside the asar archive (asarUnpack).
    return found ? found.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`) : null;
  } catch {
    return null;
  }
}

function onPath(env: NodeJS.ProcessEnv): string | null {
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export function locateFfmpeg(
  settingsPath?: string | null,
  env: NodeJS.ProcessEnv = process.env,
): FfmpegLocation | null {
  if (settingsPath && isExecutable(settingsPath)) return { path: settingsPath, source: 'settings' };
  if (env.FFMPEG_PATH && isExecutable(env.FFMPEG_PATH)) return { path: env.FFMPEG_PATH, source: 'env' };
  const bundled = fromStatic();
  if (bundled && isExecutable(bundled)) return { path: bundled, source: 'ffmpeg-static' };
  const system = onPath(env);
  return system ? { path: system, source: 'path' } : null;
}

/** `ffmpeg version 5.1.8-0+deb12u1 Copyright…` → `5.1.8-0+deb12u1`. */
export function parseFfmpegVersion(firstLine: string): string | null {
  return /^ffmpeg version (\S+)/.exec(firstLine)?.[1] ?? null;
}

export async function ffmpegVersion(binary: string): Promise<string | null> {
  const run = await runFfmpeg(binary, ['-hide_banner', '-version']);
  return run.code === 0 ? parseFfmpegVersion(run.stdout.split('\n')[0] ?? '') : null;
}
