// The window's one studio client: Electron's preload bridge when present, the page's own /ws otherwise.
import { StudioClient } from './client.ts';
import { forgetToken, reloadOnNewToken, takeTokenFromLocation } from './token.ts';
import { BridgeTransport, WebSocketTransport, webSocketUrl, type Transport } from './transport.ts';

function pickTransport(): Transport {
  if (window.studio && window.studio.bridgeVersion === 1) return new BridgeTransport(window.studio);
  reloadOnNewToken();
  return new WebSocketTransport(webSocketUrl(window.location), takeTokenFromLocation());
}

export const studio = new StudioClient(pickTransport(), window.studio ? 'desktop' : 'browser');
// A refused token stays refused (the host makes a new one each launch): don't keep it for the next reload.
studio.onStatus((status) => {
  if (status === 'unauthorized') forgetToken();
});

export { StudioClient } from './client.ts';
export type { ConnectionStatus, Hello } from './client.ts';
export { StudioCallError, isCallError } from './errors.ts';
