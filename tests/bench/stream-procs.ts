// Processes for the streaming bench: the bare ffmpeg baselines' command lines (the engine's own encode arguments, so
// the settings cannot drift apart), spawning with cleanup, and CPU accounting from /proc (Linux only).
//
// CPU time of a process that has ended is read the way /usr/bin/time does: when a child is reaped, the kernel adds
// its user+system time (and that of its own reaped children) to the parent's "cutime"/"cstime" (/proc/self/stat,
// getrusage(RUSAGE_CHILDREN)). Node reaps every child before its 'exit' event, so the growth of those two fields
// from before a run's first spawn to after its last exit is exactly the CPU of every process the run started,
// from its first instruction to its exit. This process's own share comes from process.cpuUsage().
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import {
  encoderArgs,
  PROGRESS_FD,
  type EncodeSettings,
  type Source,
} from '../../electron/core/stream/engine/encoder-args.ts';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
const EXIT_TIMEOUT_MS = 5_000;

let ticks: number | null = null;
/** Clock ticks per second of /proc's times (USER_HZ, 100 on every common Linux). */
function clockTicks(): number {
  if (ticks === null) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** The fields of /proc/PID/stat after the command name (which may hold spaces): [0] is field 3, "state". */
function statFields(pid: number | 'self'): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** user+system CPU seconds of a running process so far; null once it is gone. */
export function processCpuSeconds(pid: number): number | null {
  const f = statFields(pid);
  if (!f) return null;
  return (Number(f[11]) + Number(f[12])) / clockTicks(); // utime, stime (fields 14, 15)
}

/** user+system CPU seconds of every child this process has started, run to the end and reaped. */
export function reapedChildrenCpuSeconds(): number {
  const f = statFields('self');
  if (!f) throw new Error('/proc/self/stat is not readable: the streaming bench needs Linux');
  return (Number(f[13]) + Number(f[14])) / clockTicks(); // cutime, cstime (fields 16, 17)
}

/** This process's own user+system CPU seconds. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and I/O wait), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / clockTicks();
}

// --- spawning ------------------------------------------------------------------------------------------------------

const running = new Set<ChildProcess>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // A bench that crashes or is interrupted leaves no ffmpeg behind (setpriv's parent-death signal covers SIGKILL).
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * spawn(), through `setpriv --pdeathsig SIGKILL` when there is one (it execs the command in place: same pid, same
 * signals, one exec more), so the process dies with the bench. Used for the engine's processes and the bare ffmpeg
 * alike, so both pay the same.
 */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  hookExit();
  const child = SETPRIV
    ? spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args], options)
    : spawn(command, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** `signal` (SIGINT lets ffmpeg finish its files), SIGKILL after graceMs; resolves once it has exited. */
export async function stopChild(
  child: ChildProcess,
  graceMs: number,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<void> {
  if (hasExited(child)) return;
  child.kill(signal);
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  if (!(await waitForExit(child, EXIT_TIMEOUT_MS))) throw new Error(`ffmpeg ${child.pid} did not exit after SIGKILL`);
}

// --- the bare ffmpeg commands ---------------------------------------------------------------------------------------

/**
 * The engine's encoder command line up to its output: capture and encode exactly as the studio does. The engine's
 * output part (`-f flv … pipe:1`, then its progress pipe) is cut off; anything else after it (a preview output)
 * means encoderArgs() changed shape and this must be looked at again.
 */
export function bareEncodeArgs(source: Source, settings: EncodeSettings): string[] {
  const args = encoderArgs(source, settings, { preview: false });
  const out = args.indexOf('pipe:1');
  const format = args.lastIndexOf('-f', out);
  const rest = args.slice(out + 1).join(' ');
  if (out < 0 || format < 0 || args[format + 1] !== 'flv' || rest !== `-progress pipe:${PROGRESS_FD} -stats_period 1`)
    throw new Error(`encoderArgs() changed shape; update bareEncodeArgs(): ${args.join(' ')}`);
  return args.slice(0, format);
}

/** Bare ffmpeg pushing straight to the ingest, as one would type it. */
export function barePushArgs(source: Source, settings: EncodeSettings, url: string): string[] {
  return [...bareEncodeArgs(source, settings), '-f', 'flv', '-flvflags', 'no_duration_filesize', url];
}

/**
 * Bare ffmpeg pushing and recording in one command: the tee muxer writes the same packets to the ingest (FLV) and to
 * an MP4 with +faststart (what the studio's recording ends as). `-flags +global_header` is what tee needs for
 * FLV and MP4 (both want codec configuration out of band); the studio's FLV output sets the same flag by itself.
 */
export function bareTeeArgs(source: Source, settings: EncodeSettings, url: string, file: string): string[] {
  return [
    ...bareEncodeArgs(source, settings),
    '-flags',
    '+global_header',
    '-f',
    'tee',
    `[f=flv:flvflags=no_duration_filesize]${url}|[f=mp4:movflags=+faststart]${file}`,
  ];
}

/** `ffmpeg -version`'s first line. */
export function ffmpegVersion(): string {
  try {
    return execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n', 1)[0]!;
  } catch {
    return 'unknown';
  }
}

/** A media file's duration in seconds (ffprobe), or null. */
export function mediaSeconds(file: string): number | null {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const seconds = Number(out.trim());
    return Number.isFinite(seconds) ? seconds : null;
  } catch {
    return null;
  }
}
