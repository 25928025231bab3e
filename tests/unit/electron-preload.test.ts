// The sandboxed preload, run as shipped (its TypeScript compiled to CommonJS) with a fake 'electron':
// what it exposes, what `send` lets through, and both orders of port arrival and subscription.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import ts from 'typescript';
import type { StudioBridge } from '../../electron/core/protocol/bridge.ts';

const source = fs.readFileSync(new URL('../../electron/preload/preload.cts', import.meta.url), 'utf8');
const compiled = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023 },
}).outputText;

class FakeRendererPort {
  posted: unknown[] = [];
  started = false;
  closed = false;
  private readonly listeners = new Map<string, Array<(event: { data: unknown }) => void>>();
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage(message: unknown): void {
    this.posted.push(structuredClone(message)); // throws DataCloneError like a real port
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  emit(type: 'message' | 'close', data?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

function loadPreload(argv: string[] = ['electron', '--livecart-locale=zh-CN']) {
  const exposed = new Map<string, unknown>();
  const ipc = new Map<string, (event: { ports: unknown[] }) => void>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      on: (channel: string, listener: (event: { ports: unknown[] }) => void) => ipc.set(channel, listener),
    },
  };
  const module = { exports: {} };
  const run = new Function('exports', 'require', 'module', 'process', compiled);
  run(module.exports, (name: string) => (required.push(name), electron), module, { argv });
  return {
    exposed,
    required,
    bridge: exposed.get('studio') as StudioBridge,
    givePort(port: FakeRendererPort): void {
      ipc.get('studio:port')?.({ ports: [port] });
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const request = (id: number, method = 'studio.hello', params?: unknown) =>
  params === undefined ? { type: 'request' as const, id, method } : { type: 'request' as const, id, method, params };

test('exposes exactly the StudioBridge as window.studio, and requires only electron', () => {
  const { exposed, required, bridge } = loadPreload();
  assert.deepEqual([...exposed.keys()], ['studio']);
  assert.deepEqual(Object.keys(bridge).sort(), ['bridgeVersion', 'onMessage', 'send', 'systemLocale']);
  assert.equal(bridge.bridgeVersion, 1);
  assert.equal(bridge.systemLocale, 'zh-CN');
  assert.deepEqual(required, ['electron']);
});

test('systemLocale: a clean argument, else the browser language, else en-US', () => {
  assert.equal(loadPreload(['electron', '--livecart-locale=en-GB']).bridge.systemLocale, 'en-GB');
  const fallback = loadPreload(['electron', '--livecart-locale=--inspect']).bridge.systemLocale;
  assert.equal(fallback, globalThis.navigator?.language || 'en-US');
});

test('send: only well-formed requests pass, as fresh copies', () => {
  const { bridge, givePort } = loadPreload();
  const port = new FakeRendererPort();
  givePort(port);
  bridge.send({ ...request(1, 'catalog.list', { q: '口红' }) });
  bridge.send(request(2));
  assert.deepEqual(port.posted, [request(1, 'catalog.list', { q: '口红' }), request(2)]);

  class Sneaky {
    type = 'request';
    id = 3;
    method = 'studio.hello';
  }
  const refused: unknown[] = [
    null,
    'request',
    [request(3)],
    { ...request(3), extra: 'x' },
    { ...request(3), type: 'reply' },
    { ...request(3), id: -1 },
    { ...request(3), id: 1.5 },
    { ...request(3), id: '3' },
    { ...request(3), id: Number.MAX_SAFE_INTEGER + 1 },
    { ...request(3), method: '' },
    { ...request(3), method: 'x'.repeat(65) },
    { ...request(3), method: 42 },
    new Sneaky(),
  ];
  for (const message of refused) {
    assert.throws(() => bridge.send(message as never), TypeError, JSON.stringify(message));
  }
  assert.throws(() => bridge.send(request(4, 'catalog.list', { fn: () => 1 })), /must be plain data/);
  assert.equal(port.posted.length, 2);
});

test('order 1: requests and messages before the port or a listener are queued, then flushed in order', async () => {
  const { bridge, givePort } = loadPreload();
  bridge.send(request(1));
  bridge.send(request(2));
  const port = new FakeRendererPort();
  givePort(port);
  assert.equal(port.started, true);
  assert.deepEqual(port.posted, [request(1), request(2)]);

  port.emit('message', { type: 'event', seq: 1, name: 'job.updated', data: {} });
  port.emit('message', { type: 'reply', id: 1, ok: true, result: {} });
  const seen: unknown[] = [];
  const unsubscribe = bridge.onMessage((message) => seen.push(message));
  assert.deepEqual(seen, []); // not re-entrantly: the caller gets its unsubscribe first
  await tick();
  assert.deepEqual(seen, [
    { type: 'event', seq: 1, name: 'job.updated', data: {} },
    { type: 'reply', id: 1, ok: true, result: {} },
  ]);
  unsubscribe();
  port.emit('message', { type: 'reply', id: 2, ok: true, result: {} });
  assert.equal(seen.length, 2);
});

test('order 2: subscribe first, port later; a failing listener does not starve the others', async (t) => {
  t.mock.method(console, 'error', () => {});
  const { bridge, givePort } = loadPreload();
  const seen: unknown[] = [];
  bridge.onMessage(() => {
    throw new Error('listener bug');
  });
  bridge.onMessage((message) => seen.push(message));
  const port = new FakeRendererPort();
  givePort(port);
  port.emit('message', { type: 'reply', id: 1, ok: true, result: 'x' });
  assert.deepEqual(seen, [{ type: 'reply', id: 1, ok: true, result: 'x' }]);
  assert.throws(() => bridge.onMessage('not a function' as never), TypeError);
});

test('core restart: a closed port queues again; the new port takes over and the old one is ignored', () => {
  const { bridge, givePort } = loadPreload();
  const seen: unknown[] = [];
  bridge.onMessage((message) => seen.push(message));
  const first = new FakeRendererPort();
  givePort(first);
  first.emit('close');
  bridge.send(request(5));
  assert.deepEqual(first.posted, []);
  const second = new FakeRendererPort();
  givePort(second);
  assert.deepEqual(second.posted, [request(5)]);
  first.emit('message', { type: 'reply', id: 99, ok: true, result: null });
  assert.deepEqual(seen, []);

  const third = new FakeRendererPort();
  givePort(third); // handed over without a close: the previous port is closed by the preload
  assert.equal(second.closed, true);
});
