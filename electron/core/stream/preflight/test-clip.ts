// The few seconds of test pattern the pre-flight pushes: encoded once, at the show's size and bitrate, into FLV tags
// in memory, then sent again and again (upload-test.ts). Noise over the pattern keeps x264 near the bitrate asked
// for (a clean pattern compresses to a fraction of it). ffmpeg runs on an argument array with a time limit.
import { spawn } from 'node:child_process';
import { FlvReader, TAG_SCRIPT, type FlvTag } from '../engine/flv-reader.ts';

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

export function encodeTestClip(ffmpegPath: string, settings: ClipSettings): Promise<TestClip> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, clipArgs(settings), { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const reader = new FlvReader();
    const tags: FlvTag[] = [];
    let stderr = '';
    let failure: Error | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        tags.push(...reader.push(chunk));
      } catch (error) {
        failure = error as Error;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4_000) stderr += chunk.toString('utf8');
    });
    child.once('error', (error) => (failure = error));
    child.once('close', (code) => {
      clearTimeout(timer);
      const media = tags.filter((t) => !t.config && t.type !== TAG_SCRIPT);
      if (failure || code !== 0 || media.length === 0) {
        reject(failure ?? new Error(`the test pattern could not be encoded: ${stderr.trim() || `exit ${code}`}`));
        return;
      }
      const last = Math.max(...media.map((t) => t.timestamp));
      resolve({ tags, durationMs: last + Math.round(1000 / settings.fps) });
    });
  });
}
