// The data folder holds buyers' names, phones and addresses: on POSIX it and everything the studio writes there is
// readable by its owner only (0700 folders, 0600 files), including what an older version left looser. Windows
// keeps the folder's ACL, which is the user's profile.
import fs from 'node:fs';
import path from 'node:path';

export const OWNER_DIR_MODE = 0o700;
export const OWNER_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Files the studio writes get this mode at creation (`fs.writeFileSync(…, { mode })`). */
export const ownerOnly = { mode: OWNER_FILE_MODE } as const;

/** Tightens one path to owner-only when it is looser (and ours to change); a vanished file is fine. */
export function tighten(file: string): void {
  if (!POSIX) return;
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink() || (stat.mode & 0o077) === 0) return;
    fs.chmodSync(file, stat.isDirectory() ? OWNER_DIR_MODE : OWNER_FILE_MODE);
  } catch {
    // gone, or not ours: nothing to tighten
  }
}

/** The folders whose files hold what people must not read: the database's, backups, exports, recordings, keys. */
const PRIVATE_FOLDERS = ['', 'backups', 'tmp', 'recordings'];

/**
 * Creates the data folder owner-only, and tightens what is already there: the folder, its database, WAL and key
 * files, backups, job files and recordings (pictures live in media/, whose folder is tightened too).
 */
export function prepareDataFolder(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: OWNER_DIR_MODE });
  if (!POSIX) return;
  // The folder itself through a link (moved to another disk and linked back) is still the folder: its target is
  // tightened. Links inside it are left alone (they may point anywhere).
  tighten(fs.realpathSync(dataDir));
  for (const folder of [...PRIVATE_FOLDERS, 'media']) tighten(path.join(dataDir, folder));
  for (const folder of PRIVATE_FOLDERS) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dataDir, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      const entry = path.join(dataDir, folder, name);
      tighten(entry);
      // One level deeper for tmp/jobs-* (each runner's exports).
      if (folder === 'tmp' && fs.lstatSync(entry, { throwIfNoEntry: false })?.isDirectory()) {
        for (const inner of fs.readdirSync(entry)) tighten(path.join(entry, inner));
      }
    }
  }
}

/** A folder the studio creates inside the data folder. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: OWNER_DIR_MODE });
  tighten(dir);
}

/**
 * How a file the studio keeps is written in its tables: relative to the data folder with `/` when inside it (a moved
 * or restored data folder keeps its files), absolute otherwise (a recordings folder the user chose elsewhere).
 */
export function storedPath(dataDir: string, file: string): string {
  const relative = path.relative(path.resolve(dataDir), path.resolve(file));
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join('/');
}

/** A stored path back to a file (an absolute one, from before paths were stored relative, stays as it is). */
export function resolvedPath(dataDir: string, stored: string): string {
  return path.isAbsolute(stored) ? stored : path.resolve(dataDir, ...stored.split('/'));
}
