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
} from './contract.ts';
import { StudioError, type Issue } from './errors.ts';
import { isHostOnly, type Role } from './access-schemas.ts';

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
}

/** Who authenticated a connection: the host (this machine's window or tab) or a paired assistant device. */
export interface Principal {
  role: Role;
  /** The paired device whose token opened this connection (assistants only). */
  deviceId?: number;
}
const HOST: Principal = { role: 'host' };

type Handler<M extends MethodName> = (params: ParsedParams<M>, ctx: CallContext) => Result<M> | Promise<Result<M>>;

const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;

export class StudioServer {
  private readonly handlers = new Map<string, Handler<MethodName>>();
  private readonly connections = new Set<Connection>();
  private seq = 0;
  private nextConnectionId = 1;

  handle<M extends MethodName>(method: M, handler: Handler<M>): void {
    if (this.handlers.has(method)) throw new Error(`handler for ${method} registered twice`);
    this.handlers.set(method, handler as unknown as Handler<MethodName>);
  }

  /** Events are numbered here, so every connection sees the same order with no gaps. */
  emit<E extends EventName>(name: E, data: Events[E]): void {
    const message: EventMessage<E> = { type: 'event', seq: ++this.seq, name, data };
    for (const connection of this.connections) connection.push(message as EventMessage);
  }

  currentSeq(): number {
    return this.seq;
  }

  connectionCount(): number {
    return this.connections.size;
  }

  connect(channel: Channel, principal: Principal = HOST): Connection {
    const connection = new Connection(this.nextConnectionId++, channel, this, principal);
    this.connections.add(connection);
    channel.onClose(() => this.connections.delete(connection));
    return connection;
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
   * @internal used by Connection. Synchronous handlers reply synchronously, so a reply always follows the
   * events its own call emitted and precedes any later event: a client's snapshot and events line up.
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
    const spec = (methods as Record<string, { params: z.ZodType }>)[method];
    const handler = this.handlers.get(method);
    if (!spec || !handler) return errorReply(id, new StudioError('unknown_method', `unknown method ${method}`));
    if (ctx.role !== 'host' && isHostOnly(method)) {
      return errorReply(id, new StudioError('forbidden', `${method} is for the host only`));
    }
    const parsed = spec.params.safeParse(params ?? {});
    if (!parsed.success) {
      return errorReply(
        id,
        new StudioError('bad_request', `invalid params for ${method}`, { issues: zodIssues(parsed.error) }),
      );
    }
    const fail = (error: unknown) => failureReply(id, method, error);
    try {
      const result = handler(parsed.data as never, ctx);
      if (result instanceof Promise) return result.then((value) => okReply(id, value), fail);
      return okReply(id, result);
    } catch (error) {
      return fail(error);
    }
  }

  /** @internal */
  forget(connection: Connection): void {
    this.connections.delete(connection);
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
    if (message.type === 'event' && this.principal.role !== 'host' && isHostOnly(message.name)) {
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
    const { role, deviceId } = this.principal;
    const reply = this.server.dispatch(raw, { connectionId: this.id, client: this.client, role, deviceId });
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
  // Unexpected failures are logged without the params: they may hold secrets.
  console.error(`[studio] ${method} failed:`, error instanceof Error ? error.stack : error);
  return errorReply(id, new StudioError('internal', `${method} failed unexpectedly`));
}

function errorReply(id: number | null, error: StudioError): ReplyMessage {
  return { type: 'reply', id, ok: false, error: error.toShape() };
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    code: issue.code,
    params: { detail: issue.message },
  }));
}
