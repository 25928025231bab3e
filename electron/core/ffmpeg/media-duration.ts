// How long a media file plays, as ffmpeg reads it (`Duration: 00:01:02.34` in what `ffmpeg -i` prints). ffmpeg-static
// ships no ffprobe, so ffmpeg itself is asked; it exits 1 for want of an output, which is expected here.
import { runFfmpeg } from './run.ts';

/** `Duration: HH:MM:SS.cc` → ms; null when the text has none (`N/A`, or not media at all). */
export function parseDurationMs(stderr: string): number | null {
  const m = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  if (!m) return null;
  return Math.round(((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000);
}

export async function mediaDurationMs(ffmpegPath: string, file: string): Promise<number | null> {
  const run = await runFfmpeg(ffmpegPath, ['-hide_banner', '-nostdin', '-i', file]);
  return parseDurationMs(run.stderr);
}
