// Protocol round trip: `catalog.get` over a real WebSocket to a real web host on loopback, beside a bare `ws`
// server on loopback that answers every message with a reply of the same size (the studio's own reply text).
// Both are driven by the same client code in this process, as the studio's server is: the difference is what
// the studio does per call (JSON parse, zod checks, SQLite read, JSON stringify).
import type { AddressInfo } from 'node:net';
import { messagesOfFrame, wsProtocols } from '../../electron/core/protocol/bridge.ts';
import WebSocket, { WebSocketServer } from 'ws';
import type { ProductInput } from '../../electron/core/protocol/catalog-schemas.ts';
import { runStudio } from '../support/studio-fixture.ts';
import { TestClient } from '../support/ws-client.ts';
import { now, summarize, type LatencySummary } from './measure.ts';
import type { BenchProduct } from './product-data.ts';

export interface RttOptions {
  dataDir: string;
  /** Sequential calls per target. */
  n: number;
  warmup: number;
  /** Concurrent clients in the second variant; each makes n / clients calls. */
  clients: number;
  product: BenchProduct;
}

export interface ConcurrentSummary extends LatencySummary {
  wallMs: number;
  callsPerSecond: number;
}

export interface RttResult {
  n: number;
  warmup: number;
  requestBytes: number;
  replyBytes: number;
  sequential: { studio: LatencySummary; baseline: LatencySummary };
  concurrent: { clients: number; callsPerClient: number; studio: ConcurrentSummary; baseline: ConcurrentSummary };
}

/** One connection that sends a message and waits for the next one (the same code against both servers). */
class BenchSocket {
  private readonly ws: WebSocket;
  private waiting: ((msg: { type?: string; ok?: boolean }) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      for (const message of messagesOfFrame(JSON.parse(data.toString()))) {
        const msg = message as { type?: string; ok?: boolean };
        if (msg.type === 'event') continue; // not an answer to anything
        const resolve = this.waiting;
        this.waiting = null;
        resolve?.(msg);
      }
    });
    // A socket that closes mid-call must fail the call, not leave the benchmark waiting forever.
    ws.on('close', (code) => {
      const fail = this.waiting ? this.failWaiting : null;
      this.waiting = null;
      fail?.(new Error(`socket closed (${code}) while waiting for a reply`));
    });
  }

  static async open(url: string, token?: string): Promise<BenchSocket> {
    const ws = new WebSocket(url, token === undefined ? [] : wsProtocols(token));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new BenchSocket(ws);
  }

  send(text: string): Promise<{ type?: string; ok?: boolean }> {
    return new Promise((resolve, reject) => {
      if (this.waiting) return reject(new Error('one call at a time per socket'));
      this.waiting = resolve;
      this.failWaiting = reject;
      this.ws.send(text);
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** A bare WebSocket server on loopback: every message gets `reply` back, nothing else happens. */
async function startEchoServer(reply: string): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', () => resolve());
    wss.once('error', reject);
  });
  wss.on('connection', (ws) => ws.on('message', () => ws.send(reply)));
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

let nextId = 1;
function request(productId: number): string {
  return JSON.stringify({ type: 'request', id: nextId++, method: 'catalog.get', params: { id: productId } });
}

/** `count` sequential calls on one socket; latencies in ms. */
async function sequential(socket: BenchSocket, productId: number, count: number, into: number[]): Promise<void> {
  for (let k = 0; k < count; k++) {
    const text = request(productId);
    const t0 = now();
    const reply = await socket.send(text);
    into.push(now() - t0);
    if (reply.ok !== true) throw new Error(`catalog.get failed: ${JSON.stringify(reply)}`);
  }
}

/** One round: every socket makes `perClient` sequential calls, all sockets at once. */
async function concurrent(
  sockets: BenchSocket[],
  productId: number,
  perClient: number,
  into: number[],
): Promise<number> {
  const t0 = now();
  await Promise.all(sockets.map((s) => sequential(s, productId, perClient, into)));
  return now() - t0;
}

function concurrentSummary(samples: number[], wallMs: number): ConcurrentSummary {
  return { ...summarize(samples), wallMs, callsPerSecond: (samples.length / wallMs) * 1000 };
}

export async function benchProtocolRtt(opts: RttOptions): Promise<RttResult> {
  const running = await runStudio(opts.dataDir);
  const sockets: BenchSocket[] = [];
  let echo: Awaited<ReturnType<typeof startEchoServer>> | undefined;
  try {
    const { host } = running;
    const setup = await TestClient.connect(host.port, host.token);
    const p = opts.product;
    const input: ProductInput = {
      title: p.title,
      priceFen: p.priceFen,
      originalPriceFen: p.originalPriceFen,
      stock: p.stock,
      sku: p.sku,
      link: p.link,
      sellingPoints: p.sellingPoints,
    };
    const product = await setup.call('catalog.create', { input });
    setup.close();

    const studioUrl = `ws://127.0.0.1:${host.port}/ws`;
    const studioSocket = await BenchSocket.open(studioUrl, host.token);
    sockets.push(studioSocket);
    // The studio's real reply text, so the bare server answers with exactly as many bytes.
    const sample = request(product.id);
    const replyText = await new Promise<string>((resolve, reject) => {
      const raw = new WebSocket(studioUrl, wsProtocols(host.token));
      raw.once('error', reject);
      raw.once('close', (code) => reject(new Error(`studio closed the socket (${code}) before replying`)));
      raw.once('open', () => raw.send(sample));
      raw.on('message', (data) => {
        raw.close();
        resolve(data.toString());
      });
    });
    echo = await startEchoServer(replyText);
    const echoSocket = await BenchSocket.open(echo.url);
    sockets.push(echoSocket);

    const studioSamples: number[] = [];
    const baselineSamples: number[] = [];
    await sequential(studioSocket, product.id, opts.warmup, []);
    await sequential(echoSocket, product.id, opts.warmup, []);
    // Interleaved blocks, alternating which goes first, so drift (JIT, GC, CPU clocks) hits both alike.
    const rounds = 4;
    const per = Math.ceil(opts.n / rounds);
    for (let r = 0; r < rounds; r++) {
      const count = Math.min(per, opts.n - r * per);
      if (r % 2 === 0) {
        await sequential(studioSocket, product.id, count, studioSamples);
        await sequential(echoSocket, product.id, count, baselineSamples);
      } else {
        await sequential(echoSocket, product.id, count, baselineSamples);
        await sequential(studioSocket, product.id, count, studioSamples);
      }
    }

    const studioMany: BenchSocket[] = [];
    const echoMany: BenchSocket[] = [];
    for (let c = 0; c < opts.clients; c++) {
      studioMany.push(await BenchSocket.open(studioUrl, host.token));
      echoMany.push(await BenchSocket.open(echo.url));
    }
    sockets.push(...studioMany, ...echoMany);
    const perClient = Math.max(1, Math.floor(opts.n / opts.clients));
    await concurrent(studioMany, product.id, Math.min(perClient, 20), []); // warm-up
    await concurrent(echoMany, product.id, Math.min(perClient, 20), []);
    // The same interleaving as above: each round splits every client's calls into quarters.
    const studioMore: number[] = [];
    const baselineMore: number[] = [];
    let studioWall = 0;
    let baselineWall = 0;
    const perRound = Math.ceil(perClient / rounds);
    for (let r = 0; r < rounds; r++) {
      const count = Math.min(perRound, perClient - r * perRound);
      if (count <= 0) break;
      if (r % 2 === 0) {
        studioWall += await concurrent(studioMany, product.id, count, studioMore);
        baselineWall += await concurrent(echoMany, product.id, count, baselineMore);
      } else {
        baselineWall += await concurrent(echoMany, product.id, count, baselineMore);
        studioWall += await concurrent(studioMany, product.id, count, studioMore);
      }
    }
    const studioConcurrent = concurrentSummary(studioMore, studioWall);
    const baselineConcurrent = concurrentSummary(baselineMore, baselineWall);

    return {
      n: opts.n,
      warmup: opts.warmup,
      requestBytes: Buffer.byteLength(sample),
      replyBytes: Buffer.byteLength(replyText),
      sequential: { studio: summarize(studioSamples), baseline: summarize(baselineSamples) },
      concurrent: {
        clients: opts.clients,
        callsPerClient: perClient,
        studio: studioConcurrent,
        baseline: baselineConcurrent,
      },
    };
  } finally {
    for (const s of sockets) s.close();
    await echo?.close();
    await running.stop();
  }
}
