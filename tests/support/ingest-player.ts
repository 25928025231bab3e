// Watches what an RTMP ingest receives, as a viewer would: ffmpeg plays the stream from the server and decodes every
// frame, scaled down, to raw RGB for the test to look at. Waiting is for a frame that shows something (each decoded
// frame is checked as it arrives), never for an amount of time.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class DecodedFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
  /** The frame's time in the stream (seconds), as the player decoded it. */
  readonly index: number;

  constructor(width: number, height: number, data: Buffer, index: number) {
    this.width = width;
    this.height = height;
    this.data = data;
    this.index = index;
  }

  /** The mean colour of a box given in the full picture's pixels (`scale` = full width / decoded width). */
  mean(box: Box, scale: number): Rgb {
    const x0 = Math.max(0, Math.floor(box.x / scale));
    const y0 = Math.max(0, Math.floor(box.y / scale));
    const x1 = Math.min(this.width, Math.ceil((box.x + box.width) / scale));
    const y1 = Math.min(this.height, Math.ceil((box.y + box.height) / scale));
    let r = 0;
    let g = 0;
    let b = 0;
    let n = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const at = (y * this.width + x) * 3;
        r += this.data[at]!;
        g += this.data[at + 1]!;
        b += this.data[at + 2]!;
        n++;
      }
    }
    return { r: r / n, g: g / n, b: b / n };
  }
}

/** Within `tolerance` on every channel. */
export function near(colour: Rgb, target: Rgb, tolerance = 40): boolean {
  return (
    Math.abs(colour.r - target.r) <= tolerance &&
    Math.abs(colour.g - target.g) <= tolerance &&
    Math.abs(colour.b - target.b) <= tolerance
  );
}

export function hex(colour: string): Rgb {
  const n = Number.parseInt(colour.replace('#', ''), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export class IngestPlayer {
  readonly width: number;
  readonly height: number;
  private readonly child: ChildProcess;
  private pending = Buffer.alloc(0);
  private frames = 0;
  private latest: DecodedFrame | null = null;
  private readonly waiters = new Set<() => void>();
  private stderr = '';
  private exited = false;

  /** Plays `url` (an rtmp:// URL on loopback) decoded at `width`×`height`. */
  constructor(url: string, width: number, height: number) {
    this.width = width;
    this.height = height;
    this.child = spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-rw_timeout', '20000000'],
        ...['-fflags', 'nobuffer', '-i', url, '-map', '0:v:0', '-vf', `scale=${width}:${height}`],
        ...['-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const size = width * height * 3;
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      while (this.pending.length >= size) {
        this.latest = new DecodedFrame(width, height, Buffer.from(this.pending.subarray(0, size)), this.frames++);
        this.pending = this.pending.subarray(size);
        for (const wake of [...this.waiters]) wake();
      }
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => (this.stderr = (this.stderr + text).slice(-4000)));
    this.child.on('exit', () => {
      this.exited = true;
      for (const wake of [...this.waiters]) wake();
    });
  }

  /**
   * The first decoded frame from now on for which `check` holds. Fails with `what` when the player ends first or
   * none does within `timeoutMs` (generous: a deadline for a broken build, not a speed test).
   */
  waitFor(what: string, check: (frame: DecodedFrame) => boolean, timeoutMs = 60_000): Promise<DecodedFrame> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        const frame = this.latest;
        if (frame && check(frame)) {
          done();
          resolve(frame);
        } else if (this.exited) {
          done();
          reject(new assert.AssertionError({ message: `the player ended before ${what}: ${this.stderr}` }));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new assert.AssertionError({ message: `no frame showed ${what} (${this.frames} decoded)` }));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await gone;
  }
}

/** The top of an overlay card's picture (its middle carries the 售罄 word when sold out), in the frame's pixels. */
export function pictureTop(card: Box, unit: number): Box {
  const inset = 12 * unit;
  const side = card.height - 2 * inset;
  return { x: card.x + inset + side * 0.15, y: card.y + inset + side * 0.06, width: side * 0.7, height: side * 0.2 };
}
