// RTMP's chunk stream, both ways. Out: each message as a type-0 chunk (absolute timestamp) and type-3
// continuations, the extended timestamp repeated on every one of them (as FFmpeg and librtmp write it). In: every
// header form, messages reassembled per chunk stream, sizes bounded (a server sends small control messages; one that
// announces a huge one is refused rather than buffered).

export const MSG_SET_CHUNK_SIZE = 1;
export const MSG_ABORT = 2;
export const MSG_ACK = 3;
export const MSG_USER_CONTROL = 4;
export const MSG_WINDOW_ACK_SIZE = 5;
export const MSG_SET_PEER_BANDWIDTH = 6;
export const MSG_AUDIO = 8;
export const MSG_VIDEO = 9;
export const MSG_DATA_AMF0 = 18;
export const MSG_COMMAND_AMF0 = 20;

/** Chunk streams, as FFmpeg numbers them. */
export const CS_CONTROL = 2;
export const CS_COMMAND = 3;
export const CS_AUDIO = 4;
export const CS_VIDEO = 6;
export const CS_PUBLISH = 8;

const EXTENDED = 0xffffff;
/** The largest message accepted from a server: its commands and control messages are tiny. */
export const MAX_INCOMING_MESSAGE = 1024 * 1024;
const MAX_CHUNK_SIZE = 0x7fffffff;

export interface RtmpMessage {
  chunkStream: number;
  type: number;
  streamId: number;
  timestamp: number;
  payload: Buffer;
}

function basicHeader(fmt: number, chunkStream: number): Buffer {
  if (chunkStream < 2 || chunkStream > 65599) throw new RangeError(`chunk stream ${chunkStream}`);
  if (chunkStream < 64) return Buffer.from([(fmt << 6) | chunkStream]);
  if (chunkStream < 320) return Buffer.from([fmt << 6, chunkStream - 64]);
  const id = chunkStream - 64;
  return Buffer.from([(fmt << 6) | 1, id & 0xff, id >> 8]);
}

/** One message as chunks of at most `chunkSize` bytes of payload. */
export function encodeMessage(message: RtmpMessage, chunkSize: number): Buffer[] {
  const { chunkStream, type, streamId, payload } = message;
  const timestamp = message.timestamp >>> 0;
  const extended = timestamp >= EXTENDED;
  const header = Buffer.alloc(11 + (extended ? 4 : 0));
  header.writeUIntBE(extended ? EXTENDED : timestamp, 0, 3);
  header.writeUIntBE(payload.length, 3, 3);
  header[6] = type;
  header.writeUInt32LE(streamId, 7);
  if (extended) header.writeUInt32BE(timestamp, 11);
  const parts = [basicHeader(0, chunkStream), header];
  const continuation = extended
    ? Buffer.concat([basicHeader(3, chunkStream), header.subarray(11)])
    : basicHeader(3, chunkStream);
  for (let offset = 0; offset < payload.length || offset === 0; offset += chunkSize) {
    if (offset > 0) parts.push(continuation);
    parts.push(payload.subarray(offset, offset + chunkSize));
    if (payload.length === 0) break;
  }
  return parts;
}

interface StreamState {
  timestamp: number;
  delta: number;
  length: number;
  type: number;
  streamId: number;
  extended: boolean;
  parts: Buffer[];
  received: number;
}

/**
 * What a server may have half sent at once, over every chunk stream: a publisher only gets control messages and
 * command replies, so anything near this is a broken or hostile server, not a reason to hold memory.
 */
export const MAX_INCOMING_PARTIAL = 4 * 1024 * 1024;
export const MAX_CHUNK_STREAMS = 64;

export class ChunkReader {
  chunkSize = 128;
  private pending: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, StreamState>();
  /** Bytes of messages begun and not yet complete, over every chunk stream. */
  private partial = 0;

  /** Feeds received bytes; returns the messages they completed. Throws RangeError on a malformed stream. */
  push(data: Buffer): RtmpMessage[] {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    const out: RtmpMessage[] = [];
    let offset = 0;
    for (;;) {
      const consumed = this.chunk(this.pending, offset, out);
      if (consumed === 0) break;
      offset += consumed;
    }
    this.pending = this.pending.subarray(offset);
    return out;
  }

  setChunkSize(size: number): void {
    if (size < 1 || size > MAX_CHUNK_SIZE) throw new RangeError(`chunk size ${size}`);
    this.chunkSize = size;
  }

  /** Reads one chunk at `at`; returns its length, or 0 when it has not all arrived yet. */
  private chunk(buf: Buffer, at: number, out: RtmpMessage[]): number {
    let pos = at;
    if (buf.length - pos < 1) return 0;
    const fmt = buf[pos]! >> 6;
    let chunkStream = buf[pos]! & 0x3f;
    pos += 1;
    if (chunkStream === 0) {
      if (buf.length - pos < 1) return 0;
      chunkStream = buf[pos]! + 64;
      pos += 1;
    } else if (chunkStream === 1) {
      if (buf.length - pos < 2) return 0;
      chunkStream = buf[pos]! + buf[pos + 1]! * 256 + 64;
      pos += 2;
    }
    const headerBytes = [11, 7, 3, 0][fmt]!;
    if (buf.length - pos < headerBytes) return 0;
    const previous = this.streams.get(chunkStream);
    if (fmt !== 0 && !previous) throw new RangeError(`chunk stream ${chunkStream} continued before it began`);
    if (!previous && this.streams.size >= MAX_CHUNK_STREAMS) throw new RangeError('too many chunk streams');
    const state: StreamState = previous ?? {
      timestamp: 0,
      delta: 0,
      length: 0,
      type: 0,
      streamId: 0,
      extended: false,
      parts: [],
      received: 0,
    };
    const starting = state.received === 0;
    let field = state.extended ? EXTENDED : 0;
    if (fmt <= 2) field = buf.readUIntBE(pos, 3);
    if (fmt <= 1) {
      state.length = buf.readUIntBE(pos + 3, 3);
      state.type = buf[pos + 6]!;
    }
    if (fmt === 0) state.streamId = buf.readUInt32LE(pos + 7);
    pos += headerBytes;
    const extended = fmt <= 2 ? field === EXTENDED : state.extended;
    let value = field;
    if (extended) {
      if (buf.length - pos < 4) return 0;
      value = buf.readUInt32BE(pos);
      pos += 4;
    }
    if (state.length > MAX_INCOMING_MESSAGE) throw new RangeError(`a ${state.length}-byte message from the server`);
    const take = Math.min(this.chunkSize, state.length - state.received);
    if (buf.length - pos < take) return 0;
    // Only now, with the whole chunk here, is the state changed.
    state.extended = extended;
    if (starting) {
      if (fmt === 0) state.timestamp = value;
      else {
        if (fmt !== 3) state.delta = value;
        state.timestamp = (state.timestamp + state.delta) >>> 0;
      }
    }
    state.parts.push(buf.subarray(pos, pos + take));
    state.received += take;
    this.partial += take;
    if (this.partial > MAX_INCOMING_PARTIAL) throw new RangeError('the server has too much half sent');
    this.streams.set(chunkStream, state);
    if (state.received === state.length) {
      this.partial -= state.received;
      const payload = Buffer.concat(state.parts);
      // The chunks right behind a Set Chunk Size already have the new size: it applies before they are read.
      if (state.type === MSG_SET_CHUNK_SIZE && payload.length >= 4)
        this.setChunkSize(payload.readUInt32BE(0) & 0x7fffffff);
      out.push({ chunkStream, type: state.type, streamId: state.streamId, timestamp: state.timestamp, payload });
      state.parts = [];
      state.received = 0;
    }
    return pos + take - at;
  }
}
