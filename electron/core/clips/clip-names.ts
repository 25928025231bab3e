// What a clip file is called: `2026-12-02 秋茶专场 3号 福鼎白茶.mp4`, the show's local date, its title, the link
// number and the product, so a folder of them sorts by show and reads as a list. Only what every file system takes.
import fs from 'node:fs';
import path from 'node:path';
import { formatLocalDate } from '../csv/table.ts';

/** Characters Windows, macOS or a phone's gallery refuse in a name, and control characters (meant here). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
/** Windows names that are devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Bytes of a file name most file systems take (255), less room for ` (99).mp4`. */
const MAX_NAME_BYTES = 200;

export function safeNamePart(text: string): string {
  const cleaned = text
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  return RESERVED.test(cleaned) ? `${cleaned}_` : cleaned;
}

/** Cut at a character boundary so the UTF-8 name fits. */
function fit(name: string): string {
  let out = name;
  while (Buffer.byteLength(out) > MAX_NAME_BYTES) out = [...out].slice(0, -1).join('');
  return out.trimEnd();
}

export function clipBaseName(show: { title: string; startedAt: number }, clip: { linkNo: number; title: string }) {
  const parts = [
    formatLocalDate(show.startedAt),
    safeNamePart(show.title),
    `${clip.linkNo}号`,
    safeNamePart(clip.title),
  ];
  return fit(parts.filter(Boolean).join(' '));
}

/** The show's long video: `2026-12-02 秋茶专场 合集`. */
export function reelBaseName(show: { title: string; startedAt: number }): string {
  return fit([formatLocalDate(show.startedAt), safeNamePart(show.title), '合集'].filter(Boolean).join(' '));
}

/**
 * `dir/base.ext`, or `dir/base (2).ext`… when that is taken (with every one of `exts` free, the first returned).
 * `taken` names files not on the disk yet that are spoken for all the same (a cut about to be renamed there).
 */
export function freeName(
  dir: string,
  base: string,
  exts: string | readonly string[],
  taken: (file: string) => boolean = () => false,
): string {
  const all = typeof exts === 'string' ? [exts] : exts;
  for (let n = 1; ; n++) {
    const stem = path.join(dir, `${base}${n === 1 ? '' : ` (${n})`}`);
    if (all.every((ext) => !fs.existsSync(`${stem}${ext}`) && !taken(`${stem}${ext}`))) return `${stem}${all[0]}`;
  }
}
