// One encoder process: its FLV on stdout split into tags, its preview frames and progress on their own pipes,
// the tail of what it printed, and how it ended. A show may use several in turn (the camera, then the stand-in
// test pattern when the camera is lost, then the camera again): stream-engine.ts decides whose tags go out.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createProgressParser, type ProgressBlock } from '../../ffmpeg/progress.ts';
import { METER_FD, PREVIEW_FD, PROGRESS_FD, type Source } from './encoder-args.ts';
import { encoderEnv } from './encoder-env.ts';
import { FlvReader, TAG_VIDEO, type FlvTag } from './flv-reader.ts';
import { JpegFrames } from './jpeg-frames.ts';

export type SpawnProcess = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

export interface EncoderRunEvents {
  tags(run: EncoderRun, tags: FlvTag[]): void;
  preview(run: EncoderRun, jpeg: Buffer): void;
  progress(run: EncoderRun, block: ProgressBlock): void;
  /** PCM for the level meter (8 kHz mono s16le), when the encoder was asked for it. */
  audio(run: EncoderRun, pcm: Buffer): void;
  /** The process is gone. `why` says how, with the end of what it printed. */
  exit(run: EncoderRun, why: string): void;
}

const MAX_STDERR_CHARS = 4000;
/** ffmpeg answers each `c` command once it has read it (it reads a key every 100 ms); later than this, go on anyway. */
const COMMAND_REPLY_MS = 2_000;
/** What ffmpeg prints around a command: not for the host's error messages. */
const COMMAND_ECHO = /^(Enter command: |Command reply for |\s*$)/;

export class EncoderRun {
  readonly source: Source;
  readonly startedAt: number;
  /**
   * When its last picture arrived (its start until then): a capture that stops delivering is seen by this. Video
   * only: with the camera hung, ffmpeg may go on muxing the microphone alone.
   */
  lastPictureAt: number;
  /** Seen a video keyframe: a place viewers can start from. */
  keyframed = false;
  /** Killed because it stopped delivering (its exit is then a stall, not an end). */
  stalled = false;
  /** Its output is no longer wanted: its exit means nothing. */
  retired = false;
  alive = true;
  /** The last progress block's dropped frames (the engine adds them up across runs). */
  droppedFrames = 0;
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private readonly reader = new FlvReader();
  private stderr = '';
  /** Printed but not yet a whole line. */
  private stderrLine = '';
  private replies = 0;
  private sent = 0;
  private readonly waiting: Array<{ upTo: number; done(): void }> = [];

  constructor(
    spawn: SpawnProcess,
    command: string,
    /** `commands`: its stdin is open for filter commands (see `command`). */
    args: { source: Source; argv: string[]; commands?: boolean },
    events: EncoderRunEvents,
    now: () => number,
  ) {
    this.source = args.source;
    this.startedAt = this.lastPictureAt = now();
    const stdio: SpawnOptions['stdio'] = [args.commands ? 'pipe' : 'ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'];
    const child = spawn(command, args.argv, { stdio, windowsHide: true, env: encoderEnv() });
    this.child = child;
    // Written to after it has gone (a move racing its exit): nothing to do, the exit says why.
    child.stdin?.on('error', () => undefined);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!this.alive || this.retired) return;
      let tags: FlvTag[];
      try {
        tags = this.reader.push(chunk);
      } catch (error) {
        // Unusable from here on: end it, so its exit reports why.
        this.stderr += `\nthe encoder's output could not be read: ${(error as Error).message}`;
        this.kill();
        return;
      }
      if (tags.length === 0) return;
      if (tags.some((tag) => tag.type === TAG_VIDEO)) this.lastPictureAt = now();
      if (tags.some((tag) => tag.keyframe)) this.keyframed = true;
      events.tags(this, tags);
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => this.printedText(text));
    const previews = new JpegFrames();
    (child.stdio[PREVIEW_FD] as Readable | null)?.on('data', (chunk: Buffer) => {
      if (this.retired) return;
      for (const frame of previews.push(chunk)) events.preview(this, frame);
    });
    const progress = createProgressParser((block) => {
      this.droppedFrames = block.dropFrames ?? this.droppedFrames;
      if (!this.retired) events.progress(this, block);
    });
    (child.stdio[PROGRESS_FD] as Readable | null)?.on('data', (chunk: Buffer) => progress.push(chunk));
    ((child.stdio as ReadonlyArray<unknown>)[METER_FD] as Readable | undefined)?.on('data', (chunk: Buffer) => {
      if (!this.retired) events.audio(this, chunk);
    });
    this.exited = new Promise<void>((done) => {
      const ended = (why: string) => {
        if (!this.alive) return;
        this.alive = false;
        for (const wait of this.waiting.splice(0)) wait.done();
        events.exit(this, why);
        done();
      };
      child.once('exit', (code, signal) =>
        ended(`the encoder stopped (${signal ?? `exit ${code}`}): ${this.printed()}`),
      );
      child.once('error', (error) => ended(`the encoder could not start: ${error.message}`));
    });
  }

  /** The FLV header of its output, once read. */
  get header(): Buffer | null {
    return this.reader.header;
  }

  printed(): string {
    return `${this.stderr}${this.stderrLine}`.trim() || 'no message';
  }

  /**
   * Sends filter commands (`target time command argument`) the way a person at ffmpeg's console would: the `c` key,
   * then the line. Resolves once ffmpeg has replied to them all, or after a while regardless (an encoder still
   * opening its camera reads them when it starts).
   */
  command(lines: readonly string[]): Promise<void> {
    const stdin = this.child.stdin;
    if (!this.alive || !stdin || lines.length === 0) return Promise.resolve();
    stdin.write(lines.map((line) => `c${line}\n`).join(''));
    this.sent += lines.length;
    const upTo = this.sent;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), COMMAND_REPLY_MS + 200 * lines.length);
      const wait = { upTo, done: () => finish() };
      const finish = () => {
        clearTimeout(timer);
        const at = this.waiting.indexOf(wait);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve();
      };
      this.waiting.push(wait);
    });
  }

  /** What it prints: command replies counted, its own words kept (the end of them) for when it stops. */
  private printedText(text: string): void {
    const lines = (this.stderrLine + text).split('\n');
    this.stderrLine = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('Command reply for ')) this.replies++;
      if (COMMAND_ECHO.test(line)) continue;
      this.stderr = `${this.stderr}${line}\n`.slice(-MAX_STDERR_CHARS);
    }
    for (const wait of this.waiting.filter((w) => w.upTo <= this.replies)) wait.done();
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  /** Asks it to finish its output (SIGINT lets ffmpeg end cleanly); one that does not in time is killed. */
  async stop(graceMs: number): Promise<void> {
    if (!this.alive) return;
    const kill = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    this.child.kill('SIGINT');
    await this.exited;
    clearTimeout(kill);
  }
}
