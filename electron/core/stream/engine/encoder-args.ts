// The one encoder's command line: capture (a camera and microphone, or the built-in test pattern), encode once,
// and write FLV to stdout for the fan-out, a small JPEG preview to fd 3, progress blocks to fd 4 and a thin copy
// of the sound for the level meter to fd 5. Pure, so every variant can be checked without running ffmpeg.
import { METER_RATE } from './audio-meter.ts';

export type Source =
  /** `silent`: no beep (the stand-in after a camera is lost: viewers are listening). */
  | { kind: 'test-pattern'; silent?: boolean }
  | { kind: 'dshow'; video?: string; audio?: string }
  | { kind: 'avfoundation'; video?: string; audio?: string }
  | { kind: 'linux'; video?: string; audio?: string; audioFormat?: 'pulse' | 'alsa' };

/**
 * The studio's overlay, composited into the one encode (overlay/): its elements' boxes packed into one small raw
 * picture (the atlas, overlay/overlay-atlas.ts) that ffmpeg reads again for every frame (the studio renames a new
 * one over it when the bag changes), each slot cut out and laid over the picture at its place; and the scrolling
 * ticker drawn by ffmpeg itself into its band's slot from a text file it reads again every frame (no Node timer in
 * the picture's path: a busy core never stalls the encoder).
 */
export interface EncoderOverlay {
  /** The atlas: a raw yuva420p picture of `atlas`'s size (overlay/yuva.ts). */
  imagePath: string;
  atlas: { width: number; height: number };
  /** Each slot's place in the atlas (fixed for the encoder's life; where it goes in the picture is not). */
  slots: Array<{ name: string; x: number; y: number; width: number; height: number }>;
  ticker: {
    textPath: string;
    fontPath: string;
    /** The slot the words scroll in (the band's). */
    slot: string;
    /** The band's vertical middle, in the slot's pixels. */
    middle: number;
    fontSize: number;
    /** Pixels per second. */
    speed: number;
  } | null;
}

/** Where each slot of the atlas goes in the picture now, by slot name (even numbers). */
export type OverlayPlaces = Record<string, { x: number; y: number }>;

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
/** The sound viewers get: AAC at this rate and channel count (muting swaps in silence of the same: silent-aac.ts). */
export const AUDIO_RATE = 44100;
export const AUDIO_CHANNELS = 2;
/** A thin copy of the sound for the level meter: 8 kHz mono 16-bit PCM (audio-meter.ts). */
export const METER_FD = 5;
/*
 * The preview's rate out of ffmpeg. Its outputs are served in timestamp order, and any thinning filter holds the
 * stream itself back while the preview's timestamps lag. Measured, explain → the card at the ingest with low-latency
 * encoding, p50/p95: fps=10 342/419 ms, every frame 190/260, no preview 128/167. So with low-latency encoding the
 * preview leaves ffmpeg at the stream's own rate; otherwise (x264's lookahead already holds frames ~0.6 s) at 10 fps,
 * which costs the encoder less (a 2-core machine in a rehearsal fell behind real time with every frame). The engine
 * passes on four a second either way (PREVIEW_INTERVAL_MS).
 */
const PREVIEW_FPS = 10;
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

/**
 * A value inside a filtergraph, quoted for both of ffmpeg's parsers: the filter's options (`:` `\\` `'` escaped) and
 * the graph around them (single quotes, a quote inside closed, escaped and reopened). Any path survives.
 */
export function filterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return `'${option.replace(/'/g, `'\\''`)}'`;
}

/** Keeps a number in a filter expression plain (no exponent, no locale). */
function px(value: number): string {
  return String(Math.round(value));
}

function tickerFilter(ticker: NonNullable<EncoderOverlay['ticker']>): string {
  // Enters at the right edge, leaves at the left, and again; `expansion=none`: a `%` in the text stays a `%`.
  return [
    `drawtext=fontfile=${filterValue(ticker.fontPath)}`,
    `textfile=${filterValue(ticker.textPath)}`,
    'reload=1',
    'expansion=none',
    `fontsize=${px(ticker.fontSize)}`,
    'fontcolor=white',
    `x=w-mod(t*${px(ticker.speed)}\\,w+tw)`,
    `y=${px(ticker.middle)}-(ascent-descent)/2`,
  ].join(':');
}

/** The filter that lays a slot over the picture, by the name its moves are sent to. */
export function slotFilter(slot: string): string {
  return `overlay@${slot}`;
}

/**
 * The commands that move slots (ffmpeg's `c` key on stdin: target, time -1 for now, command, argument), for the
 * slots whose place differs. The overlay filter takes x and y as commands.
 */
export function moveCommands(before: OverlayPlaces, after: OverlayPlaces): string[] {
  const lines: string[] = [];
  for (const [name, at] of Object.entries(after)) {
    const was = before[name];
    if (was?.x !== at.x) lines.push(`${slotFilter(name)} -1 x ${px(at.x)}`);
    if (was?.y !== at.y) lines.push(`${slotFilter(name)} -1 y ${px(at.y)}`);
  }
  return lines;
}

/** The atlas cut into its slots, each laid over the picture at its place, the ticker's words drawn in its band. */
function compositeChain(overlay: EncoderOverlay, places: OverlayPlaces, atlasInput: number, base: string): string[] {
  const n = overlay.slots.length;
  const cuts = overlay.slots.map((_, i) => `[slot${i}]`).join('');
  const chain = [`[${atlasInput}:v]split=${n}${cuts}`];
  let under = base;
  overlay.slots.forEach((slot, i) => {
    const words = overlay.ticker?.slot === slot.name ? `,${tickerFilter(overlay.ticker)}` : '';
    chain.push(`[slot${i}]crop=${slot.width}:${slot.height}:${slot.x}:${slot.y}${words}[cut${i}]`);
    const at = places[slot.name] ?? { x: 0, y: 0 };
    const over = i === n - 1 ? '[composited]' : `[under${i}]`;
    // One thread per slot: blending a box this small costs less than waking the filter's slice threads for it
    // (measured at 720×1280: 5–12 % less encoder CPU in every round than with the default threads).
    chain.push(
      `${under}[cut${i}]${slotFilter(slot.name)}=x=${px(at.x)}:y=${px(at.y)}:format=yuv420:eof_action=repeat:threads=1${over}`,
    );
    under = over;
  });
  return chain;
}

export function encoderArgs(
  source: Source,
  s: EncodeSettings,
  options: { preview: boolean; overlay?: { shape: EncoderOverlay; places: OverlayPlaces } | null; meter?: boolean },
): string[] {
  const input = inputs(source, s);
  // Limited range always: a camera's full-range MJPEG would otherwise change the codec configuration when the
  // stand-in pattern takes over or hands back (stream-engine.ts), which the MP4 remux of the recording cannot follow.
  const scale =
    `scale=${s.width}:${s.height}:force_original_aspect_ratio=decrease:out_range=tv,` +
    `pad=${s.width}:${s.height}:(ow-iw)/2:(oh-ih)/2`;
  const rate = s.lowLatency ? '' : `fps=${PREVIEW_FPS},`;
  const fit = `${rate}scale='if(gt(iw,ih),${PREVIEW_EDGE},-2)':'if(gt(iw,ih),-2,${PREVIEW_EDGE})':flags=fast_bilinear`;
  const overlay = options.overlay;
  // With an overlay, stdin carries the commands that move its slots (moveCommands); nothing else is ever written.
  const args = ['-hide_banner', '-loglevel', 'error', ...(overlay ? [] : ['-nostdin']), ...input.args];
  let picture: string[];
  let preview: string[];
  if (overlay) {
    // Read again for every frame (`-loop 1` reopens the file), in real time (`-re`) and one frame ahead at most
    // (`-thread_queue_size 1`): read faster, or at a lower rate, the overlay runs ahead of the picture and a change
    // shows that much later (measured: ~0.5 s at 10 overlay frames a second with the default queue, ~0.1 s so).
    const at = args.filter((arg) => arg === '-i').length;
    const { atlas } = overlay.shape;
    args.push('-re', '-f', 'image2', '-pattern_type', 'none', '-loop', '1', '-framerate', String(s.fps));
    args.push('-c:v', 'rawvideo', '-pixel_format', 'yuva420p', '-video_size', `${atlas.width}x${atlas.height}`);
    args.push('-thread_queue_size', '1', '-i', overlay.shape.imagePath);
    const chain = [`[${input.video}]${scale}[base]`, ...compositeChain(overlay.shape, overlay.places, at, '[base]')];
    // The preview shows the picture viewers get: taken after the overlay.
    chain.push(options.preview ? `[composited]split=2[out][shown]` : `[composited]null[out]`);
    if (options.preview) chain.push(`[shown]${fit}[preview]`);
    args.push('-filter_complex', chain.join(';'));
    picture = ['-map', '[out]'];
    preview = ['-map', '[preview]'];
  } else {
    picture = ['-map', input.video, '-vf', scale];
    preview = ['-map', input.video, '-vf', fit];
  }
  args.push(...picture, '-map', input.audio, ...videoCodec(s));
  args.push('-c:a', 'aac', '-b:a', `${s.audioKbps}k`, '-ar', String(AUDIO_RATE), '-ac', String(AUDIO_CHANNELS));
  // FLV on the pipe: self-describing, and what RTMP carries, tag for tag (the publishers send the tags as they are).
  args.push('-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1');
  if (options.preview) {
    args.push(...preview, '-c:v', 'mjpeg', '-q:v', '8');
    args.push('-f', 'image2pipe', `pipe:${PREVIEW_FD}`);
  }
  if (options.meter) {
    // The sound as encoded, before AAC: the meter shows the microphone even while the show is muted (mute is
    // applied to the AAC frames downstream, see silent-aac.ts). At the stream's own rate: no output delay.
    args.push('-map', input.audio, '-c:a', 'pcm_s16le', '-ar', String(METER_RATE), '-ac', '1');
    args.push('-f', 's16le', `pipe:${METER_FD}`);
  }
  args.push('-progress', `pipe:${PROGRESS_FD}`, '-stats_period', '1');
  return args;
}
