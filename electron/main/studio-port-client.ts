// The shell's own connection to the studio core: a MessagePort like each window's, used by the tray and the global
// hotkeys (they act on the show when no window is focused, or none is open). It speaks the same protocol as the
// renderer's client — requests with ids, replies, numbered events — reduced to what the shell needs: say hello,
// call, and follow events. Typed structurally (no 'electron' import) so a test drives it against the real core.
import type { EventName, Events, MethodName, Params, Result, ServerMessage } from '../core/protocol/contract.ts';

export interface PortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** A refusal or failure from the core: its code (a message code) and its English text. */
export class ShellCallError extends Error {
  readonly code: string;
  readonly issues: Array<{ code: string; path: string }>;
  constructor(code: string, message: string, issues: Array<{ code: string; path: string }> = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

type Listener = (data: never) => void;

export class StudioPortClient {
  private readonly port: PortLike;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private closed = false;
  /** Resolves once the core said hello (the shell's role is the host's, as every window of ours). */
  readonly ready: Promise<void>;

  constructor(port: PortLike, name = 'desktop-shell') {
    this.port = port;
    port.on('message', ({ data }) => this.receive(data as ServerMessage));
    port.on('close', () => this.close());
    port.start();
    this.ready = this.call('studio.hello', { client: name }).then(() => undefined);
  }

  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    if (this.closed) return Promise.reject(new ShellCallError('closed', 'the studio connection is closed'));
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ type: 'request', id, method, params });
    });
  }

  on<E extends EventName>(name: E, listener: (data: Events[E]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const { reject } of this.pending.values())
      reject(new ShellCallError('closed', 'the studio connection closed'));
    this.pending.clear();
    this.port.close();
  }

  private receive(message: ServerMessage): void {
    if (message.type === 'reply') {
      const waiting = message.id === null ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === null) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new ShellCallError(message.error.code, message.error.message, message.error.issues ?? []));
      return;
    }
    for (const listener of this.listeners.get(message.name) ?? []) (listener as (data: unknown) => void)(message.data);
  }
}
