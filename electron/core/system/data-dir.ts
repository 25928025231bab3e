// Where the studio keeps its data when no --data-dir is given: the same folder Electron's `userData` uses,
// so the CLI and the desktop app see the same products.
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'LiveCart Studio';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.LIVECART_DATA_DIR) return path.resolve(env.LIVECART_DATA_DIR);
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DIR_NAME);
}
