// The renderer's protocol client, driven through a fake transport: ordering, gaps, core restarts, refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StudioClient } from '../../renderer/src/api/client.ts';
import type { Transport, TransportHandlers } from '../../renderer/src/api/transport-types.ts';
import type { RequestMessage, ServerMessage } from '../../electron/core/protocol/contract.ts';

class FakeTransport implements Transport {
  readonly kind = 'electron';
  handlers: TransportHandlers | null = null;
  sent: RequestMessage[] = [];
  connects = 0;
  connect(handlers: TransportHandlers): void {
    this.handlers = handlers;
    this.connects++;
  }
  send(message: RequestMessage): void {
    this.sent.push(message);
  }
  close(): void {}
  deliver(message: ServerMessage): void {
    this.handlers!.onMessage(message);
  }
  /** Answers the newest hello with the given seq. */
  answerHello(seq: number): void {
    const hello = this.sent.findLast((m) => m.method === 'studio.hello')!;
    this.deliver({
      type: 'reply',
      id: hello.id,
      ok: true,
      result: { protocol: 1, appVersion: '0', seq, dataDir: '/d', catalog: { active: 0, archived: 0 } },
    });
  }
  hellos(): number {
    return this.sent.filter((m) => m.method === 'studio.hello').length;
  }
}

const event = (seq: number) =>
  ({ type: 'event', seq, name: 'catalog.bulkChanged', data: { created: seq, updated: 0 } }) as ServerMessage;
const tick = () => new Promise((r) => setImmediate(r));

async function ready(seq = 0) {
  const transport = new FakeTransport();
  const client = new StudioClient(transport);
  const seen: number[] = [];
  let readies = 0;
  client.on('catalog.bulkChanged', (d) => seen.push(d.created));
  client.onReady(() => readies++);
  client.start();
  transport.handlers!.onOpen();
  transport.answerHello(seq);
  await tick();
  return { transport, client, seen, readies: () => readies };
}

test('calls made before the hello wait for it, then go out; replies resolve them', async () => {
  const transport = new FakeTransport();
  const client = new StudioClient(transport);
  client.start();
  const call = client.call('catalog.get', { id: 1 });
  transport.handlers!.onOpen();
  assert.deepEqual(
    transport.sent.map((m) => m.method),
    ['studio.hello'],
  );
  transport.answerHello(0);
  await tick();
  const get = transport.sent.find((m) => m.method === 'catalog.get')!;
  transport.deliver({ type: 'reply', id: get.id, ok: false, error: { code: 'not_found', message: 'gone' } });
  await assert.rejects(call, (e: { code: string }) => e.code === 'not_found');
});

test('events in order are delivered once each', async () => {
  const { transport, seen, readies } = await ready(5);
  transport.deliver(event(6));
  transport.deliver(event(7));
  assert.deepEqual(seen, [6, 7]);
  assert.equal(readies(), 1);
});

test('a gap in the numbering triggers a new hello so the stores refetch', async () => {
  const { transport, seen, readies } = await ready(5);
  transport.deliver(event(6));
  transport.deliver(event(9));
  assert.deepEqual(seen, [6, 9]);
  assert.equal(transport.hellos(), 2);
  transport.answerHello(9);
  await tick();
  assert.equal(readies(), 2);
  transport.deliver(event(10));
  assert.deepEqual(seen, [6, 9, 10]);
});

test('numbers going back (a restarted core) fail calls in flight and resynchronise', async () => {
  const { transport, client, seen, readies } = await ready(40);
  const inFlight = client.call('catalog.list', {});
  transport.deliver(event(1));
  await assert.rejects(inFlight, (e: { code: string }) => e.code === 'disconnected');
  assert.deepEqual(seen, [1]);
  assert.equal(transport.hellos(), 2);
  transport.answerHello(1);
  await tick();
  assert.equal(readies(), 2);
  transport.deliver(event(2));
  assert.deepEqual(seen, [1, 2]);
});

test('a refused token stops reconnecting and fails waiting calls with unauthorized', async () => {
  const transport = new FakeTransport();
  const client = new StudioClient(transport);
  const statuses: string[] = [];
  client.onStatus((s) => statuses.push(s));
  client.start();
  const waiting = client.call('catalog.list', {});
  transport.handlers!.onClose('unauthorized');
  await assert.rejects(waiting, (e: { code: string }) => e.code === 'unauthorized');
  assert.equal(statuses.at(-1), 'unauthorized');
  await assert.rejects(client.call('catalog.list', {}), (e: { code: string }) => e.code === 'unauthorized');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(transport.connects, 1, 'no retry after a refusal');
});
