// Where the Electron runtime is, as node_modules/electron/index.js finds it but without its download-on-require
// side effect. Used by `npm start` (to choose a launch) and `livecart doctor` (to report it).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ElectronRuntime {
  /** The installed electron package's version, or null when it is not installed. */
  version: string | null;
  /** The runtime binary when it has been downloaded, else null. */
  binary: string | null;
}

export function electronRuntime(env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  let dir: string;
  let version: string;
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    dir = path.dirname(pkg);
    version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return { version: null, binary: null };
  }
  try {
    const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist'), relative);
    return { version, binary: relative !== '' && fs.existsSync(binary) ? binary : null };
  } catch {
    return { version, binary: null };
  }
}
