// What reaches the ingest, seen on the wire: a loopback TCP proxy between a publisher (the studio's in-core one, or a
// bare ffmpeg) and nginx-rtmp, in the bench process. It forwards both directions untouched and parses just enough
// of the publisher's side to know when media arrives: it skips the RTMP handshake (C0 + C1 + C2, 3,073 bytes), then
// follows the chunk stream (basic header, message header by format 0–3, extended timestamp, the publisher's own
// Set Chunk Size) and notes, per connection, the moment the last byte of
//   - the first video message (type 9: for H.264 the AVC sequence header, no picture yet),
//   - the first video message that carries a picture (AVC packet type 1: the first keyframe) — "the first video
//     packet accepted by the server",
//   - the audio and video payload that makes 16 KB in all (what the prototype measured)
// came in from the publisher; the proxy writes it on to nginx in the same tick. A publisher only sends media after
// nginx has answered its publish (NetStream.Publish.Start, after the on_publish hook said yes), so media on the wire
// means the server has accepted the stream. The proxy is no detour worth counting: a bare ffmpeg's publish reached
// nginx's on_publish hook in 235 ms through it against 233 ms direct (medians of 6, when this was written).
//
// With `delayMs`, every chunk is held that long in each direction (a round trip of 2 × delayMs, as to a distant
// ingest); the marks are then taken as the bytes are handed on to nginx.
//
// down() stops accepting (the port then refuses connections, as a dead server's does, so the engine sees
// "connection refused" and not a proxy that accepts and hangs up) and up() listens on the same port again.
import { rtmpTarget, type RtmpTarget } from '../../electron/core/stream/rtmp/rtmp-target.ts';
import net from 'node:net';
import { now } from './measure.ts';

export type WireMark = 'video' | 'picture' | 'media16k';

export interface WireConnection {
  id: number;
  /** When the proxy accepted the publisher's TCP connection (ms on measure.ts's now()). */
  acceptedAt: number;
  /** When each mark was first reached on this connection. */
  marks: Partial<Record<WireMark, number>>;
  videoMessages: number;
  audioMessages: number;
  /** Audio and video payload bytes (chunk headers not counted). */
  mediaBytes: number;
  /** Set when the byte stream stopped making sense as RTMP; the bytes were still forwarded. */
  parseError: string | null;
  /** Each video message carrying a picture: its RTMP timestamp (ms, the decode time) and when it came in. */
  pictures: Array<{ timestamp: number; at: number }>;
}

const HANDSHAKE_BYTES = 1 + 1536 + 1536;
const DEFAULT_CHUNK_SIZE = 128;
const MEDIA_MARK_BYTES = 16 * 1024;
const TYPE_SET_CHUNK_SIZE = 1;
const TYPE_AUDIO = 8;
const TYPE_VIDEO = 9;
const MESSAGE_HEADER_BYTES = [11, 7, 3, 0] as const;

interface ChunkStream {
  length: number;
  type: number;
  /** The message's timestamp: absolute in a format 0 header, the last plus a delta in formats 1 and 2 (and 3). */
  timestamp: number;
  delta: number;
  /** The last format 0–2 header had an extended timestamp: so do its format 3 chunks (RTMP spec, and ffmpeg). */
  extended: boolean;
  /** Bytes of the current message still to come; 0 between messages. */
  left: number;
  /** The message's first payload bytes (codec, frame and packet type; a chunk size). */
  head: number[];
}

/** Follows the publisher → server half of one RTMP connection. */
export class ChunkWatcher {
  private skip = HANDSHAKE_BYTES;
  private chunkSize = DEFAULT_CHUNK_SIZE;
  private pending: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, ChunkStream>();
  private current: ChunkStream | null = null;
  /** Bytes of the current chunk's data still to come. */
  private dataLeft = 0;
  private readonly conn: WireConnection;
  private readonly mark: (mark: WireMark, at: number) => void;

  constructor(conn: WireConnection, mark: (mark: WireMark, at: number) => void) {
    this.conn = conn;
    this.mark = mark;
  }

  push(chunk: Buffer, at: number): void {
    if (this.conn.parseError !== null) return;
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let off = 0;
    if (this.skip > 0) {
      const n = Math.min(this.skip, buf.length);
      this.skip -= n;
      off += n;
    }
    try {
      while (off < buf.length) {
        if (this.dataLeft > 0) {
          const n = Math.min(this.dataLeft, buf.length - off);
          this.payload(buf, off, n, at);
          off += n;
          this.dataLeft -= n;
          if (this.dataLeft === 0 && this.current!.left === 0) this.complete(this.current!, at);
          continue;
        }
        const used = this.header(buf, off);
        if (used === 0) break; // the rest of the header is in the next chunk
        off += used;
        if (this.dataLeft === 0 && this.current!.left === 0) this.complete(this.current!, at); // an empty message
      }
    } catch (error) {
      this.conn.parseError = (error as Error).message;
      buf = Buffer.alloc(0);
      off = 0;
    }
    this.pending = Buffer.from(buf.subarray(off));
  }

  /** Reads one chunk header at `off`; returns its length, or 0 when it is not all there yet. */
  private header(buf: Buffer, off: number): number {
    const b0 = buf[off]!;
    const fmt = b0 >> 6;
    let csid = b0 & 0x3f;
    let p = off + 1;
    if (csid === 0) {
      if (buf.length < p + 1) return 0;
      csid = 64 + buf[p]!;
      p += 1;
    } else if (csid === 1) {
      if (buf.length < p + 2) return 0;
      csid = 64 + buf[p]! + buf[p + 1]! * 256;
      p += 2;
    }
    const size = MESSAGE_HEADER_BYTES[fmt]!;
    if (buf.length < p + size) return 0;
    let stream = this.streams.get(csid);
    if (!stream) {
      if (fmt !== 0) throw new Error(`chunk stream ${csid} starts with a format ${fmt} header`);
      stream = { length: 0, type: 0, timestamp: 0, delta: 0, extended: false, left: 0, head: [] };
    }
    let extended = stream.extended;
    const field = fmt <= 2 ? buf.readUIntBE(p, 3) : 0;
    if (fmt <= 2) extended = field === 0xffffff;
    if (buf.length < p + size + (extended ? 4 : 0)) return 0;
    const time = extended ? buf.readUInt32BE(p + size) : field;
    // Only now that the whole header is here: state changes once per header.
    this.streams.set(csid, stream);
    stream.extended = extended;
    if (fmt <= 1) {
      stream.length = buf.readUIntBE(p + 3, 3);
      stream.type = buf[p + 6]!;
    }
    p += size + (extended ? 4 : 0);
    // Formats 0–2 always begin a message; format 3 continues one, or repeats the last header for a new one.
    if (fmt !== 3 || stream.left === 0) {
      stream.left = stream.length;
      stream.head = [];
      if (fmt === 0) stream.timestamp = time;
      else {
        if (fmt <= 2) stream.delta = time;
        stream.timestamp += stream.delta;
      }
    }
    this.current = stream;
    this.dataLeft = Math.min(this.chunkSize, stream.left);
    return p - off;
  }

  private payload(buf: Buffer, off: number, n: number, at: number): void {
    const s = this.current!;
    s.left -= n;
    for (let i = 0; i < n && s.head.length < 4; i++) s.head.push(buf[off + i]!);
    if (s.type === TYPE_AUDIO || s.type === TYPE_VIDEO) {
      const before = this.conn.mediaBytes;
      this.conn.mediaBytes += n;
      if (before < MEDIA_MARK_BYTES && this.conn.mediaBytes >= MEDIA_MARK_BYTES) this.mark('media16k', at);
    }
  }

  private complete(s: ChunkStream, at: number): void {
    if (s.type === TYPE_SET_CHUNK_SIZE && s.head.length === 4) {
      const size = Buffer.from(s.head).readUInt32BE(0) & 0x7fffffff;
      if (size < 1) throw new Error(`Set Chunk Size ${size}`);
      this.chunkSize = size;
    } else if (s.type === TYPE_AUDIO) {
      this.conn.audioMessages += 1;
    } else if (s.type === TYPE_VIDEO) {
      this.conn.videoMessages += 1;
      this.mark('video', at);
      const [first = 0, packetType] = s.head;
      const codec = first & 0x0f;
      const frameType = first >> 4;
      // AVC (7) and HEVC (12): packet type 1 = pictures (0 is the codec configuration, 2 the end of the stream).
      // Frame type 5 is a video info/command frame, no picture.
      const picture = codec === 7 || codec === 12 ? packetType === 1 : frameType !== 5;
      if (picture) {
        this.mark('picture', at);
        this.conn.pictures.push({ timestamp: s.timestamp, at });
      }
    }
  }
}

interface Waiter {
  mark: WireMark;
  after: number;
  resolve(hit: { at: number; conn: WireConnection }): void;
}

/** The proxy. Every connection it accepted is in `connections`, in order. */
export class RtmpTap {
  readonly connections: WireConnection[] = [];
  private readonly upstreamPort: number;
  private readonly delayMs: number;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly waiters = new Set<Waiter>();
  private listenPort = 0;
  private closed = false;

  private constructor(upstreamPort: number, delayMs: number) {
    this.upstreamPort = upstreamPort;
    this.delayMs = delayMs;
  }

  /** A proxy to 127.0.0.1:upstreamPort; `delayMs` each way emulates a distant ingest (0: none). */
  static async open(upstreamPort: number, options: { delayMs?: number } = {}): Promise<RtmpTap> {
    const tap = new RtmpTap(upstreamPort, options.delayMs ?? 0);
    await tap.up();
    return tap;
  }

  get port(): number {
    return this.listenPort;
  }

  url(key: string): string {
    return `rtmp://127.0.0.1:${this.listenPort}/live/${encodeURIComponent(key)}`;
  }

  /** The tap's address and `key`, kept apart as the studio keeps them. */
  target(key: string): RtmpTarget {
    return rtmpTarget(`rtmp://127.0.0.1:${this.listenPort}/live`, key)!;
  }

  /** Listens again (on the same port after the first time). */
  async up(): Promise<void> {
    if (this.closed) throw new Error('the RTMP tap is closed');
    if (this.server) return;
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.listenPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Stops accepting at once: new connections are refused; open ones last until either end closes them. */
  down(): void {
    // close() stops listening now; its callback would wait for the open connections, so it is not waited for.
    this.server?.close();
    this.server = null;
  }

  /** The first connection accepted at or after `after` that reaches `mark`, and when; rejects after timeoutMs. */
  waitFor(mark: WireMark, after: number, timeoutMs: number): Promise<{ at: number; conn: WireConnection }> {
    const hit = this.connections.find((c) => c.acceptedAt >= after && c.marks[mark] !== undefined);
    if (hit) return Promise.resolve({ at: hit.marks[mark]!, conn: hit });
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        mark,
        after,
        resolve: (found) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(found);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.connections
          .filter((c) => c.acceptedAt >= after)
          .map((c) => `#${c.id}: ${c.mediaBytes} B media${c.parseError ? `, unparsed (${c.parseError})` : ''}`);
        reject(
          new Error(`no "${mark}" on the wire within ${timeoutMs} ms (connections: ${seen.join('; ') || 'none'})`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) this.waiters.delete(waiter);
    this.down();
    for (const socket of this.sockets) socket.destroy();
  }

  private accept(client: net.Socket): void {
    const conn: WireConnection = {
      id: this.connections.length + 1,
      acceptedAt: now(),
      marks: {},
      videoMessages: 0,
      audioMessages: 0,
      mediaBytes: 0,
      parseError: null,
      pictures: [],
    };
    this.connections.push(conn);
    const watcher = new ChunkWatcher(conn, (mark, at) => {
      if (conn.marks[mark] !== undefined) return;
      conn.marks[mark] = at;
      for (const waiter of this.waiters)
        if (waiter.mark === mark && conn.acceptedAt >= waiter.after) waiter.resolve({ at, conn });
    });
    client.pause();
    client.setNoDelay(true);
    const upstream = net.connect({ host: '127.0.0.1', port: this.upstreamPort });
    upstream.setNoDelay(true);
    this.sockets.add(client);
    this.sockets.add(upstream);
    client.once('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
    upstream.once('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', () => {}); // the other side's close says it all
    upstream.on('error', () => {
      // Nothing behind the proxy: the publisher is reset, as close as a proxy gets to "refused".
      if (!upstream.readyState.startsWith('open')) client.resetAndDestroy();
    });
    upstream.once('connect', () => {
      if (this.delayMs > 0) {
        // Timers of equal delay fire in order, so the bytes stay in order. No backpressure: a few Mbit/s at most.
        const later = (to: net.Socket, chunk: Buffer, before?: () => void) =>
          setTimeout(() => {
            before?.();
            if (!to.destroyed) to.write(chunk);
          }, this.delayMs);
        client.on('data', (chunk: Buffer) => later(upstream, chunk, () => watcher.push(chunk, now())));
        upstream.on('data', (chunk: Buffer) => later(client, chunk));
      } else {
        client.on('data', (chunk: Buffer) => watcher.push(chunk, now()));
        client.pipe(upstream);
        upstream.pipe(client);
      }
      client.resume();
    });
  }
}
