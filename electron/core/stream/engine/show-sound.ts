// A show's sound, as the engine keeps it: the level meter of the current encoder's sound (a new source is measured
// afresh), and muting — every AAC frame that goes out swapped for a silent one of the same format (silent-aac.ts),
// so the encoder never restarts. The silent frame is made once the show starts, ready within a moment.
import { AudioMeter, type AudioLevel } from './audio-meter.ts';
import { AUDIO_CHANNELS, AUDIO_RATE } from './encoder-args.ts';
import type { AudioState } from './engine-types.ts';
import type { FlvTag } from './flv-reader.ts';
import { isAacFrame, silentAacFrame, withAacFrame } from './silent-aac.ts';

export class ShowSound {
  private meter = new AudioMeter();
  private muted = false;
  private silence: Buffer | null = null;
  private silenceReady: Promise<Buffer | null> = Promise.resolve(null);

  /** Starts making the silent frame for this show's sound (at the engine's start). */
  prepare(ffmpegPath: string, audioKbps: number): void {
    this.silenceReady = silentAacFrame(ffmpegPath, AUDIO_RATE, AUDIO_CHANNELS, audioKbps).then(
      (frame) => (this.silence = frame),
      (error: Error) => {
        console.warn(`[stream] no silent frame for muting: ${error.message}`);
        return null;
      },
    );
  }

  get state(): AudioState {
    return { muted: this.muted, silentMs: this.meter.silentMs };
  }

  /** The meter's PCM from the current encoder; the levels of the blocks it completed. */
  measure(pcm: Buffer): AudioLevel[] {
    return this.meter.push(pcm);
  }

  /** Another encoder's sound goes out from now on. */
  newSource(): void {
    this.meter = new AudioMeter();
  }

  /** True when it changed, `unchanged` when it was so already, false when muting cannot work (no silent frame). */
  async setMuted(muted: boolean): Promise<boolean | 'unchanged'> {
    if (muted && !(await this.silenceReady)) return false;
    if (this.muted === muted) return 'unchanged';
    this.muted = muted;
    return true;
  }

  /** The tag as viewers hear it: its AAC swapped for silence while muted. */
  heard(tag: FlvTag): FlvTag {
    return this.muted && this.silence && isAacFrame(tag) ? withAacFrame(tag, this.silence) : tag;
  }
}
