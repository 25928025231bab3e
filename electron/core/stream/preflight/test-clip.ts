// The few seconds of test pattern the pre-flight pushes: encoded once, at the show's size and bitrate, into FLV tags
// in memory, then sent again and again (upload-test.ts). Noise over the pattern keeps x264 near the bitrate asked
// for (a clean pattern compresses to a fraction of it). ffmpeg runs on an argument array with a time limit.
import { TAG_SCRIPT, type FlvTag } from '../engine/flv-reader.ts';
import { ffmpegFlvTags } from '../ffmpeg-flv.ts';

export interface ClipSettings {
  width: number;
  height: number;
  fps: number;
  videoKbps: number;
  audioKbps: number;
}

export interface TestClip {
  tags: FlvTag[];
  /** Where the clip's timeline ends: the next loop's tags start here. */
  durationMs: number;
}

const CLIP_SECONDS = 2;
const TIME_LIMIT_MS = 30_000;

export function clipArgs(s: ClipSettings): string[] {
  const kbps = `${s.videoKbps}k`;
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${s.width}x${s.height}:rate=${s.fps},noise=alls=24:allf=t`],
    ...['-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000'],
    ...['-t', String(CLIP_SECONDS), '-pix_fmt', 'yuv420p'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', kbps, '-maxrate', kbps, '-bufsize', kbps],
    ...['-g', String(s.fps), '-c:a', 'aac', '-b:a', `${s.audioKbps}k`, '-f', 'flv', 'pipe:1'],
  ];
}

export async function encodeTestClip(ffmpegPath: string, settings: ClipSettings): Promise<TestClip> {
  const tags = await ffmpegFlvTags(ffmpegPath, clipArgs(settings), TIME_LIMIT_MS).catch((error: Error) => {
    throw new Error(`the test pattern could not be encoded: ${error.message}`);
  });
  const media = tags.filter((t) => !t.config && t.type !== TAG_SCRIPT);
  if (media.length === 0) throw new Error('the test pattern could not be encoded: no media');
  const last = Math.max(...media.map((t) => t.timestamp));
  return { tags, durationMs: last + Math.round(1000 / settings.fps) };
}
