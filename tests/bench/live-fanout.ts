// Live fan-out: one client says "explain #3" (`live.explain`) to a real studio on loopback, and 20 other
// connected clients receive the `live.explainChanged` event. Measured per receiver, from just before the
// sender's send to the moment that receiver's message handler runs, and until the last of the 20 has it.
// Beside it, a bare `ws` server on loopback that answers every message from the sender by sending the studio's
// own event text (same bytes) to every connected client, then the studio's own reply text to the sender: the
// same client code measures both. The difference is what the studio does per call (zod checks, the SQLite
// write of the segment, one JSON.stringify per connection).
//
// First pass: the receivers live in this process, beside the studio (as protocol-rtt.ts does), so their parsing
// shares the studio's event loop. Second pass: the same receivers in a child process (fanout-child.ts), so the
// studio's loop only serves; arrival times there are on process.hrtime, the system-wide monotonic clock the
// send times are on too.
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { messagesOfFrame, wsProtocols } from '../../electron/core/protocol/bridge.ts';
import WebSocket, { WebSocketServer } from 'ws';
import { runStudio } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';
import { summarize, type LatencySummary } from './measure.ts';

export interface FanoutOptions {
  dataDir: string;
  /** Measured `live.explain` calls per target and pass. */
  n: number;
  warmup: number;
  /** Connected clients besides the sender (20 in the requirement). */
  receivers: number;
  /** Also measure with the receivers in a child process (default true). */
  childPass?: boolean;
}

export interface FanoutSide {
  /** Every receiver's arrival, n × receivers samples. */
  perClient: LatencySummary;
  /** The last of the receivers' arrivals per call: when everyone has it. */
  allReceived: LatencySummary;
  /** The first arrival per call. */
  firstReceived: LatencySummary;
}

export interface FanoutPass {
  studio: FanoutSide;
  baseline: FanoutSide;
}

export interface FanoutResult {
  n: number;
  warmup: number;
  receivers: number;
  /** The link numbers explained in turn. */
  links: number[];
  bagSize: number;
  requestBytes: number;
  eventBytes: number;
  replyBytes: number;
  /** Receivers in the studio's own process. */
  inProcess: FanoutPass;
  /** Receivers in a child process; null when not measured. */
  receiversInChild: FanoutPass | null;
}

/** Longest wait for one call's reply and all its events before the run fails (a lost event must not hang it). */
const ITERATION_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 5000;
const LINKS = [3, 4] as const;
const BAG_SIZE = 5;

/** Milliseconds on the system-wide monotonic clock: comparable between this process and the child. */
export const clockMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`live fan-out: ${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Opens a socket and, given a token, authenticates on it; `onMessage` is attached only once that is done. */
async function openSocket(
  url: string,
  token: string | null,
  onMessage: (data: WebSocket.RawData) => void,
  onClose: (code: number) => void,
): Promise<WebSocket> {
  // The studio takes the token in the upgrade (a subprotocol); a refused one is closed with 4401 at once.
  const ws = new WebSocket(url, token === null ? [] : wsProtocols(token), { handshakeTimeout: CONNECT_TIMEOUT_MS });
  try {
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', (code) =>
        reject(new Error(`the studio closed the socket (${code}) instead of accepting the token`)),
      );
    });
    await withTimeout(opened, CONNECT_TIMEOUT_MS, 'connecting a client');
  } catch (error) {
    ws.terminate();
    throw error;
  }
  ws.on('message', onMessage);
  ws.on('close', onClose);
  return ws;
}

function closeSockets(sockets: readonly WebSocket[]): Promise<void> {
  const closed = sockets.map((ws) =>
    ws.readyState === ws.CLOSED ? Promise.resolve() : new Promise<void>((resolve) => ws.once('close', () => resolve())),
  );
  for (const ws of sockets) ws.close();
  // A peer that never answers the close handshake is cut off rather than waited for.
  return withTimeout(Promise.all(closed), CONNECT_TIMEOUT_MS, 'closing clients').then(
    () => undefined,
    () => {
      for (const ws of sockets) ws.terminate();
    },
  );
}

/** What a pass needs of a set of receivers, wherever they live. */
export interface ReceiverGroup {
  /** Ready to catch the next `live.explainChanged` for linkNo; `done` gives each receiver's arrival time. */
  arm(linkNo: number, timeoutMs: number): Promise<{ done: Promise<number[]> }>;
  close(): Promise<void>;
}

/** The receiving clients: the same code against the studio and the bare server, in this process or the child. */
export class Receivers implements ReceiverGroup {
  private readonly sockets: WebSocket[] = [];
  private expected: number | null = null;
  private arrivals: number[] = [];
  private count = 0;
  private settle: { resolve(times: number[]): void; reject(error: Error): void } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lost: string | null = null;

  static async open(url: string, token: string | null, count: number): Promise<Receivers> {
    const group = new Receivers();
    try {
      for (let i = 0; i < count; i++) {
        const socket = await openSocket(
          url,
          token,
          (data) => group.receive(i, data),
          (code) => group.closed(i, code),
        );
        group.sockets.push(socket);
      }
    } catch (error) {
      await group.close();
      throw error;
    }
    return group;
  }

  private receive(index: number, data: WebSocket.RawData): void {
    const at = clockMs();
    // Every message is parsed, as a real client would; only the armed event counts.
    for (const message of messagesOfFrame(JSON.parse(data.toString()))) {
      const msg = message as { type?: string; name?: string; data?: { explaining?: { linkNo?: number } | null } };
      if (this.expected === null || msg.type !== 'event' || msg.name !== 'live.explainChanged') continue;
      if (msg.data?.explaining?.linkNo !== this.expected || !Number.isNaN(this.arrivals[index])) continue;
      this.arrivals[index] = at;
      if (++this.count === this.sockets.length) this.finish(null);
    }
  }

  private closed(index: number, code: number): void {
    this.lost ??= `receiver ${index + 1} lost its connection (${code})`;
    if (this.settle) this.finish(new Error(`live fan-out: ${this.lost}`));
  }

  private finish(error: Error | null): void {
    const settle = this.settle;
    clearTimeout(this.timer);
    this.settle = null;
    this.expected = null;
    if (error) settle?.reject(error);
    else settle?.resolve(this.arrivals);
  }

  arm(linkNo: number, timeoutMs: number): Promise<{ done: Promise<number[]> }> {
    if (this.settle) return Promise.reject(new Error('live fan-out: armed twice'));
    if (this.lost) return Promise.reject(new Error(`live fan-out: ${this.lost}`));
    const n = this.sockets.length;
    this.expected = linkNo;
    this.arrivals = new Array<number>(n).fill(NaN);
    this.count = 0;
    const done = new Promise<number[]>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.timer = setTimeout(() => {
      const missing = this.arrivals.flatMap((t, i) => (Number.isNaN(t) ? [i + 1] : []));
      this.finish(
        new Error(
          `live fan-out: only ${this.count} of ${n} receivers got live.explainChanged for link ${linkNo} within ${timeoutMs} ms (missing: ${missing.join(', ')})`,
        ),
      );
    }, timeoutMs);
    return Promise.resolve({ done });
  }

  close(): Promise<void> {
    this.lost ??= 'closed';
    return closeSockets(this.sockets);
  }
}

/** The client that presses "explain": one call at a time, answered by the next reply message. */
class Sender {
  private readonly ws: WebSocket;
  private waiting: { resolve(msg: { ok?: boolean }): void; reject(error: Error): void } | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
  }

  /** `tap` sees the text of every message that arrives (to capture the studio's own texts). */
  static async open(url: string, token: string | null, tap?: (text: string) => void): Promise<Sender> {
    let sender: Sender | null = null;
    const ws = await openSocket(
      url,
      token,
      (data) => {
        tap?.(data.toString());
        sender?.receive(data);
      },
      (code) => sender?.fail(new Error(`live fan-out: the sender's socket closed (${code}) while waiting for a reply`)),
    );
    sender = new Sender(ws);
    return sender;
  }

  private receive(data: WebSocket.RawData): void {
    for (const message of messagesOfFrame(JSON.parse(data.toString()))) {
      const msg = message as { type?: string; ok?: boolean };
      if (msg.type !== 'reply') continue; // its own copy of the event
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.resolve(msg);
    }
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }

  /** Sends `text` now (synchronously) and resolves with the reply. */
  send(text: string, timeoutMs: number): Promise<{ ok?: boolean }> {
    if (this.waiting) return Promise.reject(new Error('one call at a time'));
    const reply = new Promise<{ ok?: boolean }>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
    this.ws.send(text);
    return withTimeout(reply, timeoutMs, 'the reply to live.explain');
  }

  close(): Promise<void> {
    return closeSockets([this.ws]);
  }
}

/**
 * A bare WebSocket server on loopback. Each message from a client: `eventFor(text)` to every connected client
 * (the sender too, as the studio does), then `reply` to the sender. Nothing else happens.
 */
async function startBroadcastServer(
  eventFor: (request: string) => string,
  reply: string,
): Promise<{ url: string; clientCount(): number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', () => resolve());
    wss.once('error', reject);
  });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const event = eventFor(data.toString());
      for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(event);
      ws.send(reply);
    }),
  );
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Waits (bounded) until `ready()` holds: the server has seen every connect and close. */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`live fan-out: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let nextId = 1;
function explainRequest(sessionId: number, linkNo: number): string {
  return JSON.stringify({ type: 'request', id: nextId++, method: 'live.explain', params: { sessionId, linkNo } });
}

interface Target {
  sender: Sender;
  receivers: ReceiverGroup;
  sessionId: number;
  /** The link explained now: each call asks for the other one, so every call really changes it. */
  current: number;
}

interface Samples {
  perClient: number[];
  all: number[];
  first: number[];
}

const emptySamples = (): Samples => ({ perClient: [], all: [], first: [] });

async function explainCalls(target: Target, count: number, into: Samples): Promise<void> {
  for (let k = 0; k < count; k++) {
    const linkNo = target.current === LINKS[0] ? LINKS[1] : LINKS[0];
    const { done } = await target.receivers.arm(linkNo, ITERATION_TIMEOUT_MS);
    const text = explainRequest(target.sessionId, linkNo);
    const t0 = clockMs();
    const [times, reply] = await Promise.all([done, target.sender.send(text, ITERATION_TIMEOUT_MS)]);
    if (reply.ok !== true) throw new Error(`live fan-out: live.explain failed: ${JSON.stringify(reply)}`);
    target.current = linkNo;
    let first = Infinity;
    let last = -Infinity;
    for (const t of times) {
      into.perClient.push(t - t0);
      if (t < first) first = t;
      if (t > last) last = t;
    }
    into.first.push(first - t0);
    into.all.push(last - t0);
  }
}

function side(s: Samples): FanoutSide {
  return { perClient: summarize(s.perClient), allReceived: summarize(s.all), firstReceived: summarize(s.first) };
}

/** Warm-up, then n calls on each target in 4 interleaved rounds (alternating which goes first), as protocol-rtt. */
async function measurePass(studio: Target, baseline: Target, n: number, warmup: number): Promise<FanoutPass> {
  await explainCalls(studio, warmup, emptySamples());
  await explainCalls(baseline, warmup, emptySamples());
  const s = emptySamples();
  const b = emptySamples();
  const rounds = 4;
  const per = Math.ceil(n / rounds);
  for (let r = 0; r < rounds; r++) {
    const count = Math.min(per, n - r * per);
    if (count <= 0) break;
    if (r % 2 === 0) {
      await explainCalls(studio, count, s);
      await explainCalls(baseline, count, b);
    } else {
      await explainCalls(baseline, count, b);
      await explainCalls(studio, count, s);
    }
  }
  return { studio: side(s), baseline: side(b) };
}

// --- receivers in a child process -------------------------------------------------------------------------

export type ChildRequest =
  | { op: 'open'; id: number; group: string; url: string; token: string | null; count: number }
  | { op: 'arm'; id: number; group: string; linkNo: number; timeoutMs: number }
  | { op: 'close'; id: number };

export type ChildReply =
  | { id: number; stage: 'opened' | 'armed' | 'closed' }
  | { id: number; stage: 'done'; times: number[] }
  | { id: number; stage: 'failed'; message: string };

const CHILD = fileURLToPath(new URL('./fanout-child.ts', import.meta.url));

class ReceiverChild {
  private readonly child: ChildProcess;
  private nextRequest = 1;
  private readonly handlers = new Map<number, (reply: ChildReply) => void>();
  private exited: string | null = null;

  constructor() {
    this.child = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (message) => {
      const reply = message as ChildReply;
      this.handlers.get(reply.id)?.(reply);
    });
    this.child.once('exit', (code, signal) => {
      this.exited = `the receivers' child process exited (${signal ?? code})`;
      const failed: ChildReply = { id: 0, stage: 'failed', message: this.exited };
      for (const handle of [...this.handlers.values()]) handle(failed);
    });
  }

  /** Sends a request; `onReply` sees each of its replies until it returns true (finished). */
  private request(message: ChildRequest, onReply: (reply: ChildReply) => boolean): void {
    if (this.exited) {
      onReply({ id: message.id, stage: 'failed', message: this.exited });
      return;
    }
    this.handlers.set(message.id, (reply) => {
      if (onReply(reply)) this.handlers.delete(message.id);
    });
    this.child.send(message);
  }

  private simple(message: ChildRequest, expected: ChildReply['stage']): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve, reject) =>
        this.request(message, (reply) => {
          if (reply.stage === expected) resolve();
          else reject(new Error(reply.stage === 'failed' ? reply.message : `unexpected ${reply.stage}`));
          return true;
        }),
      ),
      CONNECT_TIMEOUT_MS * 4,
      `the receivers' child process (${message.op})`,
    );
  }

  async group(name: string, url: string, token: string | null, count: number): Promise<ReceiverGroup> {
    await this.simple({ op: 'open', id: this.nextRequest++, group: name, url, token, count }, 'opened');
    return {
      arm: (linkNo, timeoutMs) =>
        new Promise((resolveArmed, rejectArmed) => {
          let settleDone: { resolve(times: number[]): void; reject(error: Error): void } | null = null;
          const done = new Promise<number[]>((resolve, reject) => {
            settleDone = { resolve, reject };
          });
          let armed = false;
          this.request({ op: 'arm', id: this.nextRequest++, group: name, linkNo, timeoutMs }, (reply) => {
            if (reply.stage === 'armed') {
              armed = true;
              resolveArmed({ done: withTimeout(done, timeoutMs + 2000, "the receivers' child process") });
              return false;
            }
            const error = new Error(reply.stage === 'failed' ? reply.message : `unexpected ${reply.stage}`);
            if (reply.stage === 'done') settleDone!.resolve(reply.times);
            else if (armed) settleDone!.reject(error);
            else rejectArmed(error);
            return true;
          });
        }),
      close: () => Promise.resolve(), // the child closes them all at once, in close() below
    };
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.simple({ op: 'close', id: this.nextRequest++ }, 'closed');
      await withTimeout(exited, CONNECT_TIMEOUT_MS, "the receivers' child process to exit");
    } catch {
      this.child.kill();
    }
  }
}

// --- the benchmark ----------------------------------------------------------------------------------------

export async function benchLiveFanout(opts: FanoutOptions): Promise<FanoutResult> {
  const running = await runStudio(opts.dataDir);
  const cleanup: Array<() => Promise<void>> = [];
  try {
    const { host, studio } = running;
    const studioUrl = `ws://127.0.0.1:${host.port}/ws`;

    // A live session whose bag holds BAG_SIZE products, set up through the protocol as the studio's UI does.
    const setup = await TestClient.connect(host.port, host.token);
    const show = await setup.call('live.createSession', { input: { title: '压测专场' } });
    for (let k = 1; k <= BAG_SIZE; k++) {
      const product = await setup.call('catalog.create', {
        input: { title: `压测商品 ${k}号`, priceFen: 990 * k, stock: 1000, sellingPoints: '产地直发，坏果包赔' },
      });
      await setup.call('live.bagAdd', { sessionId: show.id, productId: product.id });
    }
    await setup.call('live.goLive', { id: show.id });
    setup.close();

    // The studio's real texts (an event for each link, a reply), so the bare server sends exactly as many bytes.
    // Three calls, so the event kept for each link also carries the segment it ended, as every measured one does.
    const events = new Map<number, string>();
    let replyText = '';
    const capture = await Sender.open(studioUrl, host.token, (frame) => {
      // One message's text as the studio writes it (a frame may hold the event and the reply together).
      for (const message of messagesOfFrame(JSON.parse(frame))) {
        const msg = message as { type?: string; name?: string; data?: { explaining?: { linkNo: number } } };
        const text = JSON.stringify(message);
        if (msg.type === 'event' && msg.name === 'live.explainChanged' && msg.data?.explaining)
          events.set(msg.data.explaining.linkNo, text);
        if (msg.type === 'reply') replyText = text;
      }
    });
    let requestText = '';
    for (const linkNo of [LINKS[0], LINKS[1], LINKS[0]]) {
      requestText = explainRequest(show.id, linkNo);
      const reply = await capture.send(requestText, ITERATION_TIMEOUT_MS);
      if (reply.ok !== true) throw new Error(`live fan-out: live.explain failed: ${JSON.stringify(reply)}`);
    }
    await capture.close();
    const [eventA, eventB] = LINKS.map((l) => events.get(l));
    if (!eventA || !eventB || !replyText) throw new Error('live fan-out: did not see the studio’s event and reply');
    const current = LINKS[0]; // explained last

    const baseline = await startBroadcastServer(
      (request) => (request.includes(`"linkNo":${LINKS[0]}`) ? eventA : eventB),
      replyText,
    );
    cleanup.push(() => baseline.close());

    const studioSender = await Sender.open(studioUrl, host.token);
    cleanup.push(() => studioSender.close());
    const baselineSender = await Sender.open(baseline.url, null);
    cleanup.push(() => baselineSender.close());

    const counted = async (receivers: number) => {
      await until(
        () => studio.server.connectionCount() === receivers + 1,
        `the studio to count ${receivers + 1} clients`,
      );
      await until(() => baseline.clientCount() === receivers + 1, `the bare server to count ${receivers + 1} clients`);
    };

    // Pass 1: receivers in this process.
    const studioReceivers = await Receivers.open(studioUrl, host.token, opts.receivers);
    const baselineReceivers = await Receivers.open(baseline.url, null, opts.receivers);
    await counted(opts.receivers);
    const studioTarget: Target = { sender: studioSender, receivers: studioReceivers, sessionId: show.id, current };
    const baselineTarget: Target = {
      sender: baselineSender,
      receivers: baselineReceivers,
      sessionId: show.id,
      current,
    };
    const inProcess = await measurePass(studioTarget, baselineTarget, opts.n, opts.warmup);
    await studioReceivers.close();
    await baselineReceivers.close();
    await counted(0);

    // Pass 2: the same receivers in a child process.
    let receiversInChild: FanoutPass | null = null;
    if (opts.childPass !== false) {
      const child = new ReceiverChild();
      cleanup.push(() => child.close());
      studioTarget.receivers = await child.group('studio', studioUrl, host.token, opts.receivers);
      baselineTarget.receivers = await child.group('baseline', baseline.url, null, opts.receivers);
      await counted(opts.receivers);
      receiversInChild = await measurePass(studioTarget, baselineTarget, opts.n, opts.warmup);
    }

    return {
      n: opts.n,
      warmup: opts.warmup,
      receivers: opts.receivers,
      links: [...LINKS],
      bagSize: BAG_SIZE,
      requestBytes: Buffer.byteLength(requestText),
      eventBytes: Math.max(Buffer.byteLength(eventA), Buffer.byteLength(eventB)),
      replyBytes: Buffer.byteLength(replyText),
      inProcess,
      receiversInChild,
    };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => {});
    await running.stop();
  }
}
