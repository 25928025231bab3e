// The local recording: the encoder's FLV written straight to a file by this process, tag by tag, so it
// depends on no pusher and no network (a destination reconnecting leaves no gap), and a crash of any process
// leaves a file that plays up to the crash (FLV needs no trailer). When the show ends it is remuxed to MP4.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FlvTag } from './flv-reader.ts';

export interface RecordingResult {
  /** The file to keep: the MP4 when the remux worked, else the FLV (which plays as it is). */
  file: string;
  bytes: number;
  remuxed: boolean;
}

const REMUX_TIMEOUT_MS = 10 * 60_000;

export class Recorder {
  readonly target: string;
  /** Where the FLV is written during the show. */
  readonly flvPath: string;
  private readonly out: fs.WriteStream;
  private bytes = 0;
  private wroteHeader = false;
  private error: Error | null = null;

  /** `target` ending in .flv is kept as FLV; anything else is written as FLV beside it and remuxed at the end. */
  constructor(target: string) {
    this.target = path.resolve(target);
    this.flvPath = this.target.toLowerCase().endsWith('.flv') ? this.target : `${this.target}.recording.flv`;
    fs.mkdirSync(path.dirname(this.flvPath), { recursive: true });
    this.out = fs.createWriteStream(this.flvPath, { flags: 'w' });
    // Without a listener a full disk or an unwritable path would be an uncaught 'error' that ends the process.
    this.out.on('error', (error) => {
      this.error ??= error;
    });
  }

  header(bytes: Buffer): void {
    if (this.wroteHeader) return;
    this.wroteHeader = true;
    this.write(bytes);
  }

  tag(tag: FlvTag): void {
    if (this.wroteHeader) this.write(tag.bytes);
  }

  /** Closes the file and remuxes it to the target (with ffmpeg, stream copy: seconds for an hour-long show). */
  async finish(ffmpegPath: string): Promise<RecordingResult> {
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(this.error ?? error) : resolve())),
    );
    if (this.flvPath === this.target) return { file: this.target, bytes: this.bytes, remuxed: false };
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      this.flvPath,
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      this.target,
    ];
    const ok = await new Promise<boolean>((resolve) =>
      execFile(ffmpegPath, args, { timeout: REMUX_TIMEOUT_MS }, (error) => resolve(!error)),
    );
    if (!ok) return { file: this.flvPath, bytes: this.bytes, remuxed: false };
    fs.rmSync(this.flvPath, { force: true });
    return { file: this.target, bytes: fs.statSync(this.target).size, remuxed: true };
  }

  private write(bytes: Buffer): void {
    if (this.error) return;
    this.bytes += bytes.length;
    this.out.write(bytes);
  }
}
