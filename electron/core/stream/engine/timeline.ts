// One timeline across encoder processes. Each new encoder (the stand-in test pattern after a camera is lost,
// the camera again after that) numbers its output from zero; publishers and the recording must see one stream
// whose timestamps keep going, or servers drop the connection and the recording jumps back in time. After a
// cut the new encoder's tags are shifted to start one frame after the last tag that went out, so the recording
// has no gap and no overlap (the stall itself shows as a short freeze, as it did live).
import type { FlvTag } from './flv-reader.ts';

export class Timeline {
  private readonly frameMs: number;
  private shift = 0;
  private cutPending = false;
  private last = 0;
  private readonly lastOfType = new Map<number, number>();

  constructor(fps: number) {
    this.frameMs = Math.max(1, Math.round(1000 / fps));
  }

  /** The next tag comes from a new encoder. */
  cut(): void {
    this.cutPending = true;
  }

  /** The tag as it goes out: untouched before the first cut, retimed after (a copy: tags are shared). */
  place(tag: FlvTag): FlvTag {
    if (this.cutPending) {
      this.cutPending = false;
      this.shift = this.last + this.frameMs - tag.timestamp;
    }
    // Each stream's times must not go backwards; an audio tag muxed just before the new keyframe could.
    const timestamp = Math.max(tag.timestamp + this.shift, this.lastOfType.get(tag.type) ?? 0);
    this.lastOfType.set(tag.type, timestamp);
    this.last = Math.max(this.last, timestamp);
    if (timestamp === tag.timestamp) return tag;
    const bytes = Buffer.from(tag.bytes);
    bytes.writeUIntBE(timestamp & 0xffffff, 4, 3);
    bytes[7] = (timestamp >>> 24) & 0xff;
    return { ...tag, timestamp, bytes };
  }
}
