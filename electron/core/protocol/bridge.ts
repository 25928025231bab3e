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
/** …and for a token turned away unchecked because too many wrong ones from the same address are waiting. */
export const CLOSE_TOO_MANY_TRIES = 4429;

/**
 * A browser's WebSocket cannot send headers, but it can offer subprotocols: the client offers
 * `livecart.v1` and `livecart.token.<token>` and the server picks `livecart.v1`. The token is checked before the
 * upgrade, so nothing an unauthenticated client sends is ever read as a message.
 */
export const WS_PROTOCOL = 'livecart.v1';
/**
 * The same messages, but a frame may hold several (see messagesOfFrame). Offered first by clients that read both;
 * a page loaded before the studio spoke it (a tab left open over an upgrade) offers only v1 and gets one per frame.
 */
export const WS_PROTOCOL_BATCHED = 'livecart.v2';
export const WS_TOKEN_PREFIX = 'livecart.token.';

/**
 * A WebSocket frame from the studio holds one message, or (under WS_PROTOCOL_BATCHED) several as a JSON array, in
 * order: the messages one step of the studio sends a connection (a group commit's events; then its replies) leave
 * as one frame each.
 */
export function messagesOfFrame(parsed: unknown): unknown[] {
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** The subprotocols a client offers; tokens are base64url, which subprotocol names allow as they are. */
export function wsProtocols(token: string): string[] {
  return [WS_PROTOCOL_BATCHED, WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`];
}
