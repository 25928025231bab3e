// The encoder's environment: the studio's own, plus glibc's malloc kept from handing frame-sized memory back to the
// kernel after every frame.
//
// Why: each `overlay` filter in the graph (one per atlas slot, encoder-args.ts) gets its picture from ffmpeg's
// framesync, which copies the whole frame whenever the other input's next frame is not known yet: at a live
// show's pace, every frame. ffmpeg 5.1 (Debian 12's) makes that copy with av_frame_make_writable, a fresh
// allocation rather than the filter link's pool (later versions use the pool). A 1280×720 frame is 1.4 MB: glibc
// serves it from mmap or from the top of its heap and returns it to the kernel on free, so each copy faults its
// pages in again. Measured (real time, 3 slots, 720p30, no encoder): 1.9 s of CPU per 10 s of picture, against
// 0.8 s with the two thresholds below and 0.45 s with no overlay at all. With them, freed frames stay in the heap
// for the next frame. Bounded: memory the process once needed is kept, nothing more.
//
// Only glibc reads GLIBC_TUNABLES; elsewhere (macOS, Windows, musl) the variable is ignored, so it is only set on
// Linux. A value the user set for a tunable wins over ours.

/** Below this every allocation comes from the heap (glibc's largest allowed value on 64-bit: 32 MiB, a 4K frame is 12). */
const MMAP_THRESHOLD = 32 * 1024 * 1024;
/** Free memory at the top of the heap kept for reuse, up to this. */
const TRIM_THRESHOLD = 64 * 1024 * 1024;

const TUNABLES: ReadonlyArray<[string, number]> = [
  ['glibc.malloc.mmap_threshold', MMAP_THRESHOLD],
  ['glibc.malloc.trim_threshold', TRIM_THRESHOLD],
];

export function encoderEnv(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): NodeJS.ProcessEnv {
  if (platform !== 'linux') return env;
  const own = (env.GLIBC_TUNABLES ?? '').split(':').filter((item) => item.includes('='));
  const set = new Set(own.map((item) => item.slice(0, item.indexOf('='))));
  const added = TUNABLES.filter(([name]) => !set.has(name)).map(([name, value]) => `${name}=${value}`);
  if (added.length === 0) return env;
  return { ...env, GLIBC_TUNABLES: [...own, ...added].join(':') };
}
