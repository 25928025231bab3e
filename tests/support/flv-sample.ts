// A real FLV as the encoder writes it (H.264 with a keyframe every 60 frames, AAC), made by ffmpeg in a fraction
// of a second rather than kept as a binary fixture. Callers check requireTool(t, 'ffmpeg') first.
import { execFileSync, spawnSync } from 'node:child_process';
import { FlvReader, type FlvTag } from '../../electron/core/stream/engine/flv-reader.ts';

export const SAMPLE_FPS = 30;
export const SAMPLE_GOP_FRAMES = 60;

/** `seconds` of testsrc 320x240@30 and a tone, as FLV bytes. */
export function makeFlv(seconds: number): Buffer {
  // prettier-ignore
  return execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=${SAMPLE_FPS}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-g', String(SAMPLE_GOP_FRAMES), '-keyint_min', String(SAMPLE_GOP_FRAMES), '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '64k',
    '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1',
  ]);
}

export function readAll(flv: Buffer): { header: Buffer; tags: FlvTag[] } {
  const reader = new FlvReader();
  const tags = reader.push(flv);
  return { header: reader.header!, tags };
}

/** Decodes FLV bytes with ffmpeg: what it printed at -v error, its exit code and how many video frames it decoded. */
export function decode(flv: Buffer): { status: number | null; errors: string; frames: number } {
  const run = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-f', 'flv', '-i', 'pipe:0', '-map', '0:v:0', '-f', 'framecrc', 'pipe:1'],
    {
      input: flv,
      timeout: 20_000,
    },
  );
  const frames = run.stdout
    .toString()
    .split('\n')
    .filter((line) => line.startsWith('0,')).length;
  return { status: run.status, errors: run.stderr.toString(), frames };
}
