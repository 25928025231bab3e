// An incremental FLV demuxer for the encoder's output pipe. FLV is what RTMP carries, so each tag can be
// forwarded to a publisher untouched; the reader only needs to find tag boundaries and recognise keyframes and
// codec configuration (so a publisher started mid-show can be primed, see gop-cache.ts).
//
// Layout: a 9-byte header and a 4-byte "previous tag size" of 0, then tags: 11-byte header (type, 24-bit data
// size, 24-bit timestamp + 8-bit extension, 24-bit stream id), the data, and a 4-byte previous tag size.

export const TAG_AUDIO = 8;
export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;

export interface FlvTag {
  type: number;
  /** Milliseconds. */
  timestamp: number;
  /** The whole tag as it appears in the stream, trailing previous-tag-size included. */
  bytes: Buffer;
  /** A video keyframe (a place a decoder can start). */
  keyframe: boolean;
  /** Codec configuration (AVC decoder configuration, AAC AudioSpecificConfig), not media. */
  config: boolean;
}

const HEADER_BYTES = 9 + 4;
const TAG_HEADER_BYTES = 11;

export class FlvReader {
  /** The file header (with the first previous-tag-size), once read. */
  header: Buffer | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Feeds bytes as they arrive; returns the tags completed by them, in order. Throws on a corrupt stream. */
  push(chunk: Buffer): FlvTag[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const tags: FlvTag[] = [];
    let buffer = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    if (!this.header) {
      if (buffer.length < HEADER_BYTES) return this.keep(buffer, 0, tags);
      if (buffer.toString('latin1', 0, 3) !== 'FLV') throw new Error('not an FLV stream');
      const dataOffset = buffer.readUInt32BE(5);
      if (buffer.length < dataOffset + 4) return this.keep(buffer, 0, tags);
      this.header = Buffer.from(buffer.subarray(0, dataOffset + 4));
      offset = dataOffset + 4;
    }
    while (buffer.length - offset >= TAG_HEADER_BYTES) {
      const type = buffer[offset]! & 0x1f;
      // A corrupt stream shows as an unknown tag type or a tag whose trailing size disagrees with its header (a
      // size limit cannot catch it: the 24-bit size field caps every tag at 16 MB anyway).
      if (type !== TAG_AUDIO && type !== TAG_VIDEO && type !== TAG_SCRIPT) {
        throw new Error(`FLV tag of type ${type}: corrupt stream`);
      }
      const dataSize = buffer.readUIntBE(offset + 1, 3);
      const total = TAG_HEADER_BYTES + dataSize + 4;
      if (buffer.length - offset < total) break;
      if (buffer.readUInt32BE(offset + total - 4) !== total - 4)
        throw new Error('FLV tag size mismatch: corrupt stream');
      const timestamp = (buffer[offset + 7]! << 24) | buffer.readUIntBE(offset + 4, 3);
      const bytes = Buffer.from(buffer.subarray(offset, offset + total));
      tags.push({ type, timestamp: timestamp >>> 0, bytes, ...classify(type, bytes) });
      offset += total;
    }
    buffer = buffer.subarray(offset);
    return this.keep(buffer, 0, tags);
  }

  private keep(buffer: Buffer, from: number, tags: FlvTag[]): FlvTag[] {
    const rest = buffer.subarray(from);
    this.pending = rest.length > 0 ? [Buffer.from(rest)] : [];
    this.pendingBytes = rest.length;
    return tags;
  }
}

function classify(type: number, bytes: Buffer): { keyframe: boolean; config: boolean } {
  const first = bytes[TAG_HEADER_BYTES];
  if (first === undefined) return { keyframe: false, config: false };
  if (type === TAG_VIDEO) {
    const frameType = first >> 4;
    const codec = first & 0x0f;
    // AVC (7) and HEVC (12, the pre-enhanced-RTMP convention of Chinese CDNs): byte 2 is the packet type,
    // 0 = configuration, 1 = pictures, 2 = end of sequence.
    const avc = codec === 7 || codec === 12;
    const packetType = bytes[TAG_HEADER_BYTES + 1];
    // Only pictures are a place to start: the end-of-sequence tag ffmpeg writes last carries the keyframe flag too.
    return { keyframe: frameType === 1 && (!avc || packetType === 1), config: avc && packetType === 0 };
  }
  if (type === TAG_AUDIO) {
    // AAC (10): byte 2 is the packet type, 0 = AudioSpecificConfig.
    return { keyframe: false, config: first >> 4 === 10 && bytes[TAG_HEADER_BYTES + 1] === 0 };
  }
  return { keyframe: false, config: false };
}
