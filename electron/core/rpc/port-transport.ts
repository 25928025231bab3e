// The studio channel over an Electron MessagePortMain (inside the utilityProcess). The port is described
// structurally so the core never imports 'electron'; Electron's MessagePortMain satisfies this shape.
import type { Channel } from './server.ts';
import type { ServerMessage } from '../protocol/contract.ts';

export interface MessagePortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export function portChannel(port: MessagePortLike): Channel {
  let closed = false;
  let started = false;
  const closeListeners: Array<() => void> = [];

  const markClosed = (): void => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners.splice(0)) listener();
  };
  // Emitted when the renderer side goes away (window closed or reloaded).
  port.on('close', markClosed);

  return {
    send(message: ServerMessage): void {
      if (closed) return;
      port.postMessage(message);
    },
    onMessage(listener: (raw: unknown) => void): void {
      port.on('message', (messageEvent) => listener(messageEvent.data));
      // MessagePortMain queues messages until start(): starting only once someone listens loses nothing.
      if (!started) {
        started = true;
        port.start();
      }
    },
    onClose(listener: () => void): void {
      if (closed) listener();
      else closeListeners.push(listener);
    },
    close(): void {
      if (closed) return;
      port.close();
      // A local close emits nothing on this side, so listeners hear it here, exactly once.
      markClosed();
    },
  };
}
