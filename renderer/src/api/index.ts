// The window's one studio client: Electron's preload bridge when present, the page's own /ws otherwise.
import { StudioClient } from './client.ts';
import { takeTokenFromLocation } from './token.ts';
import { BridgeTransport, WebSocketTransport, webSocketUrl, type Transport } from './transport.ts';

function pickTransport(): Transport {
  if (window.studio && window.studio.bridgeVersion === 1) return new BridgeTransport(window.studio);
  return new WebSocketTransport(webSocketUrl(window.location), takeTokenFromLocation());
}

export const studio = new StudioClient(pickTransport());

export { StudioClient } from './client.ts';
export type { ConnectionStatus, Hello } from './client.ts';
export { StudioCallError, isCallError } from './errors.ts';
