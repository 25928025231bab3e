// ffmpeg's `-progress pipe:N` output: blocks of key=value lines, each ended by `progress=continue` (or `end`):
//   frame=90
//   fps=28.78
//   stream_0_0_q=-1.0
//   bitrate=2615.3kbits/s
//   total_size=986634
//   out_time_us=3018000
//   out_time_ms=3018000          (microseconds too, despite its name)
//   out_time=00:00:03.018000
//   dup_frames=0
//   drop_frames=0
//   speed=0.965x
//   progress=end
// Chunks from the pipe split anywhere (mid-line, mid-character); values may be N/A or space-padded.

export interface ProgressBlock {
  frame: number | null;
  fps: number | null;
  /** Quantizer of the first video stream (`stream_0_0_q`). */
  q: number | null;
  bitrateKbps: number | null;
  /** Bytes written so far. */
  totalSize: number | null;
  /** Output time in milliseconds. */
  outTimeMs: number | null;
  dupFrames: number | null;
  dropFrames: number | null;
  /** Encoding speed against real time (1 = keeping up); null while ffmpeg says N/A. */
  speed: number | null;
  /** `progress=end`: ffmpeg finished this output. */
  ended: boolean;
  /** Every key of the block as printed, the unknown ones included. */
  raw: Record<string, string>;
}

function number(value: string | undefined, suffix?: RegExp): number | null {
  if (value === undefined) return null;
  const text = (suffix ? value.replace(suffix, '') : value).trim();
  if (text === '' || text === 'N/A') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** `00:01:02.500000` → 62500 (ms); a negative or unreadable time → null. */
function clockMs(value: string | undefined): number | null {
  const m = /^\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)\s*$/.exec(value ?? '');
  if (!m) return null;
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
}

function outTimeMs(raw: Record<string, string>): number | null {
  const micros = number(raw.out_time_us) ?? number(raw.out_time_ms);
  if (micros !== null) return micros >= 0 ? Math.round(micros / 1000) : null;
  return clockMs(raw.out_time);
}

export function progressBlock(raw: Record<string, string>): ProgressBlock {
  const nonNegative = (n: number | null) => (n !== null && n >= 0 ? n : null);
  return {
    frame: number(raw.frame),
    fps: number(raw.fps),
    q: number(raw.stream_0_0_q),
    bitrateKbps: nonNegative(number(raw.bitrate, /kbits\/s\s*$/)),
    totalSize: nonNegative(number(raw.total_size)),
    outTimeMs: outTimeMs(raw),
    dupFrames: number(raw.dup_frames),
    dropFrames: number(raw.drop_frames),
    speed: number(raw.speed, /x\s*$/),
    ended: raw.progress?.trim() === 'end',
    raw,
  };
}

export interface ProgressParser {
  /** Feed what the pipe gave, as it came. */
  push(chunk: string | Uint8Array): void;
  /** The pipe closed: a last block that never got its `progress=` line is dropped (it may be half written). */
  end(): void;
}

export function createProgressParser(onBlock: (block: ProgressBlock) => void): ProgressParser {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let raw: Record<string, string> = {};
  const line = (text: string) => {
    const eq = text.indexOf('=');
    if (eq <= 0) return;
    const key = text.slice(0, eq).trim();
    raw[key] = text.slice(eq + 1);
    if (key === 'progress') {
      const block = progressBlock(raw);
      raw = {};
      onBlock(block);
    }
  };
  const drain = () => {
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      line(pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  };
  return {
    push(chunk) {
      pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      drain();
    },
    end() {
      pending += decoder.decode();
      if (pending.includes('=')) line(pending.replace(/\r$/, ''));
      pending = '';
      raw = {};
    },
  };
}
