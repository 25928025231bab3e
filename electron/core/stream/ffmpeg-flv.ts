// Runs ffmpeg for a short piece of FLV on its stdout and collects the tags (the pre-flight's test clip, the silent
// frame muting uses), within a time limit.
import { runFfmpegPiped } from '../ffmpeg/piped.ts';
import { FlvReader, type FlvTag } from './engine/flv-reader.ts';

/** The tags ffmpeg wrote; rejects when it failed, ran out of time, or its output was not FLV. */
export async function ffmpegFlvTags(ffmpegPath: string, args: string[], timeLimitMs: number): Promise<FlvTag[]> {
  const reader = new FlvReader();
  const tags: FlvTag[] = [];
  await runFfmpegPiped(ffmpegPath, args, { timeLimitMs, onStdout: (chunk) => tags.push(...reader.push(chunk)) });
  return tags;
}
