// What the ffmpeg we found can do, asked once per binary per process: its version and which H.264 encoders it was
// built with. (RTMPS does not depend on it: the core publishes itself, over Node's TLS.) A hardware encoder that is
// built in may still not work (no GPU, no driver, a remote desktop), so it is only chosen after a short trial
// encode succeeds.
import { parseFfmpegVersion } from './locate.ts';
import { runFfmpeg } from './run.ts';

export const H264_ENCODERS = ['libx264', 'h264_nvenc', 'h264_qsv', 'h264_amf', 'h264_videotoolbox'] as const;
export type H264Encoder = (typeof H264_ENCODERS)[number];
export type HardwareEncoder = Exclude<H264Encoder, 'libx264'>;

export interface FfmpegProbe {
  path: string;
  /** `5.1.9-0+deb12u1`, `7.1-full_build-www.gyan.dev`; null when ffmpeg did not answer. */
  version: string | null;
  /** Of the five the studio knows, in that order. */
  h264Encoders: H264Encoder[];
  /** The filters the overlay needs: `overlay` to composite it, `drawtext` for the scrolling ticker (freetype). */
  filters: { overlay: boolean; drawtext: boolean };
  /** Why the probe came back empty (`ENOENT`, `timeout`, `exit 1`), else null. */
  error: string | null;
}

/** `ffmpeg -hide_banner -version` → its version string. */
export function parseVersion(stdout: string): string | null {
  return parseFfmpegVersion(stdout.trimStart().split(/\r?\n/)[0] ?? '');
}

/** `ffmpeg -hide_banner -encoders` → every encoder name (lines like ` V....D libx264   libx264 H.264 / AVC …`). */
export function parseEncoders(stdout: string): string[] {
  const names: string[] = [];
  let listing = false;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^\s*-{6}\s*$/.test(line)) {
      listing = true; // the legend (` V..... = Video`) ends at a row of dashes
      continue;
    }
    const m = /^\s*[VAS.][A-Z.]{5}\s+(\S+)/.exec(line);
    if (listing && m) names.push(m[1]!);
  }
  return names;
}

/** `ffmpeg -hide_banner -filters` → every filter name (lines like ` T.C drawtext  V->V  Draw text…`). */
export function parseFilters(stdout: string): string[] {
  const names: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^\s*[TSC.]{2,3}\s+(\S+)\s+\S*->\S*\s/.exec(line);
    if (m) names.push(m[1]!);
  }
  return names;
}

export function h264EncodersOf(encoders: string[]): H264Encoder[] {
  return H264_ENCODERS.filter((name) => encoders.includes(name));
}

const PROBE_TIMEOUT_MS = 10_000;
const probes = new Map<string, Promise<FfmpegProbe>>();

async function probeNow(path: string): Promise<FfmpegProbe> {
  const ask = (flag: string) => runFfmpeg(path, ['-hide_banner', flag], PROBE_TIMEOUT_MS);
  const [version, encoders, filters] = await Promise.all([ask('-version'), ask('-encoders'), ask('-filters')]);
  const failed = [version, encoders].find((run) => run.failure || run.code !== 0);
  const filterNames = filters.code === 0 ? parseFilters(filters.stdout) : [];
  return {
    path,
    version: version.code === 0 ? parseVersion(version.stdout) : null,
    h264Encoders: encoders.code === 0 ? h264EncodersOf(parseEncoders(encoders.stdout)) : [],
    filters: { overlay: filterNames.includes('overlay'), drawtext: filterNames.includes('drawtext') },
    error: failed ? (failed.failure ?? `exit ${failed.code}`) : null,
  };
}

/** Probes `path` once per process; a failed probe is not kept, so a fixed install is seen on the next call. */
export function probeFfmpeg(path: string): Promise<FfmpegProbe> {
  let probe = probes.get(path);
  if (!probe) {
    probe = probeNow(path).then((result) => {
      if (result.error) probes.delete(path);
      return result;
    });
    probes.set(path, probe);
  }
  return probe;
}

export interface HardwareTrial {
  ok: boolean;
  /** Why the trial failed: the encoder's own error line (else ffmpeg's last), or `timeout`. */
  detail: string | null;
}

const TRIAL_TIMEOUT_MS = 15_000;
const trials = new Map<string, Promise<HardwareTrial>>();

/** 0.2 s of a flat colour through `encoder` into the null muxer: does the driver really take it? (Once per process.) */
export function hardwareEncoderWorks(
  path: string,
  encoder: HardwareEncoder,
  timeoutMs = TRIAL_TIMEOUT_MS,
): Promise<HardwareTrial> {
  const key = `${path}\n${encoder}`;
  let trial = trials.get(key);
  if (!trial) {
    const input = ['-f', 'lavfi', '-i', 'color=c=black:s=640x360:r=30', '-t', '0.2'];
    // No -pix_fmt: each encoder takes its own (QSV wants nv12), and ffmpeg converts to it.
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', ...input, '-c:v', encoder, '-f', 'null', '-'];
    trial = runFfmpeg(path, args, timeoutMs).then((run) => {
      if (run.code === 0) return { ok: true, detail: null };
      // The encoder's own line says why ("Cannot load libcuda.so.1"); ffmpeg's last line is generic.
      const lines = run.stderr.trim().split(/\r?\n/).filter(Boolean);
      const own = lines.find((line) => line.startsWith(`[${encoder} @`))?.replace(/^\[[^\]]*\]\s*/, '');
      return { ok: false, detail: run.failure ?? (own ?? lines.at(-1))?.slice(0, 300) ?? `exit ${run.code}` };
    });
    trials.set(key, trial);
  }
  return trial;
}

/** Forget every probe and trial (a new ffmpeg was installed at the same path; tests). */
export function clearProbeCache(): void {
  probes.clear();
  trials.clear();
}

export type EncoderReason =
  /** A hardware encoder was found and its trial encode worked. */
  | 'hardware'
  /** No hardware encoder is built into this ffmpeg: x264. */
  | 'no-hardware'
  /** Hardware encoding is switched off in settings: x264. */
  | 'hardware-off'
  /** Hardware encoders were found but none worked: x264, and the UI says so ("fell back to x264"). */
  | 'hardware-failed'
  /** Nothing usable: no libx264 and no working hardware encoder. */
  | 'no-h264-encoder';

export interface EncoderChoice {
  encoder: H264Encoder | null;
  hardware: boolean;
  reason: EncoderReason;
  /** The hardware encoders tried that failed, with ffmpeg's words. */
  failed: { encoder: HardwareEncoder; detail: string | null }[];
}

export type HardwareTest = (path: string, encoder: HardwareEncoder) => Promise<HardwareTrial>;

/** Hardware first (in the order of H264_ENCODERS) when allowed and working, else libx264. */
export async function chooseEncoder(
  probe: FfmpegProbe,
  tryHardware: boolean,
  test: HardwareTest = hardwareEncoderWorks,
): Promise<EncoderChoice> {
  const hardware = probe.h264Encoders.filter((name): name is HardwareEncoder => name !== 'libx264');
  const failed: EncoderChoice['failed'] = [];
  if (tryHardware) {
    for (const encoder of hardware) {
      const trial = await test(probe.path, encoder);
      if (trial.ok) return { encoder, hardware: true, reason: 'hardware', failed };
      failed.push({ encoder, detail: trial.detail });
    }
  }
  if (!probe.h264Encoders.includes('libx264')) {
    return { encoder: null, hardware: false, reason: 'no-h264-encoder', failed };
  }
  const reason: EncoderReason =
    hardware.length === 0 ? 'no-hardware' : !tryHardware ? 'hardware-off' : 'hardware-failed';
  return { encoder: 'libx264', hardware: false, reason, failed };
}
