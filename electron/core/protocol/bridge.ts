// What the Electron preload exposes as `window.studio`: the studio channel over a MessagePort, nothing else.
// The renderer's one client speaks the same messages over this bridge or over a WebSocket.
import type { RequestMessage, ServerMessage } from './contract.ts';

export interface StudioBridge {
  /** Always 1 for this shape; lets a renderer refuse a preload it does not understand. */
  readonly bridgeVersion: 1;
  send(message: RequestMessage): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** The system locale as Electron sees it (`app.getLocale()`), for the first-run language. */
  readonly systemLocale: string;
}

/** WebSocket close code the web host uses for a refused token (4000–4999 are the application's). */
export const CLOSE_UNAUTHORIZED = 4401;

/** The first message a WebSocket client sends; nothing else is read before it. */
export interface AuthMessage {
  type: 'auth';
  token: string;
}
export interface AuthReply {
  type: 'auth';
  ok: true;
}
