// The two ways to reach the studio core. The client above them never knows which one it has.
import type { RequestMessage, ServerMessage } from '../../../electron/core/protocol/contract.ts';
import {
  CLOSE_UNAUTHORIZED,
  messagesOfFrame,
  wsProtocols,
  type StudioBridge,
} from '../../../electron/core/protocol/bridge.ts';

import type { Transport, TransportHandlers } from './transport-types.ts';

export type { Transport, TransportHandlers };

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

/** Electron's preload bridge: a MessagePort that is open for the life of the window. */
export class BridgeTransport implements Transport {
  readonly kind = 'electron';
  private unsubscribe: (() => void) | null = null;
  private readonly bridge: StudioBridge;
  constructor(bridge: StudioBridge) {
    this.bridge = bridge;
  }

  connect(handlers: TransportHandlers): void {
    this.unsubscribe?.();
    this.unsubscribe = this.bridge.onMessage((message) => handlers.onMessage(message));
    queueMicrotask(() => handlers.onOpen());
  }
  send(message: RequestMessage): void {
    this.bridge.send(message);
  }
  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

/**
 * A browser tab (LAN, tests): WebSocket at /ws on the page's own host. The token rides in the upgrade as a
 * subprotocol, so the studio checks it before the socket opens; a refused one is closed with 4401.
 */
export class WebSocketTransport implements Transport {
  readonly kind = 'websocket';
  private socket: WebSocket | null = null;
  private readonly url: string;
  private readonly token: string | null;
  constructor(url: string, token: string | null) {
    this.url = url;
    this.token = token;
  }

  connect(handlers: TransportHandlers): void {
    if (this.token === null) {
      // Without a token the server can only refuse us: say so instead of knocking.
      queueMicrotask(() => handlers.onClose('unauthorized'));
      return;
    }
    const socket = new WebSocket(this.url, wsProtocols(this.token));
    this.socket = socket;
    socket.onopen = () => handlers.onOpen();
    socket.onmessage = (event) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      for (const message of messagesOfFrame(frame)) {
        // One message's handler failing must not lose the others of its frame.
        try {
          handlers.onMessage(message as ServerMessage);
        } catch (error) {
          console.error('[studio] a message could not be handled:', error);
        }
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      handlers.onClose(event.code === CLOSE_UNAUTHORIZED ? 'unauthorized' : 'dropped');
    };
  }

  send(message: RequestMessage): void {
    this.socket?.send(JSON.stringify(message));
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }
}

export function webSocketUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
