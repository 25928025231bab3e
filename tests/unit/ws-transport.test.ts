// The WebSocket channel sends what one step produces as one frame (a JSON array when there are several messages) to
// a client that chose the batched protocol, and a client reads either shape back in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WebSocket } from 'ws';
import { messagesOfFrame, WS_PROTOCOL, WS_PROTOCOL_BATCHED } from '../../electron/core/protocol/bridge.ts';
import type { ServerMessage } from '../../electron/core/protocol/contract.ts';
import { wsChannel } from '../../electron/core/rpc/ws-transport.ts';

function fakeSocket(protocol: string = WS_PROTOCOL_BATCHED) {
  const frames: Array<{ data: Buffer; binary: boolean }> = [];
  const ws = {
    protocol,
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send(data: Buffer, options: { binary: boolean }) {
      frames.push({ data, binary: options.binary });
    },
    on() {},
    close() {},
  };
  return { ws: ws as unknown as WebSocket, frames, raw: ws };
}

const event = (seq: number): ServerMessage => ({ type: 'event', seq, name: 'studio.hidden', data: {} });
const reply = (id: number): ServerMessage => ({ type: 'reply', id, ok: true, result: { n: id } });
const turn = () => new Promise((resolve) => setImmediate(resolve));

test("a turn's messages leave as one text frame, in order; a lone message as itself", async () => {
  const { ws, frames } = fakeSocket();
  const channel = wsChannel(ws);
  channel.send(event(1));
  channel.send(event(2));
  channel.send(reply(7));
  assert.equal(frames.length, 0, 'nothing is sent before the turn ends');
  assert.ok(channel.backlog!() > 0, 'what waits counts in the backlog');
  await turn();
  assert.equal(frames.length, 1);
  assert.equal(frames[0]!.binary, false);
  const parsed = JSON.parse(frames[0]!.data.toString()) as unknown;
  assert.ok(Array.isArray(parsed));
  assert.deepEqual(messagesOfFrame(parsed), [event(1), event(2), reply(7)]);

  channel.send(reply(8));
  await turn();
  assert.equal(frames.length, 2);
  const lone = JSON.parse(frames[1]!.data.toString()) as unknown;
  assert.deepEqual(lone, reply(8));
  assert.deepEqual(messagesOfFrame(lone), [reply(8)]);
});

test('a client that chose the one-message protocol (a page from before) gets one message per frame, in order', async () => {
  const { ws, frames } = fakeSocket(WS_PROTOCOL);
  const channel = wsChannel(ws);
  channel.send(event(1));
  channel.send(reply(2));
  await turn();
  assert.deepEqual(
    frames.map((f) => JSON.parse(f.data.toString()) as unknown),
    [event(1), reply(2)],
  );
});

test('one event for many connections is serialized once; a closed socket gets nothing', async () => {
  const a = fakeSocket();
  const b = fakeSocket();
  const shared = event(3);
  wsChannel(a.ws).send(shared);
  wsChannel(b.ws).send(shared);
  await turn();
  assert.equal(a.frames[0]!.data, b.frames[0]!.data, 'the same bytes, not two copies');

  const closed = fakeSocket();
  const channel = wsChannel(closed.ws);
  channel.send(event(4));
  closed.raw.readyState = 3;
  await turn();
  assert.equal(closed.frames.length, 0);
});
