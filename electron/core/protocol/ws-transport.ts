// The WebSocket face of a protocol channel (the browser studio, LAN assistants, tests).
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { ServerMessage } from './contract.ts';
import type { Channel } from './server.ts';

/**
 * One event goes to every connection as the same object: it is turned into JSON once, not once per connection
 * (twenty assistants in a flash sale).
 */
const json = new WeakMap<ServerMessage, string>();
function serialized(message: ServerMessage): string {
  let text = json.get(message);
  if (text === undefined) {
    text = JSON.stringify(message);
    json.set(message, text);
  }
  return text;
}

export function wsChannel(ws: WebSocket): Channel {
  // The frames a turn sends (a group commit's events, then its replies) leave in one write, not one system call
  // each: the socket is corked at the first and uncorked once the turn's synchronous work and promises are done.
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket?.uncork();
  };
  return {
    send: (message) => {
      if (ws.readyState !== ws.OPEN) return;
      if (socket && !corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      ws.send(serialized(message));
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
    backlog: () => ws.bufferedAmount,
  };
}
