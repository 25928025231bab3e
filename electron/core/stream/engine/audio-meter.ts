// The microphone's level, from a thin copy of the encoder's sound (8 kHz mono 16-bit PCM on its own pipe, see
// encoder-args.ts): peak and RMS in dBFS per block of a tenth of a second, and how long it has been silent. Pure
// arithmetic on the samples, no clock: time is counted in samples, so a busy machine cannot make it lie.

export const METER_RATE = 8000;
const BLOCK_SAMPLES = METER_RATE / 10;
/** Below this peak a block counts as silence (a live microphone's room noise sits well above it). */
export const SILENCE_DB = -50;
/** The floor shown for digital silence. */
export const FLOOR_DB = -90;

export interface AudioLevel {
  peakDb: number;
  rmsDb: number;
}

function db(value: number): number {
  return value > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(value)) : FLOOR_DB;
}

export class AudioMeter {
  /** Milliseconds of continuous silence up to the latest block. */
  silentMs = 0;
  latest: AudioLevel | null = null;
  private carry: Buffer | null = null;
  private peak = 0;
  private squares = 0;
  private count = 0;

  /** Feeds PCM bytes as they arrive; returns the level of each block they completed, in order. */
  push(chunk: Buffer): AudioLevel[] {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % 2);
    this.carry = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
    const levels: AudioLevel[] = [];
    for (let offset = 0; offset < whole; offset += 2) {
      const sample = bytes.readInt16LE(offset) / 32768;
      const magnitude = Math.abs(sample);
      if (magnitude > this.peak) this.peak = magnitude;
      this.squares += sample * sample;
      if (++this.count === BLOCK_SAMPLES) levels.push(this.close());
    }
    return levels;
  }

  private close(): AudioLevel {
    const level = { peakDb: db(this.peak), rmsDb: db(Math.sqrt(this.squares / this.count)) };
    this.silentMs = level.peakDb < SILENCE_DB ? this.silentMs + (this.count / METER_RATE) * 1000 : 0;
    this.latest = level;
    this.peak = this.squares = this.count = 0;
    return level;
  }
}
