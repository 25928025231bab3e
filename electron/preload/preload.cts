// The sandboxed preload: CommonJS, one file, and 'electron' is the only module it may require. It exposes
// exactly the StudioBridge (window.studio): a checked `send`, message listeners, and the system locale.
// The MessagePort to the core arrives from main ('studio:port') after the page loads, and again after a
// core restart; the page may subscribe and send before or after that, so both directions queue.
import type { StudioBridge } from '../core/protocol/bridge.ts';
import type { RequestMessage, ServerMessage } from '../core/protocol/contract.ts';
import type * as ElectronModule from 'electron';

// A sandboxed preload is CommonJS: require() is how it gets 'electron' (an ESM import would not load).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer } = require('electron') as typeof ElectronModule;

const PORT_CHANNEL = 'studio:port';
const LOCALE_ARGUMENT = '--livecart-locale=';
const MAX_METHOD_LENGTH = 64;
// Requests made before the core is reachable; more than this means it is not coming.
const MAX_OUTBOX = 1000;
// Messages received before the page subscribes; dropping the oldest leaves a seq gap the client resyncs on.
const MAX_INBOX = 10_000;

interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}

let port: PortLike | null = null;
const outbox: RequestMessage[] = [];
const inbox: ServerMessage[] = [];
const listeners = new Set<(message: ServerMessage) => void>();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const REQUEST_KEYS = new Set(['type', 'id', 'method', 'params']);

function isRequestMessage(value: unknown): value is RequestMessage {
  return (
    isPlainObject(value) &&
    Object.keys(value).every((key) => REQUEST_KEYS.has(key)) &&
    value.type === 'request' &&
    Number.isSafeInteger(value.id) &&
    (value.id as number) >= 0 &&
    typeof value.method === 'string' &&
    value.method.length > 0 &&
    value.method.length <= MAX_METHOD_LENGTH
  );
}

function post(target: PortLike, message: RequestMessage): void {
  try {
    target.postMessage(message);
  } catch {
    // Structured clone refused it (a function, a DOM node…): the page learns now, not by a hung request.
    throw new TypeError(`studio.send: params of ${message.method} must be plain data`);
  }
}

function send(message: RequestMessage): void {
  if (!isRequestMessage(message)) throw new TypeError('studio.send expects {type: "request", id, method, params}');
  // A fresh object: only the four known fields ever reach the core.
  const clean: RequestMessage = { type: 'request', id: message.id, method: message.method };
  if (message.params !== undefined) clean.params = message.params;
  if (port) return post(port, clean);
  if (outbox.length >= MAX_OUTBOX) throw new Error('studio.send: the studio core is not reachable');
  outbox.push(clean);
}

function deliver(message: ServerMessage): void {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (error) {
      console.error('[studio] a message listener failed:', error);
    }
  }
}

function receive(data: unknown): void {
  const message = data as ServerMessage;
  if (listeners.size > 0) return deliver(message);
  if (inbox.length >= MAX_INBOX) inbox.shift();
  inbox.push(message);
}

function onMessage(listener: (message: ServerMessage) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('studio.onMessage expects a function');
  listeners.add(listener);
  if (inbox.length > 0) {
    // Later, so the caller has its unsubscribe function before the first message arrives.
    queueMicrotask(() => {
      if (listeners.size > 0) for (const message of inbox.splice(0)) deliver(message);
    });
  }
  return () => {
    listeners.delete(listener);
  };
}

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const next = event.ports[0] as PortLike | undefined;
  if (!next) return;
  port?.close(); // a core restart hands over a new port; the old one leads nowhere
  port = next;
  next.addEventListener('message', (messageEvent) => {
    if (port === next) receive(messageEvent.data);
  });
  next.addEventListener('close', () => {
    if (port === next) port = null; // the core went away: queue until the next port
  });
  next.start();
  for (const message of outbox.splice(0)) {
    try {
      post(next, message);
    } catch (error) {
      console.error('[studio] a queued request could not be sent:', error);
    }
  }
});

function systemLocale(argv: readonly string[]): string {
  const value = argv.find((arg) => arg.startsWith(LOCALE_ARGUMENT))?.slice(LOCALE_ARGUMENT.length) ?? '';
  if (/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/.test(value)) return value; // as window.ts writes it
  return globalThis.navigator?.language || 'en-US';
}

const bridge: StudioBridge = { bridgeVersion: 1, send, onMessage, systemLocale: systemLocale(process.argv) };
contextBridge.exposeInMainWorld('studio', bridge);
