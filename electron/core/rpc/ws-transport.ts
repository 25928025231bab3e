// The WebSocket face of a protocol channel (the browser studio, LAN assistants, tests).
import type { WebSocket } from 'ws';
import { WS_PROTOCOL_BATCHED } from '../protocol/bridge.ts';
import type { ServerMessage } from '../protocol/contract.ts';
import type { Channel } from './server.ts';

/**
 * One event goes to every connection as the same object: it is turned into UTF-8 JSON once, not once per
 * connection (twenty assistants in a flash sale).
 */
const encoded = new WeakMap<ServerMessage, Buffer>();
function serialized(message: ServerMessage): Buffer {
  let bytes = encoded.get(message);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(message));
    encoded.set(message, bytes);
  }
  return bytes;
}
/** Sent as a text frame (it is JSON), never compressed. */
const TEXT = { binary: false, compress: false } as const;

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** Several messages as one frame: a JSON array of them, in order (see messagesOfFrame in bridge.ts). */
function batch(messages: readonly Buffer[]): Buffer {
  return Buffer.concat([OPEN, ...messages.flatMap((m, i) => (i === 0 ? [m] : [COMMA, m])), CLOSE]);
}

export function wsChannel(ws: WebSocket): Channel {
  // What one step sends (a group commit's events; then, a tick later, its replies) leaves as one frame: one send per
  // connection instead of one per message, for the studio and the client. Only to a client that reads such frames
  // (it chose WS_PROTOCOL_BATCHED); any other gets one message per frame.
  const batching = ws.protocol === WS_PROTOCOL_BATCHED;
  let queued: Buffer[] = [];
  let queuedBytes = 0;
  const flush = () => {
    const messages = queued;
    queued = [];
    queuedBytes = 0;
    if (ws.readyState !== ws.OPEN) return;
    if (batching) ws.send(messages.length === 1 ? messages[0]! : batch(messages), TEXT);
    else for (const message of messages) ws.send(message, TEXT);
  };
  return {
    send: (message) => {
      if (ws.readyState !== ws.OPEN) return;
      const bytes = serialized(message);
      if (queued.push(bytes) === 1) process.nextTick(flush);
      queuedBytes += bytes.byteLength;
    },
    onMessage: (listener) =>
      ws.on('message', (data, isBinary) => {
        if (isBinary) return listener(undefined);
        try {
          listener(JSON.parse(data.toString()));
        } catch {
          // Not JSON: the server answers bad_request with no id.
          listener(undefined);
        }
      }),
    onClose: (listener) => ws.on('close', listener),
    close: () => ws.close(1000),
    backlog: () => ws.bufferedAmount + queuedBytes,
  };
}
