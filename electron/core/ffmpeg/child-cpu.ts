// CPU use of the streaming processes (the encoder; RTMP publishing runs in this process and costs little), for the
// health panel. Linux only: read from /proc, summing every ffmpeg this process started — during a show that is the
// encoder (device listings and probes are brief, and a recording is remuxed only after the show). Elsewhere there is no
// cheap, dependency-free way to read another process's CPU time, so the figure is null and the UI leaves it out.
import fs from 'node:fs';

/** /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 on every architecture it ships for. */
const TICKS_PER_SECOND = 100;

export class ChildCpuMeter {
  private last: Map<number, number> | null = null;
  private lastAt = 0;
  private readonly procRoot: string;
  private readonly pid: number;

  constructor(procRoot = '/proc', pid = process.pid) {
    this.procRoot = procRoot;
    this.pid = pid;
  }

  /**
   * Percent of one core used by the ffmpeg children since the previous sample (200 = two cores' worth); null on
   * the first sample, off Linux, or when /proc cannot be read.
   */
  sample(now: number = Date.now()): number | null {
    if (process.platform !== 'linux' && this.procRoot === '/proc') return null;
    let ticks: Map<number, number>;
    try {
      ticks = this.childTicks();
    } catch {
      return null;
    }
    const previous = this.last;
    const elapsed = (now - this.lastAt) / 1000;
    this.last = ticks;
    this.lastAt = now;
    if (!previous || elapsed <= 0) return null;
    let used = 0;
    // A child new since the last sample (an encoder started again after a device change) started within the interval: all its time counts.
    for (const [pid, t] of ticks) used += Math.max(0, t - (previous.get(pid) ?? 0));
    return Math.round((used / TICKS_PER_SECOND / elapsed) * 1000) / 10;
  }

  reset(): void {
    this.last = null;
  }

  private childTicks(): Map<number, number> {
    const ticks = new Map<number, number>();
    const tasks = fs.readdirSync(`${this.procRoot}/${this.pid}/task`);
    for (const task of tasks) {
      let children: string;
      try {
        children = fs.readFileSync(`${this.procRoot}/${this.pid}/task/${task}/children`, 'utf8');
      } catch {
        continue; // the thread ended meanwhile
      }
      for (const word of children.split(/\s+/)) {
        const pid = Number(word);
        if (!word || !Number.isInteger(pid)) continue;
        const t = ffmpegTicks(this.procRoot, pid);
        if (t !== null) ticks.set(pid, t);
      }
    }
    return ticks;
  }
}

/** utime + stime of an ffmpeg process from /proc/PID/stat; null for anything else or a process gone meanwhile. */
function ffmpegTicks(procRoot: string, pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return parseStat(stat);
}

/** `PID (comm) S ppid … utime stime …`: the name may hold spaces and parentheses, so fields count from the last `)`. */
export function parseStat(stat: string): number | null {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  if (!stat.slice(open + 1, close).startsWith('ffmpeg')) return null;
  const fields = stat.slice(close + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : null;
}
