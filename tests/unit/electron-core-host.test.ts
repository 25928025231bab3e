// The core's side of the Electron shell: the MessagePort channel and the utilityProcess handshake,
// driven with fakes shaped like Electron's MessagePortMain and parentPort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { MessagePortMain, ParentPort } from 'electron';
import { portChannel, type MessagePortLike } from '../../electron/core/rpc/port-transport.ts';
import { runUtility, type ParentPortLike } from '../../electron/core/host/utility-core.ts';
import { fatalFromError, parseFromCore, parseToCore } from '../../electron/core/host/utility-messages.ts';
import { StudioServer } from '../../electron/core/rpc/server.ts';
import { StudioError } from '../../electron/core/protocol/errors.ts';

// Compile-time: Electron's own types fit the structural ones the core declares (tsc checks these lines).
const _electronPortFits = (port: MessagePortMain): MessagePortLike => port;
const _electronParentFits = (parent: ParentPort): ParentPortLike => parent;

class FakePort extends EventEmitter {
  started = false;
  closed = false;
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  start(): void {
    this.started = true;
  }
  close(): void {
    this.closed = true;
  }
  deliver(data: unknown): void {
    this.emit('message', { data, ports: [] });
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('portChannel: starts on the first listener, unwraps .data, fires close once', () => {
  const port = new FakePort();
  const channel = portChannel(port);
  assert.equal(port.started, false);
  const received: unknown[] = [];
  channel.onMessage((raw) => received.push(raw));
  assert.equal(port.started, true);
  port.deliver({ type: 'request', id: 1, method: 'studio.hello' });
  assert.deepEqual(received, [{ type: 'request', id: 1, method: 'studio.hello' }]);

  let closes = 0;
  channel.onClose(() => closes++);
  channel.send({ type: 'reply', id: 1, ok: true, result: {} });
  assert.equal(port.posted.length, 1);
  channel.close();
  port.emit('close');
  assert.equal(port.closed, true);
  assert.equal(closes, 1);
  channel.send({ type: 'reply', id: 2, ok: true, result: {} });
  assert.equal(port.posted.length, 1); // nothing is sent on a closed port
  channel.onClose(() => closes++);
  assert.equal(closes, 2); // a late listener still hears it
});

test('portChannel with the real StudioServer: a request gets a reply; the remote closing drops the connection', async () => {
  const server = new StudioServer();
  server.handle('jobs.list', () => [] as never);
  const port = new FakePort();
  server.connect(portChannel(port));
  assert.equal(server.connectionCount(), 1);
  port.deliver({ type: 'request', id: 7, method: 'jobs.list', params: {} });
  await tick();
  assert.deepEqual(port.posted, [{ type: 'reply', id: 7, ok: true, result: [] }]);
  port.emit('close');
  assert.equal(server.connectionCount(), 0);
});

test('handshake messages: parsed strictly both ways', () => {
  assert.deepEqual(parseToCore({ type: 'init', dataDir: '/d', appVersion: '1.2.3' }), {
    type: 'init',
    dataDir: '/d',
    appVersion: '1.2.3',
    rendererDir: null,
    secretKey: null,
    secretsLocked: false,
    mediaKey: null,
  });
  assert.deepEqual(parseToCore({ type: 'init', dataDir: '/d', rendererDir: '/r', secretsLocked: true }), {
    type: 'init',
    dataDir: '/d',
    appVersion: '0.0.0',
    rendererDir: '/r',
    secretKey: null,
    secretsLocked: true,
    mediaKey: null,
  });
  assert.equal(
    (parseToCore({ type: 'init', dataDir: '/d', secretsLocked: 'yes' }) as { secretsLocked: unknown }).secretsLocked,
    false,
  );
  // The data key for stream keys: exactly 32 bytes of base64, or none at all.
  const key = Buffer.alloc(32, 7).toString('base64');
  assert.equal((parseToCore({ type: 'init', dataDir: '/d', secretKey: key }) as { secretKey: unknown }).secretKey, key);
  // The media key likewise (the app protocol checks clip tickets with it).
  assert.equal((parseToCore({ type: 'init', dataDir: '/d', mediaKey: key }) as { mediaKey: unknown }).mediaKey, key);
  assert.equal(
    (parseToCore({ type: 'init', dataDir: '/d', mediaKey: 'short' }) as { mediaKey: unknown }).mediaKey,
    null,
  );
  for (const bad of ['short', 42, `${key}x`]) {
    assert.equal(
      (parseToCore({ type: 'init', dataDir: '/d', secretKey: bad }) as { secretKey: unknown }).secretKey,
      null,
    );
  }
  assert.equal(
    (parseToCore({ type: 'init', dataDir: '/d', rendererDir: 42 }) as { rendererDir: unknown }).rendererDir,
    null,
  );
  assert.equal(parseToCore({ type: 'init', dataDir: '' }), null);
  assert.equal(parseToCore({ type: 'init' }), null);
  assert.deepEqual(parseToCore({ type: 'connect', extra: 1 }), { type: 'connect' });
  assert.equal(parseToCore({ type: 'eval', code: 'x' }), null);
  assert.equal(parseToCore('init'), null);
  assert.equal(parseToCore(null), null);
  assert.deepEqual(parseFromCore({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseFromCore({ type: 'fatal' }), {
    type: 'fatal',
    code: 'core_failed',
    message: 'the studio core failed to start',
    params: {},
  });
  assert.equal(parseFromCore([]), null);
});

test('fatalFromError keeps the code, the message and plain values across postMessage', () => {
  class FromFuture extends StudioError {
    readonly dbVersion = 9;
    readonly appVersion = 2;
  }
  const fatal = fatalFromError(new FromFuture('db_from_future' as never, 'newer database'));
  assert.deepEqual(fatal, {
    type: 'fatal',
    code: 'db_from_future',
    message: 'newer database',
    params: { dbVersion: 9, appVersion: 2 },
  });
  assert.deepEqual(fatalFromError(new Error('boom')), {
    type: 'fatal',
    code: 'core_failed',
    message: 'boom',
    params: {},
  });
  assert.deepEqual(structuredClone(fatal), fatal);
});

class FakeParent extends EventEmitter implements ParentPortLike {
  posted: unknown[] = [];
  override on(event: 'message', listener: (messageEvent: { data: unknown; ports: MessagePortLike[] }) => void): this {
    return super.on(event, listener);
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  send(data: unknown, ports: MessagePortLike[] = []): void {
    this.emit('message', { data, ports });
  }
}

function fakeStudio() {
  const connected: unknown[] = [];
  let closed = 0;
  return {
    connected,
    closedCount: () => closed,
    studio: {
      server: { connect: (channel: unknown) => connected.push(channel) } as unknown as StudioServer,
      close: async () => void closed++,
    },
  };
}

test('utility: ports that arrive while the studio opens wait, then connect; ready is reported', async () => {
  const parent = new FakeParent();
  const fake = fakeStudio();
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const exits: number[] = [];
  const utility = runUtility(parent, {
    openStudio: async (options) => {
      assert.deepEqual(options, {
        dataDir: '/data',
        appVersion: '0.1.0',
        secretKey: undefined,
        secretsLocked: false,
        mediaKey: undefined,
      });
      await opened;
      return fake.studio;
    },
    attachLan: async () => assert.fail('no renderer directory was given: nothing to serve on the LAN'),
    exit: (code) => exits.push(code),
  });
  parent.send({ type: 'init', dataDir: '/data', appVersion: '0.1.0' });
  parent.send({ type: 'init', dataDir: '/elsewhere', appVersion: '0.1.0' }); // ignored: one data dir per process
  parent.send({ type: 'connect' }, [new FakePort()]);
  parent.send({ type: 'connect' }); // no port: nothing to do
  assert.equal(fake.connected.length, 0);
  release();
  await tick();
  assert.equal(fake.connected.length, 1);
  assert.deepEqual(parent.posted, [{ type: 'ready' }]);
  parent.send({ type: 'connect' }, [new FakePort()]);
  assert.equal(fake.connected.length, 2);

  parent.send({ type: 'shutdown' });
  await utility.shutdown();
  assert.equal(fake.closedCount(), 1);
  assert.deepEqual(exits, [0]);
  assert.deepEqual(parent.posted.at(-1), { type: 'closed' });
});

test('utility: a studio that cannot open reports fatal and closes waiting and later ports', async (t) => {
  t.mock.method(console, 'error', () => {});
  const parent = new FakeParent();
  const waiting = new FakePort();
  runUtility(parent, {
    openStudio: async () => {
      throw Object.assign(new Error('newer database'), { code: 'db_from_future', dbVersion: 5 });
    },
    attachLan: async () => assert.fail('a studio that did not open gets no LAN listener'),
    exit: () => {},
  });
  parent.send({ type: 'connect' }, [waiting]);
  parent.send({ type: 'init', dataDir: '/data', appVersion: '0.1.0' });
  await tick();
  assert.deepEqual(parent.posted, [
    { type: 'fatal', code: 'db_from_future', message: 'newer database', params: { dbVersion: 5 } },
  ]);
  assert.equal(waiting.closed, true);
  const late = new FakePort();
  parent.send({ type: 'connect' }, [late]);
  assert.equal(late.closed, true);
});

test('utility: with a renderer directory in init, the opened studio gets its LAN listener for assistant access', async () => {
  const parent = new FakeParent();
  const fake = fakeStudio();
  const attached: Array<{ studio: unknown; rendererDir: string }> = [];
  runUtility(parent, {
    openStudio: async () => fake.studio,
    attachLan: async (studio, options) => void attached.push({ studio, rendererDir: options.rendererDir }),
    exit: () => {},
  });
  parent.send({ type: 'init', dataDir: '/data', appVersion: '0.1.0', rendererDir: '/app/dist/renderer' });
  await tick();
  assert.deepEqual(attached, [{ studio: fake.studio, rendererDir: '/app/dist/renderer' }]);
  assert.deepEqual(parent.posted, [{ type: 'ready' }]);
});

test('utility: a LAN listener that fails to attach is logged; the studio keeps serving its windows', async (t) => {
  const logged = t.mock.method(console, 'error', () => {});
  const parent = new FakeParent();
  const fake = fakeStudio();
  runUtility(parent, {
    openStudio: async () => fake.studio,
    attachLan: async () => {
      throw new Error('no such directory');
    },
    exit: () => {},
  });
  parent.send({ type: 'init', dataDir: '/data', appVersion: '0.1.0', rendererDir: '/missing' });
  await tick();
  parent.send({ type: 'connect' }, [new FakePort()]);
  assert.equal(fake.connected.length, 1);
  assert.equal(logged.mock.callCount(), 1);
});
