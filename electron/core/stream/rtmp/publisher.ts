// Publishes one stream to one RTMP(S) server from the core itself, the way FFmpeg's rtmp protocol does it
// (handshake with the Flash digest, connect, releaseStream, FCPublish, createStream, publish "live"), then sends
// the encoder's FLV tags as RTMP messages. The stream key travels only inside the publish commands on this
// connection: it is on no command line (`ps` shows every process's arguments to every local user), in no log and
// in no error. RTMPS is Node's TLS, with the server's certificate checked.
import net from 'node:net';
import tls from 'node:tls';
import { decodeAmf0Prefix, encodeAmf0, encodeAmf0All, type Amf0Object, type Amf0Value } from './amf0.ts';
import {
  ChunkReader,
  CS_AUDIO,
  CS_COMMAND,
  CS_CONTROL,
  CS_PUBLISH,
  CS_VIDEO,
  encodeMessage,
  MSG_ACK,
  MSG_COMMAND_AMF0,
  MSG_DATA_AMF0,
  MSG_SET_CHUNK_SIZE,
  MSG_USER_CONTROL,
  MSG_WINDOW_ACK_SIZE,
  type RtmpMessage,
} from './chunks.ts';
import { clientAnswer, clientHello, SERVER_HELLO_BYTES } from './handshake.ts';
import type { RtmpTarget } from './rtmp-target.ts';
import type { ExitReason } from '../engine/exit-reason.ts';
import { TAG_SCRIPT, TAG_VIDEO, type FlvTag } from '../engine/flv-reader.ts';

/** Why a publisher ended, and what the server or the network said (never the key). */
export interface PublisherEnd {
  reason: ExitReason;
  detail: string;
}

export interface PublisherEvents {
  /** The server accepted the publish (NetStream.Publish.Start): media may go out now. */
  onPublishing(): void;
  /** Once, when the connection is over for whatever reason. */
  onEnd(end: PublisherEnd): void;
}

/** What a destination needs of a publisher (tests give it a fake). */
export interface Publisher {
  /** Sends a tag as an RTMP message; ignored until publishing. */
  send(tag: FlvTag): void;
  /** Bytes queued in this process, not yet taken by the operating system. */
  readonly backlog: number;
  /** Bytes the operating system took for the server since the connection opened. */
  readonly sentBytes: number;
  /** Unpublishes and closes, letting what is queued go out first (bounded by a grace period). */
  stop(): Promise<void>;
  /** Closes at once. */
  kill(): void;
}

export interface PublisherOptions {
  /**
   * Asks the server to acknowledge every this many bytes it receives (RTMP Window Acknowledgement Size, honoured by
   * nginx-rtmp and SRS): what arrived there, where `sentBytes` only says what this machine's buffers took.
   */
  ackWindow?: number;
}

export type OpenSocket = (target: RtmpTarget) => net.Socket;

/** A TCP connection, or TLS with the certificate checked against the host's name. */
export const openSocket: OpenSocket = (target) =>
  target.secure
    ? tls.connect({ host: target.host, port: target.port, servername: net.isIP(target.host) ? undefined : target.host })
    : net.connect({ host: target.host, port: target.port });

/** What FFmpeg announces when publishing (servers log it; some expect the FMLE form). */
export const FLASH_VERSION = 'FMLE/3.0 (compatible; LiveCart)';
/** Big chunks: one video frame in a few chunks rather than dozens of 128-byte ones. */
const OUT_CHUNK_SIZE = 4096;
const STOP_GRACE_MS = 3_000;
const SET_DATA_FRAME = encodeAmf0('@setDataFrame');

type Phase = 'handshake' | 'connecting' | 'publishing' | 'ended';

const CONNECT_TXN = 1;
const CREATE_STREAM_TXN = 4;
const PUBLISH_TXN = 5;

/**
 * How a failed connection reads. Only "nothing answers there" (refused, no route, timed out) is host_unreachable —
 * the one case where asking the port again shows when the server is back; an unknown name and TLS have their own;
 * a connection the server took and then cut (reset mid-handshake: plain RTMP sent to a TLS port, a balancer with no
 * server behind it) is handshake_failed, retried with the backoff only, since its port always answers.
 */
export function socketErrorReason(error: NodeJS.ErrnoException): ExitReason {
  const code = String(error.code ?? '');
  if (/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME)$/.test(code)) return 'host_unknown';
  if (/^(ERR_TLS|ERR_SSL|ERR_OSSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code)) {
    return 'tls_failed';
  }
  if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN|ETIMEDOUT|EADDRNOTAVAIL)$/.test(code)) {
    return 'host_unreachable';
  }
  return 'handshake_failed';
}

/**
 * What a server's error status means for the retry. BadName is said both for a name in use — nginx-rtmp's "Already
 * publishing" while it still holds the last connection's stream, or another encoder has the key — which goes away,
 * and for a name it will not take, which does not: only the words tell them apart.
 */
function statusReason(status: Amf0Object): ExitReason {
  const description = typeof status.description === 'string' ? status.description : '';
  const inUse = /already|in use|busy|is (now )?publish/i.test(description);
  return status.code === 'NetStream.Publish.BadName' && inUse ? 'name_busy' : 'publish_refused';
}

/** A server's words, kept for the destination's detail line: short, never the key. */
const MAX_DETAIL = 300;

export class RtmpPublisher implements Publisher {
  private phase: Phase = 'handshake';
  private readonly socket: net.Socket;
  private readonly target: RtmpTarget;
  private readonly events: PublisherEvents;
  private readonly reader = new ChunkReader();
  private hello: Buffer[] = [];
  private helloBytes = 0;
  private streamId = 0;
  private nextTxn = CONNECT_TXN;
  private publishSent = false;
  /** The first media tag's timestamp: each connection's stream starts at zero (as FFmpeg's pusher did). */
  private base: number | null = null;
  private received = 0;
  private ackedAt = 0;
  private ackWindow = 2_500_000;
  private failure: PublisherEnd | null = null;
  private ended = false;
  private outChunkSize = 128;
  /** The connection (TLS included) is up: errors from here on are the server's doing, not the network's. */
  private opened = false;

  /** Bytes the server says it received (its acknowledgements), or null before the first. */
  private serverAcked: number | null = null;
  private readonly askAckWindow: number | null;

  constructor(
    target: RtmpTarget,
    events: PublisherEvents,
    open: OpenSocket = openSocket,
    options: PublisherOptions = {},
  ) {
    this.askAckWindow = options.ackWindow ?? null;
    this.target = target;
    this.events = events;
    this.socket = open(target);
    this.socket.setNoDelay(true);
    this.socket.once(target.secure ? 'secureConnect' : 'connect', () => {
      this.opened = true;
      this.socket.write(clientHello());
    });
    this.socket.on('data', (data: Buffer) => this.receive(data));
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= { reason: this.errorReason(error), detail: this.redact(error.message) };
    });
    this.socket.once('close', () => this.finish());
  }

  get backlog(): number {
    return this.socket.writableLength;
  }

  get sentBytes(): number {
    return Math.max(0, (this.socket.bytesWritten ?? 0) - this.socket.writableLength);
  }

  /** What the server acknowledged receiving so far (see PublisherOptions.ackWindow), or null if it never said. */
  get acknowledgedBytes(): number | null {
    return this.serverAcked;
  }

  send(tag: FlvTag): void {
    if (this.phase !== 'publishing' || this.socket.destroyed) return;
    const body = tag.bytes.subarray(11, tag.bytes.length - 4);
    if (tag.type === TAG_SCRIPT) {
      // onMetaData goes to the server as "@setDataFrame" + the tag's own values (the server keeps it for players).
      this.write(CS_AUDIO, MSG_DATA_AMF0, 0, Buffer.concat([SET_DATA_FRAME, body]));
      return;
    }
    // Media starts at 0 from the first tag this connection sends. The codec configuration it is primed with comes
    // before that, at 0; a new one mid-show (the camera and the stand-in swapped) keeps its place in time.
    if (tag.config && this.base === null) {
      return this.write(tag.type === TAG_VIDEO ? CS_VIDEO : CS_AUDIO, tag.type, 0, body);
    }
    this.base ??= tag.timestamp;
    const timestamp = Math.max(0, tag.timestamp - this.base);
    this.write(tag.type === TAG_VIDEO ? CS_VIDEO : CS_AUDIO, tag.type, timestamp, body);
  }

  stop(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), STOP_GRACE_MS);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.failure ??= { reason: 'dropped', detail: 'stopped' };
      if (this.phase === 'publishing') {
        this.command('FCUnpublish', [null, this.target.name]);
        this.command('deleteStream', [null, this.streamId]);
      }
      this.phase = 'ended';
      this.socket.end();
    });
  }

  kill(): void {
    this.failure ??= { reason: 'dropped', detail: 'closed' };
    this.socket.destroy();
  }

  private write(chunkStream: number, type: number, timestamp: number, payload: Buffer, streamId = this.streamId): void {
    const message = { chunkStream, type, streamId, timestamp, payload };
    for (const part of encodeMessage(message, this.outChunkSize)) this.socket.write(part);
  }

  private command(name: string, args: Amf0Value[], chunkStream = CS_COMMAND, streamId = 0): void {
    const payload = encodeAmf0All([name, this.nextTxn++, ...args]);
    this.write(chunkStream, MSG_COMMAND_AMF0, 0, payload, streamId);
  }

  private receive(data: Buffer): void {
    if (this.ended) return;
    try {
      if (this.phase === 'handshake') {
        data = this.handshake(data);
        if (data.length === 0) return;
      }
      this.received += data.length;
      for (const message of this.reader.push(data)) this.handle(message);
      this.acknowledge();
    } catch (error) {
      this.fail(this.phase === 'publishing' ? 'dropped' : 'publish_refused', (error as Error).message);
    }
  }

  /** Collects S0+S1+S2; answers, then starts the conversation. Returns what arrived after them. */
  private handshake(data: Buffer): Buffer {
    this.hello.push(data);
    this.helloBytes += data.length;
    if (this.helloBytes < SERVER_HELLO_BYTES) return Buffer.alloc(0);
    const all = Buffer.concat(this.hello);
    this.hello = [];
    this.socket.write(clientAnswer(all));
    this.phase = 'connecting';
    this.setChunkSize();
    this.command('connect', [
      { app: this.target.app, type: 'nonprivate', flashVer: FLASH_VERSION, tcUrl: this.target.tcUrl } as Amf0Object,
    ]);
    return all.subarray(SERVER_HELLO_BYTES);
  }

  private setChunkSize(): void {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(OUT_CHUNK_SIZE);
    this.write(CS_CONTROL, MSG_SET_CHUNK_SIZE, 0, size, 0);
    this.outChunkSize = OUT_CHUNK_SIZE;
    if (this.askAckWindow !== null) {
      const window = Buffer.alloc(4);
      window.writeUInt32BE(this.askAckWindow);
      this.write(CS_CONTROL, MSG_WINDOW_ACK_SIZE, 0, window, 0);
    }
  }

  private handle(message: RtmpMessage): void {
    switch (message.type) {
      case MSG_WINDOW_ACK_SIZE:
        this.ackWindow = Math.max(1, message.payload.readUInt32BE(0));
        return;
      case MSG_ACK: {
        // A 32-bit count that wraps (every 4 GB): followed as the distance from the last one.
        const sequence = message.payload.readUInt32BE(0);
        const last = this.serverAcked ?? 0;
        this.serverAcked = last + ((sequence - (last >>> 0) + 2 ** 32) % 2 ** 32);
        return;
      }
      case MSG_USER_CONTROL:
        // Ping request (6): answered with a ping response (7) carrying the same time.
        if (message.payload.readUInt16BE(0) === 6) {
          const pong = Buffer.alloc(6);
          pong.writeUInt16BE(7, 0);
          message.payload.copy(pong, 2, 2, 6);
          this.write(CS_CONTROL, MSG_USER_CONTROL, 0, pong, 0);
        }
        return;
      case MSG_COMMAND_AMF0:
        this.onCommand(decodeAmf0Prefix(message.payload));
        return;
      default:
        return; // bandwidth hints, data: nothing a publisher must act on
    }
  }

  private onCommand([name, txn, , info]: Amf0Value[]): void {
    if (name === '_result' && txn === CONNECT_TXN) {
      this.command('releaseStream', [null, this.target.name]);
      this.command('FCPublish', [null, this.target.name]);
      this.command('createStream', [null]);
    } else if (name === '_result' && txn === CREATE_STREAM_TXN) {
      this.streamId = typeof info === 'number' ? info : 0;
      this.nextTxn = PUBLISH_TXN;
      this.command('publish', [null, this.target.name, 'live'], CS_PUBLISH, this.streamId);
      this.publishSent = true;
    } else if (name === '_error' && (txn === CONNECT_TXN || txn === CREATE_STREAM_TXN || txn === PUBLISH_TXN)) {
      this.fail('publish_refused', statusText(info));
    } else if (name === 'onStatus') {
      const status = typeof info === 'object' && info !== null && !Array.isArray(info) ? info : {};
      // An error once live ends the stream like a dropped connection; before, it says why it was not taken.
      if (status.level === 'error') {
        this.fail(this.phase === 'publishing' ? 'dropped' : statusReason(status), statusText(status));
      } else if (status.code === 'NetStream.Publish.Start' && this.phase === 'connecting') {
        this.phase = 'publishing';
        this.events.onPublishing();
      }
    }
  }

  /** Tells the server what has arrived, each time half its window has (as FFmpeg does). */
  private acknowledge(): void {
    if (this.received - this.ackedAt < this.ackWindow / 2) return;
    this.ackedAt = this.received;
    const ack = Buffer.alloc(4);
    ack.writeUInt32BE(this.received >>> 0);
    this.write(CS_CONTROL, MSG_ACK, 0, ack, 0);
  }

  private fail(reason: ExitReason, detail: string): void {
    this.failure ??= { reason, detail: this.redact(detail) };
    this.socket.destroy();
  }

  private errorReason(error: NodeJS.ErrnoException): ExitReason {
    if (this.phase === 'publishing') return 'dropped';
    if (this.publishSent) return 'publish_refused';
    const reason = socketErrorReason(error);
    // Reset before TLS was up (a plain RTMP port, an old TLS version, a refused server name): a TLS failure.
    if (reason === 'handshake_failed' && this.target.secure && !this.opened) return 'tls_failed';
    return reason;
  }

  /**
   * A server's words may quote the stream name it refused: that is the key. Every form of it goes (as sent, without
   * its query, each query value such as txSecret, percent-encoded, any case) before the text is cut short.
   */
  private redact(text: string): string {
    return redactKey(text, this.target.name).slice(0, MAX_DETAIL);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    const was = this.phase;
    this.phase = 'ended';
    // Closed by the server without a word: after the handshake and before the publish was answered that is a
    // refusal (nginx-rtmp's on_publish, a platform rejecting the key), once publishing a dropped connection.
    const unexplained: PublisherEnd =
      was === 'publishing'
        ? { reason: 'dropped', detail: 'the server closed the connection' }
        : was === 'connecting'
          ? { reason: 'publish_refused', detail: 'the server closed the connection before publishing began' }
          : { reason: 'handshake_failed', detail: 'the server closed the connection during the handshake' };
    this.events.onEnd(this.failure ?? unexplained);
  }
}

function statusText(info: Amf0Value): string {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) return 'refused';
  const code = typeof info.code === 'string' ? info.code : 'refused';
  const description = typeof info.description === 'string' ? `: ${info.description}` : '';
  return `${code}${description}`;
}

/** `text` with every form of the stream name `name` (the key) replaced by ••••. */
export function redactKey(text: string, name: string): string {
  const [path = '', query = ''] = name.split('?');
  const values = [...new URLSearchParams(query).values()].filter((v) => v.length >= 4);
  const forms = new Set<string>();
  for (const secret of [name, path, query, ...values].filter((v) => v.length > 0)) {
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  const longestFirst = [...forms].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(longestFirst.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return longestFirst.length === 0 ? text : text.replace(pattern, '••••');
}
