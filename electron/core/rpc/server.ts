// The server side of the studio protocol, for any duplex message channel. Every incoming payload is
// parsed with zod before a handler sees it; a bad one gets an error reply and changes nothing.
import type { z } from 'zod';
import {
  methods,
  requestMessageSchema,
  type EventMessage,
  type EventName,
  type Events,
  type MethodName,
  type ParsedParams,
  type ReplyMessage,
  type Result,
  type ServerMessage,
} from '../protocol/contract.ts';
import { diskFullError, StudioError, type Issue } from '../protocol/errors.ts';
import { capabilitiesFor, CAPABILITIES, permitted, type Capability, type Role } from '../protocol/access-schemas.ts';
import { MAX_PARAM_DEPTH, MAX_PARAM_NODES } from '../protocol/limits.ts';

/** A transport: something that carries messages both ways (a WebSocket, a MessagePort). */
export interface Channel {
  send(message: ServerMessage): void;
  onMessage(listener: (raw: unknown) => void): void;
  onClose(listener: () => void): void;
  close(): void;
  /** Bytes queued but not yet written; a client that falls too far behind is dropped and resyncs. */
  backlog?(): number;
}

export interface CallContext {
  connectionId: number;
  client: string;
  role: Role;
  /** The paired device that opened this connection (assistants only): order history names it. */
  deviceId?: number;
  /** What the host lets that device do (assistants only; the host may do everything). */
  capabilities?: readonly Capability[];
}

/** Who authenticated a connection: the host (this machine's window or tab) or a paired assistant device. */
export interface Principal {
  role: Role;
  /** The paired device whose token opened this connection (assistants only). */
  deviceId?: number;
  /** What the host lets that device do (assistants only). */
  capabilities?: readonly Capability[];
}
const HOST: Principal = { role: 'host' };

/** True when `who` may do what `capability` covers: the host always, a device when the host said so. */
export function allowed(who: Pick<Principal, 'role' | 'capabilities'>, capability: Capability): boolean {
  return who.role === 'host' || (who.capabilities ?? []).includes(capability);
}

/** Every capability `who` has (all of them for the host). */
export function capabilitiesOf(who: Pick<Principal, 'role' | 'capabilities'>): Capability[] {
  return CAPABILITIES.filter((capability) => allowed(who, capability));
}

/**
 * What one connection is shown of a reply or an event, for data some principals may not see in full (buyers'
 * contact details). `null` for an event hides it (the connection gets `studio.hidden`).
 */
export interface Views {
  reply?(who: Principal, method: string, result: unknown): unknown;
  event?(who: Principal, name: EventName, data: unknown): unknown;
}

type Handler<M extends MethodName> = (params: ParsedParams<M>, ctx: CallContext) => Result<M> | Promise<Result<M>>;

const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

export class StudioServer {
  private readonly handlers = new Map<string, Handler<MethodName>>();
  private readonly connections = new Set<Connection>();
  private seq = 0;
  private nextConnectionId = 1;
  private readonly disconnectListeners: Array<(connectionId: number) => void> = [];
  private views: Views = {};
  private settle: () => Promise<void> | null = () => null;

  /** What snapshots wait for: the writer's open group settling (null when none is open). */
  settleWith(settle: () => Promise<void> | null): void {
    this.settle = settle;
  }

  /**
   * A snapshot and the event number it is current at, read once no write waits for its commit: the changes it
   * holds have had their events numbered, so a client applying later events never applies one twice.
   */
  snapshot<T extends object>(read: () => T): (T & { seq: number }) | Promise<T & { seq: number }> {
    const settling = this.settle();
    if (settling) return settling.then(() => this.snapshot(read));
    return { ...read(), seq: this.seq };
  }

  /** How replies and events are narrowed per principal (see Views). */
  setViews(views: Views): void {
    this.views = views;
  }

  handle<M extends MethodName>(method: M, handler: Handler<M>): void {
    if (this.handlers.has(method)) throw new Error(`handler for ${method} registered twice`);
    this.handlers.set(method, handler as unknown as Handler<MethodName>);
  }

  /**
   * Events are numbered here, so every connection sees the same order with no gaps. A connection outside
   * `audience` (or not allowed the event's name) gets `studio.hidden` with the same number instead.
   */
  emit<E extends EventName>(name: E, data: Events[E], audience?: (principal: Principal) => boolean): void {
    const message: EventMessage<E> = { type: 'event', seq: ++this.seq, name, data };
    const hidden: EventMessage = { type: 'event', seq: message.seq, name: 'studio.hidden', data: {} };
    const view = this.views.event;
    for (const connection of this.connections) {
      const { principal } = connection;
      if (audience && !audience(principal)) {
        connection.push(hidden);
        continue;
      }
      const shown = view && principal.role !== 'host' ? view(principal, name, data) : data;
      connection.push(
        shown === null ? hidden : shown === data ? (message as EventMessage) : { ...message, data: shown as Events[E] },
      );
    }
  }

  /** @internal the last event's number; a handler answering a snapshot uses snapshot(), which waits for commits. */
  currentSeq(): number {
    return this.seq;
  }

  connectionCount(): number {
    return this.connections.size;
  }

  connect(channel: Channel, principal: Principal = HOST): Connection {
    const connection = new Connection(this.nextConnectionId++, channel, this, principal);
    this.connections.add(connection);
    channel.onClose(() => this.forget(connection));
    return connection;
  }

  /** Called once per connection when it ends, for whatever it held (unfinished uploads). */
  onDisconnect(listener: (connectionId: number) => void): void {
    this.disconnectListeners.push(listener);
  }

  closeAll(): void {
    for (const connection of this.connections) connection.close();
  }

  /** Closes every connection a paired device opened (its token was revoked). */
  closeDevice(deviceId: number): void {
    for (const connection of this.connections) if (connection.principal.deviceId === deviceId) connection.close();
  }

  /** Open connections per paired device. */
  deviceConnections(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const { principal } of this.connections) {
      if (principal.deviceId !== undefined) counts.set(principal.deviceId, (counts.get(principal.deviceId) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * @internal used by Connection. A write's reply follows its commit and the events it raised; a snapshot
   * carries the number of the last event it holds (see snapshot), so a client's snapshot and events line up.
   */
  dispatch(raw: unknown, ctx: CallContext): ReplyMessage | Promise<ReplyMessage> {
    const envelope = requestMessageSchema.safeParse(raw);
    if (!envelope.success) {
      return errorReply(
        idOf(raw),
        new StudioError('bad_request', 'malformed request envelope', { issues: zodIssues(envelope.error) }),
      );
    }
    const { id, method, params } = envelope.data;
    // Counted before the schema sees it: a million-item array would cost the schema (and its million issues)
    // seconds of the one thread that also runs the show.
    if (tooComplex(params)) {
      return errorReply(
        id,
        new StudioError('bad_request', 'params too large or too deeply nested', {
          issues: [{ path: '(root)', code: 'too_complex' }],
        }),
      );
    }
    const spec = (methods as Record<string, { params: z.ZodType }>)[method];
    const handler = this.handlers.get(method);
    if (!spec || !handler) return errorReply(id, new StudioError('unknown_method', `unknown method ${method}`));
    if (!permitted(ctx.role, method)) {
      return errorReply(id, new StudioError('forbidden', `${method} is for the host only`));
    }
    const needed = capabilitiesFor(method, params).find((capability) => !allowed(ctx, capability));
    if (needed) {
      return errorReply(
        id,
        new StudioError('forbidden', `${method} needs the ${needed} capability`, {
          issues: [{ path: '(root)', code: `capability_${needed}` }],
        }),
      );
    }
    const parsed = spec.params.safeParse(params ?? {});
    if (!parsed.success) {
      return errorReply(
        id,
        new StudioError('bad_request', `invalid params for ${method}`, { issues: zodIssues(parsed.error) }),
      );
    }
    const fail = (error: unknown) => failureReply(id, method, error);
    const view = this.views.reply;
    const shown = (value: unknown) => (view && ctx.role !== 'host' ? view(ctx, method, value) : value);
    // A write answers with a promise that settles after its own commit. A read answers at once, ahead of the events
    // of a group still open: it may already show that group's changes, and the events that follow say the same, so a
    // client never applies an older answer over a newer event. (Snapshots, which carry an event number, wait for the
    // commit instead: see snapshot().)
    try {
      const result = handler(parsed.data as never, ctx);
      if (result instanceof Promise) return result.then((value) => okReply(id, shown(value)), fail);
      return okReply(id, shown(result));
    } catch (error) {
      return fail(error);
    }
  }

  /** @internal */
  forget(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    for (const listener of this.disconnectListeners) listener(connection.id);
  }
}

export class Connection {
  client = 'unknown';
  readonly id: number;
  readonly principal: Principal;
  private closed = false;
  private readonly channel: Channel;
  private readonly server: StudioServer;

  constructor(id: number, channel: Channel, server: StudioServer, principal: Principal) {
    this.id = id;
    this.channel = channel;
    this.server = server;
    this.principal = principal;
    channel.onMessage((raw) => this.receive(raw));
    channel.onClose(() => {
      this.closed = true;
    });
  }

  push(message: ServerMessage): void {
    if (this.closed) return;
    if (message.type === 'event' && !permitted(this.principal.role, message.name)) {
      message = { type: 'event', seq: message.seq, name: 'studio.hidden', data: {} };
    }
    if ((this.channel.backlog?.() ?? 0) > MAX_BACKLOG_BYTES) {
      // A client this far behind would see stale state for long; dropping it makes it reconnect and resync.
      this.close();
      return;
    }
    this.channel.send(message);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.forget(this);
    this.channel.close();
  }

  private receive(raw: unknown): void {
    const { role, deviceId, capabilities } = this.principal;
    const ctx = { connectionId: this.id, client: this.client, role, deviceId, capabilities };
    const reply = this.server.dispatch(raw, ctx);
    if (reply instanceof Promise) void reply.then((r) => this.deliver(raw, r));
    else this.deliver(raw, reply);
  }

  private deliver(raw: unknown, reply: ReplyMessage): void {
    if (reply.ok && isHello(raw))
      this.client = String((raw.params as { client?: string } | undefined)?.client ?? 'unknown');
    this.push(reply);
  }
}

function isHello(raw: unknown): raw is { method: 'studio.hello'; params?: unknown } {
  return typeof raw === 'object' && raw !== null && (raw as { method?: unknown }).method === 'studio.hello';
}

function idOf(raw: unknown): number | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}

function okReply(id: number, result: unknown): ReplyMessage {
  return { type: 'reply', id, ok: true, result };
}

function failureReply(id: number, method: string, error: unknown): ReplyMessage {
  if (error instanceof StudioError) return errorReply(id, error);
  const full = diskFullError(error);
  if (full) {
    console.error(`[studio] ${method}: the disk is full`);
    return errorReply(id, full);
  }
  // Unexpected failures are logged without the params: they may hold secrets.
  console.error(`[studio] ${method} failed:`, error instanceof Error ? error.stack : error);
  return errorReply(id, new StudioError('internal', `${method} failed unexpectedly`));
}

function errorReply(id: number | null, error: StudioError): ReplyMessage {
  return { type: 'reply', id, ok: false, error: error.toShape() };
}

export function zodIssues(error: z.ZodError): Issue[] {
  // Paths and messages can echo what was sent (an unknown key's name): both are cut short.
  return error.issues.slice(0, 50).map((issue) => ({
    path: clip(issue.path.map(String).join('.'), 200) || '(root)',
    code: issue.code,
    params: { detail: clip(issue.message, 200) },
  }));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * True when `value` holds more than MAX_PARAM_NODES values or nests deeper than MAX_PARAM_DEPTH. Stops counting
 * at the limit, so the check itself is cheap whatever it is given.
 */
export function tooComplex(value: unknown): boolean {
  let nodes = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (++nodes > MAX_PARAM_NODES || depth > MAX_PARAM_DEPTH) return true;
    if (typeof current !== 'object' || current === null) continue;
    const children = Array.isArray(current) ? current : Object.values(current);
    if (nodes + children.length > MAX_PARAM_NODES) return true;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
