// The studio client: typed calls and events over whichever transport this window has.
// It owns the connection lifecycle — handshake, hello, reconnect with backoff, event-gap detection — so the
// stores only need to refetch when told the view of the core may be stale (`onReady`).
import type {
  EventName,
  Events,
  MethodName,
  Params,
  Result,
  ServerMessage,
} from '../../../electron/core/protocol/contract.ts';
import { StudioCallError } from './errors.ts';
import type { Transport } from './transport-types.ts';

export type ConnectionStatus = 'connecting' | 'ready' | 'reconnecting' | 'unauthorized';
export type Hello = Result<'studio.hello'>;

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: StudioCallError): void;
}

const BACKOFF_MS = [300, 1000, 2000, 4000, 8000];

export class StudioClient {
  status: ConnectionStatus = 'connecting';
  hello: Hello | null = null;

  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls made before the hello finished; sent once the connection is ready. */
  private waiting: Array<{ send(): void; fail(error: StudioCallError): void }> = [];
  /** Seq of the last event applied; null while a hello is in flight. */
  private lastSeq: number | null = null;
  private maxSeqBeforeHello = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly eventListeners = new Map<string, Set<(data: never, seq: number) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly readyListeners = new Set<(hello: Hello) => void>();

  readonly transport: Transport;

  /** Who this is, in each order's history: `desktop` (the Electron window) or `browser`. */
  private readonly clientName: string;

  constructor(transport: Transport, clientName = 'browser') {
    this.transport = transport;
    this.clientName = clientName;
  }

  start(): void {
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.transport.connect({
      onOpen: () => void this.greet(),
      onMessage: (message) => this.receive(message),
      onClose: (reason) => this.dropped(reason),
    });
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.transport.close();
  }

  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    return new Promise<Result<M>>((resolve, reject) => {
      const send = () => this.send(method, params, { method, resolve: resolve as (r: unknown) => void, reject });
      if (this.status === 'unauthorized')
        reject(new StudioCallError(method, { code: 'unauthorized', message: 'token refused' }));
      else if (this.status === 'ready') send();
      else this.waiting.push({ send, fail: reject });
    });
  }

  /** `seq` lets a store tell which events its last snapshot already holds (snapshot replies carry their seq). */
  on<E extends EventName>(name: E, listener: (data: Events[E], seq: number) => void): () => void {
    let set = this.eventListeners.get(name);
    if (!set) this.eventListeners.set(name, (set = new Set()));
    set.add(listener as (data: never, seq: number) => void);
    return () => set.delete(listener as (data: never, seq: number) => void);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** After every successful hello (first connect, reconnect, gap): anything cached may be stale. */
  onReady(listener: (hello: Hello) => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  private send(method: string, params: unknown, pending: Pending): void {
    const id = this.nextId++;
    this.pending.set(id, pending);
    this.transport.send({ type: 'request', id, method, params });
  }

  private async greet(): Promise<void> {
    this.lastSeq = null;
    this.maxSeqBeforeHello = 0;
    const hello = await new Promise<Hello>((resolve, reject) =>
      this.send(
        'studio.hello',
        { client: this.clientName },
        { method: 'studio.hello', resolve: resolve as (r: unknown) => void, reject },
      ),
    ).catch(() => null);
    // A failed hello means the connection is going away; the close handler retries.
    if (!hello) return;
    this.hello = hello;
    // Events that raced ahead of the hello reply were already delivered; continue after the newest of both.
    this.lastSeq = Math.max(hello.seq, this.maxSeqBeforeHello);
    this.attempt = 0;
    this.setStatus('ready');
    const waiting = this.waiting;
    this.waiting = [];
    for (const call of waiting) call.send();
    for (const listener of this.readyListeners) listener(hello);
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'reply') {
      if (message.id === null) return;
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(StudioCallError.fromShape(pending.method, message.error));
      return;
    }
    if (message.type !== 'event') return;
    if (this.lastSeq === null) {
      this.maxSeqBeforeHello = Math.max(this.maxSeqBeforeHello, message.seq);
    } else if (message.seq <= this.lastSeq) {
      // Each event reaches a connection once, so numbers going back mean a new core (restarted behind the
      // Electron bridge): what was in flight is lost, and everything cached is stale.
      this.failPending();
      this.dispatch(message.name, message.data, message.seq);
      void this.greet();
      return;
    } else if (message.seq !== this.lastSeq + 1) {
      // We missed something: deliver this one, then say hello again so every store refetches.
      this.dispatch(message.name, message.data, message.seq);
      void this.greet();
      return;
    } else {
      this.lastSeq = message.seq;
    }
    this.dispatch(message.name, message.data, message.seq);
  }

  private dispatch(name: EventName, data: unknown, seq: number): void {
    for (const listener of this.eventListeners.get(name) ?? []) {
      try {
        listener(data as never, seq);
      } catch (error) {
        console.error(`[studio] listener for ${name} failed`, error);
      }
    }
  }

  private failPending(): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new StudioCallError(pending.method, { code: 'disconnected', message: 'connection lost' }));
    }
  }

  private dropped(reason: 'dropped' | 'unauthorized'): void {
    this.failPending();
    this.lastSeq = null;
    if (reason === 'unauthorized') {
      const refused = new StudioCallError('studio', { code: 'unauthorized', message: 'token refused' });
      for (const call of this.waiting.splice(0)) call.fail(refused);
      this.setStatus('unauthorized');
      return;
    }
    this.setStatus('reconnecting');
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 8000;
    this.attempt++;
    // Jitter keeps several tabs from knocking on a restarted studio at the same instant.
    this.retryTimer = setTimeout(() => this.start(), base + Math.random() * base * 0.3);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
