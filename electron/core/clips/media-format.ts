// What a recording's streams are (codec, picture size and rate, sound), as `ffmpeg -i` prints them: files joined
// with their streams copied must agree on all of it, or the reel is encoded again. ffmpeg-static has no ffprobe.
import { runFfmpeg } from '../ffmpeg/run.ts';

export interface MediaFormat {
  video: { codec: string; pixFmt: string; width: number; height: number; fps: string } | null;
  audio: { codec: string; rate: number; layout: string } | null;
}

/** The first video and audio streams of `ffmpeg -i`'s report. */
export function parseMediaFormat(stderr: string): MediaFormat {
  const videoLine = /Stream #\d+:\d+[^:]*: Video: (.*)/.exec(stderr)?.[1];
  const audioLine = /Stream #\d+:\d+[^:]*: Audio: (.*)/.exec(stderr)?.[1];
  let video: MediaFormat['video'] = null;
  if (videoLine) {
    const size = /\b(\d{2,5})x(\d{2,5})\b/.exec(videoLine);
    video = {
      // With its profile (`h264 (High)`): copied streams of two profiles do not join.
      codec: /^[\w-]+(?: \([^)]*\))?/.exec(videoLine)?.[0] ?? '',
      pixFmt: /\b((?:yuv|yuvj|nv|rgb|bgr|gray)\w*)/.exec(videoLine)?.[1] ?? '',
      width: Number(size?.[1] ?? 0),
      height: Number(size?.[2] ?? 0),
      fps: /([\d.]+) fps/.exec(videoLine)?.[1] ?? '',
    };
  }
  let audio: MediaFormat['audio'] = null;
  if (audioLine) {
    const parts = audioLine.split(',').map((p) => p.trim());
    audio = {
      codec: /^[\w-]+(?: \([^)]*\))?/.exec(audioLine)?.[0] ?? '',
      rate: Number(/(\d+) Hz/.exec(audioLine)?.[1] ?? 0),
      layout: parts[2] ?? '',
    };
  }
  return { video, audio };
}

export async function mediaFormat(ffmpegPath: string, file: string): Promise<MediaFormat> {
  const run = await runFfmpeg(ffmpegPath, ['-hide_banner', '-nostdin', '-i', file]);
  return parseMediaFormat(run.stderr);
}

/** Whether files of these formats join with their streams copied. */
export function sameFormat(formats: readonly MediaFormat[]): boolean {
  const keys = formats.map((f) => JSON.stringify(f));
  return keys.every((key) => key === keys[0]);
}
