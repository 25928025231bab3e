// Child process for orders-rate.ts (forked with IPC): the order takers — N WebSocket clients, and for the flash
// sale the order API too — in a process of their own, as assistants are on devices of their own: the studio's
// loop only serves. Each client parses every message it gets (every event of every order), as a real one does.
import WebSocket from 'ws';
import { messagesOfFrame, wsProtocols } from '../../electron/core/protocol/bridge.ts';
import { now } from './measure.ts';

export type OrdersChildRequest =
  | { op: 'rate'; port: number; token: string; clients: number; warmup: number; n: number; oneN: number }
  | { op: 'flash'; port: number; token: string; clients: number; linkNo: number };

/** Sent around the measured part, so the studio's process can read its own CPU time over the same span. */
export interface OrdersChildMark {
  mark: 'start' | 'end';
}

export type OrdersChildReply =
  | { ok: true; op: 'rate'; samples: number[]; wallMs: number; oneSamples: number[]; oneMs: number; cpuMs: number }
  | { ok: true; op: 'flash'; flash: FlashResult }
  | { ok: false; message: string };

export interface FlashResult {
  /** Units the studio said yes to, by WebSocket clients and by the order API. */
  soldByClients: number;
  soldByApi: number;
  orders: number;
  /** "Only n left" answers: each taker then asks for less, and stops at "none left". */
  refusals: number;
  wallMs: number;
  samples: number[];
}

const CALL_TIMEOUT_MS = 10_000;
const BUYERS = 500;

class Refused extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`refused: ${reason}`);
    this.reason = reason;
  }
}

/** One connection taking orders one at a time. */
class OrderSocket {
  private readonly ws: WebSocket;
  private nextId = 1;
  private waiting: { id: number; resolve(): void; reject(e: Error): void } | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      for (const message of messagesOfFrame(JSON.parse(data.toString()))) {
        const msg = message as { type?: string; id?: number; ok?: boolean; error?: ErrorShape };
        const w = this.waiting;
        if (msg.type !== 'reply' || !w || msg.id !== w.id) continue;
        this.waiting = null;
        if (msg.ok) w.resolve();
        else w.reject(refusalOf(msg.error));
      }
    });
    ws.on('close', (code) => this.waiting?.reject(new Error(`socket closed (${code}) while waiting`)));
  }

  static async open(port: number, token: string): Promise<OrderSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, wsProtocols(token), { handshakeTimeout: CALL_TIMEOUT_MS });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`closed ${code} instead of accepting the token`)));
    });
    const socket = new OrderSocket(ws);
    await socket.send('studio.hello', { client: 'bench' });
    return socket;
  }

  send(method: string, params: unknown): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} took over ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
      const done = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      this.waiting = { id, resolve: () => done(), reject: done };
      this.ws.send(JSON.stringify({ type: 'request', id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

interface ErrorShape {
  code?: string;
  issues?: Array<{ code?: string }>;
}

function refusalOf(error: ErrorShape | undefined): Error {
  if (error?.code === 'refused') return new Refused(error.issues?.[0]?.code ?? 'refused');
  return new Error(`orders.create failed: ${JSON.stringify(error)}`);
}

let keySeq = 0;
/** The k-th order: one line by link number, quantity 1–3, from one of BUYERS regulars, with an idempotency key. */
function orderParams(k: number, bagSize: number) {
  return {
    input: {
      lines: [{ linkNo: 1 + (k % bagSize), quantity: 1 + (k % 3) }],
      buyer: `买家${String(k % BUYERS).padStart(3, '0')}号`,
      address: '浙江省杭州市余杭区五常街道文一西路 969 号',
    },
    key: `bench-${process.pid}-${++keySeq}`,
  };
}

const BAG_SIZE = 10;

/** Every socket takes orders one at a time until `count` are made in all; latencies in ms. */
async function takeOrders(sockets: OrderSocket[], count: number, into: number[]): Promise<number> {
  let next = 0;
  const t0 = now();
  await Promise.all(
    sockets.map(async (socket) => {
      while (next < count) {
        const params = orderParams(next++, BAG_SIZE);
        const t = now();
        await socket.send('orders.create', params);
        into.push(now() - t);
      }
    }),
  );
  return now() - t0;
}

async function rate(r: Extract<OrdersChildRequest, { op: 'rate' }>): Promise<OrdersChildReply> {
  const sockets: OrderSocket[] = [];
  try {
    for (let c = 0; c < r.clients; c++) sockets.push(await OrderSocket.open(r.port, r.token));
    await takeOrders(sockets, r.warmup, []);
    const samples: number[] = [];
    process.send?.({ mark: 'start' });
    const cpu0 = process.cpuUsage();
    const wallMs = await takeOrders(sockets, r.n, samples);
    const cpu = process.cpuUsage(cpu0);
    process.send?.({ mark: 'end' });
    const oneSamples: number[] = [];
    const oneMs = await takeOrders(sockets.slice(0, 1), r.oneN, oneSamples);
    return { ok: true, op: 'rate', samples, wallMs, oneSamples, oneMs, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    for (const s of sockets) s.close();
  }
}

/**
 * A flash sale: every taker orders the one product (1–3 units a time) as fast as its answers come; told "only n
 * left" it asks for one, and stops when even one is refused. The order API takes part as one more taker.
 */
async function flash(r: Extract<OrdersChildRequest, { op: 'flash' }>): Promise<OrdersChildReply> {
  const sockets: OrderSocket[] = [];
  const result: FlashResult = { soldByClients: 0, soldByApi: 0, orders: 0, refusals: 0, wallMs: 0, samples: [] };
  try {
    for (let c = 0; c < r.clients; c++) sockets.push(await OrderSocket.open(r.port, r.token));
    let k = 0;
    const buyer = () => `秒杀买家${++k}`;
    const taker = async (order: (quantity: number) => Promise<void>, sold: (units: number) => void) => {
      let quantity = 1 + (k % 3);
      for (;;) {
        const t = now();
        try {
          await order(quantity);
        } catch (error) {
          if (!(error instanceof Refused) || error.reason !== 'order_oversold') throw error;
          result.refusals++;
          if (quantity === 1) return;
          quantity = 1;
          continue;
        }
        result.samples.push(now() - t);
        result.orders++;
        sold(quantity);
      }
    };
    const t0 = now();
    await Promise.all([
      ...sockets.map((socket) =>
        taker(
          (quantity) =>
            socket.send('orders.create', {
              input: { lines: [{ linkNo: r.linkNo, quantity }], buyer: buyer(), address: '秒杀专场' },
              key: `flash-${process.pid}-${++keySeq}`,
            }),
          (units) => (result.soldByClients += units),
        ),
      ),
      taker(
        (quantity) => apiOrder(r.port, r.token, { link_no: r.linkNo, quantity, buyer: buyer() }),
        (units) => (result.soldByApi += units),
      ),
    ]);
    result.wallMs = now() - t0;
    return { ok: true, op: 'flash', flash: result };
  } finally {
    for (const s of sockets) s.close();
  }
}

async function apiOrder(port: number, token: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key: `flash-api-${process.pid}-${++keySeq}`, ...body }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const answer = (await res.json()) as { error?: { code?: string } };
  if (res.ok) return;
  const reason = answer.error?.code ?? String(res.status);
  if (res.status === 409 || res.status === 422) throw new Refused(reason);
  throw new Error(`POST /api/orders answered ${res.status}: ${JSON.stringify(answer)}`);
}

if (process.send) {
  process.on('message', (message) => {
    const request = message as OrdersChildRequest;
    const work = request.op === 'rate' ? rate(request) : flash(request);
    work.then(
      (reply) => process.send?.(reply),
      (error: unknown) => process.send?.({ ok: false, message: String((error as Error).stack ?? error) }),
    );
  });
  // The parent gone (crashed or killed): nothing left to measure for.
  process.on('disconnect', () => process.exit(0));
}
