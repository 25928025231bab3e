// The bundled fonts (resources/fonts: Noto Sans SC, SIL OFL 1.1): the overlay draws Chinese the same on Windows,
// macOS and Linux, whatever the machine has installed, and ffmpeg's ticker uses the same file.
import fs from 'node:fs';
import path from 'node:path';

export const FONT_FAMILY = 'LiveCart Sans';
export const FONT_FILES = { regular: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf' } as const;

/**
 * Where the fonts are: `LIVECART_FONTS_DIR`, the packaged app's resources (electron-builder's extraResources), or
 * the checkout's resources/fonts (the CLI, tests, `npm start`). Null when none has them.
 */
export function fontsDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    env.LIVECART_FONTS_DIR,
    resources && path.join(resources, 'fonts'),
    path.resolve(import.meta.dirname, '../../../resources/fonts'),
    path.resolve(import.meta.dirname, '../../../../resources/fonts'),
  ];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, FONT_FILES.bold))) return dir;
  }
  return null;
}
