// The one encoder's command line: capture (a camera and microphone, or the built-in test pattern), encode once,
// and write FLV to stdout for the fan-out, a low-rate JPEG preview to fd 3 and progress blocks to fd 4.
// Pure, so every variant can be checked without running ffmpeg.

export type Source =
  /** `silent`: no beep (the stand-in after a camera is lost: viewers are listening). */
  | { kind: 'test-pattern'; silent?: boolean }
  | { kind: 'dshow'; video?: string; audio?: string }
  | { kind: 'avfoundation'; video?: string; audio?: string }
  | { kind: 'linux'; video?: string; audio?: string; audioFormat?: 'pulse' | 'alsa' };

export interface EncodeSettings {
  width: number;
  height: number;
  fps: number;
  videoKbps: number;
  audioKbps: number;
  /** libx264 or a hardware encoder the probe found and a trial encode proved. */
  encoder: string;
  /** x264 speed/quality trade-off. */
  preset: string;
  /** `-tune zerolatency`: first packet sooner, at some compression cost (an option, never forced). */
  lowLatency: boolean;
}

/** Keyframes every 2 s, always: platforms (视频号, Douyin) expect it and it bounds how long a new viewer waits. */
export const KEYFRAME_SECONDS = 2;
export const PREVIEW_FD = 3;
export const PROGRESS_FD = 4;
const PREVIEW_FPS = 2;
const PREVIEW_EDGE = 320;
const SAMPLE_RATE = 48000;

/** The capture inputs, and which of their streams are the picture and the sound. */
interface Inputs {
  args: string[];
  video: string;
  audio: string;
}

function lavfi(graph: string): string[] {
  return ['-re', '-f', 'lavfi', '-i', graph];
}

function testPattern(s: EncodeSettings, silent: boolean): Inputs {
  // A moving pattern with a running timestamp, and a tone that beeps each second: rehearsals and tests.
  const tone = silent
    ? `anullsrc=channel_layout=stereo:sample_rate=${SAMPLE_RATE}`
    : `sine=frequency=880:beep_factor=4:sample_rate=${SAMPLE_RATE}`;
  return {
    args: [...lavfi(`testsrc=size=${s.width}x${s.height}:rate=${s.fps}`), ...lavfi(tone)],
    video: '0:v:0',
    audio: '1:a:0',
  };
}

/**
 * Every output has a picture and a sound, whatever was chosen: platforms expect both (a camera alone gets a
 * silent track, a microphone alone a black picture), and the engine needs keyframes to start a viewer from.
 * `video` and `audio` name the captured streams, null when that device was not chosen.
 */
function completed(capture: string[], video: string | null, audio: string | null, s: EncodeSettings): Inputs {
  const args = [...capture];
  const next = () => args.filter((arg) => arg === '-i').length;
  if (!video) {
    video = `${next()}:v:0`;
    args.push(...lavfi(`color=c=black:size=${s.width}x${s.height}:rate=${s.fps}`));
  }
  if (!audio) {
    audio = `${next()}:a:0`;
    args.push(...lavfi(`anullsrc=channel_layout=stereo:sample_rate=${SAMPLE_RATE}`));
  }
  return { args, video, audio };
}

function inputs(source: Source, s: EncodeSettings): Inputs {
  switch (source.kind) {
    case 'test-pattern':
      return testPattern(s, source.silent ?? false);
    case 'dshow': {
      const name = [source.video && `video=${source.video}`, source.audio && `audio=${source.audio}`]
        .filter(Boolean)
        .join(':');
      const capture = ['-f', 'dshow', '-rtbufsize', '256M', '-i', name];
      return completed(capture, source.video ? '0:v:0' : null, source.audio ? '0:a:0' : null, s);
    }
    case 'avfoundation': {
      const name = `${source.video ?? 'none'}:${source.audio ?? 'none'}`;
      const capture = ['-f', 'avfoundation', '-framerate', String(s.fps), '-i', name];
      return completed(capture, source.video ? '0:v:0' : null, source.audio ? '0:a:0' : null, s);
    }
    case 'linux': {
      const capture: string[] = [];
      if (source.video) capture.push('-f', 'v4l2', '-framerate', String(s.fps), '-i', source.video);
      if (source.audio) capture.push('-f', source.audioFormat ?? 'pulse', '-i', source.audio);
      // Two capture inputs when both were chosen: the microphone is then the second.
      const audio = source.audio ? `${source.video ? 1 : 0}:a:0` : null;
      return completed(capture, source.video ? '0:v:0' : null, audio, s);
    }
  }
}

function videoCodec(s: EncodeSettings): string[] {
  const gop = s.fps * KEYFRAME_SECONDS;
  const rate = `${s.videoKbps}k`;
  const args = ['-c:v', s.encoder, '-b:v', rate, '-maxrate', rate, '-bufsize', `${s.videoKbps * 2}k`];
  args.push(
    '-g',
    String(gop),
    '-keyint_min',
    String(gop),
    '-force_key_frames',
    `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`,
  );
  if (s.encoder === 'libx264') {
    args.push('-preset', s.preset, '-sc_threshold', '0', '-x264-params', 'nal-hrd=cbr');
    if (s.lowLatency) args.push('-tune', 'zerolatency');
  }
  // Hardware encoders all take nv12 (Quick Sync takes nothing else); x264 keeps the universal yuv420p.
  args.push('-pix_fmt', s.encoder === 'libx264' ? 'yuv420p' : 'nv12', '-r', String(s.fps));
  return args;
}

export function encoderArgs(source: Source, s: EncodeSettings, options: { preview: boolean }): string[] {
  const input = inputs(source, s);
  // Limited range always: a camera's full-range MJPEG would otherwise change the codec configuration when the
  // stand-in pattern takes over or hands back (stream-engine.ts), which the MP4 remux of the recording cannot follow.
  const scale =
    `scale=${s.width}:${s.height}:force_original_aspect_ratio=decrease:out_range=tv,` +
    `pad=${s.width}:${s.height}:(ow-iw)/2:(oh-ih)/2`;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', ...input.args];
  args.push('-map', input.video, '-map', input.audio, '-vf', scale, ...videoCodec(s));
  args.push('-c:a', 'aac', '-b:a', `${s.audioKbps}k`, '-ar', '44100', '-ac', '2');
  // FLV on the pipe: self-describing, and what RTMP carries, tag for tag (the publishers send the tags as they are).
  args.push('-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1');
  if (options.preview) {
    const fit = `scale='if(gt(iw,ih),${PREVIEW_EDGE},-2)':'if(gt(iw,ih),-2,${PREVIEW_EDGE})'`;
    args.push('-map', input.video, '-vf', `fps=${PREVIEW_FPS},${fit}`, '-c:v', 'mjpeg', '-q:v', '8');
    args.push('-f', 'image2pipe', `pipe:${PREVIEW_FD}`);
  }
  args.push('-progress', `pipe:${PROGRESS_FD}`, '-stats_period', '1');
  return args;
}
