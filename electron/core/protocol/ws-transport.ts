// The WebSocket face of a protocol channel (the browser studio, LAN assistants, tests).
import type { WebSocket } from 'ws';
import type { Channel } from './server.ts';

export function wsChannel(ws: WebSocket): Channel {
  return {
    send: (message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
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
