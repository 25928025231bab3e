// What a publisher that starts mid-show must send first: the FLV header, the stream's metadata and codec
// configuration, then the current GOP from its keyframe on — as RTMP servers keep a GOP cache for players.
// Without it, a reconnected destination would get media it cannot decode until the next keyframe (or never,
// with no codec configuration at all).
import { TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO, type FlvTag } from './flv-reader.ts';

/** A GOP longer than this is not cached whole (keyframes every 2 s make a GOP a few hundred KB). */
const MAX_GOP_BYTES = 16 * 1024 * 1024;

export class GopCache {
  private header: Buffer | null = null;
  private metadata: FlvTag | null = null;
  private readonly configs = new Map<number, FlvTag>();
  /** Tag types whose codec cannot be decoded without its configuration (H.264/HEVC video, AAC audio). */
  private readonly needConfig = new Set<number>();
  private gop: FlvTag[] = [];
  private gopBytes = 0;

  setHeader(header: Buffer): void {
    this.header = header;
  }

  add(tag: FlvTag): void {
    if (tag.type === TAG_SCRIPT) {
      this.metadata = tag;
      return;
    }
    if (tag.config) {
      this.configs.set(tag.type, tag);
      return;
    }
    if (needsConfig(tag)) this.needConfig.add(tag.type);
    if (tag.keyframe) {
      this.gop = [];
      this.gopBytes = 0;
    }
    if (this.gop.length === 0 && !tag.keyframe) return; // nothing decodable to start from yet
    if (this.gopBytes + tag.bytes.length > MAX_GOP_BYTES) return;
    this.gop.push(tag);
    this.gopBytes += tag.bytes.length;
  }

  /**
   * True once a publisher can be primed: the header, every stream's codec configuration and a keyframe are known.
   * The ingest learns the codecs from what comes first, so everything it needs must lead.
   */
  ready(): boolean {
    if (this.header === null || this.gop.length === 0 || this.configs.size === 0) return false;
    for (const type of this.needConfig) if (!this.configs.has(type)) return false;
    return true;
  }

  /**
   * Already in the stream: metadata, or codec configuration equal to what was sent (another encoder taking over
   * with the same settings). Compared without the tag header, whose timestamp differs.
   */
  repeats(tag: FlvTag): boolean {
    if (tag.type === TAG_SCRIPT) return this.metadata !== null;
    if (!tag.config) return false;
    const known = this.configs.get(tag.type);
    return known !== undefined && known.bytes.subarray(11).equals(tag.bytes.subarray(11));
  }

  /** The tags a new connection starts with, in order: metadata, every codec configuration, the GOP so far. */
  primeTags(): FlvTag[] {
    return [...(this.metadata ? [this.metadata] : []), ...this.configs.values(), ...this.gop];
  }

  /** The same as an FLV stream (header first); continue with each following tag's bytes. */
  prime(): Buffer {
    return Buffer.concat([...(this.header ? [this.header] : []), ...this.primeTags().map((tag) => tag.bytes)]);
  }
}

function needsConfig(tag: FlvTag): boolean {
  const first = tag.bytes[11];
  if (first === undefined) return false;
  if (tag.type === TAG_VIDEO) return (first & 0x0f) === 7 || (first & 0x0f) === 12;
  if (tag.type === TAG_AUDIO) return first >> 4 === 10;
  return false;
}
