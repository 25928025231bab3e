// What the client needs of a transport. Kept apart from the DOM-bound transports so the client can be
// unit-tested under Node with a fake one.
import type { RequestMessage, ServerMessage } from '../../../electron/core/protocol/contract.ts';

export interface TransportHandlers {
  onOpen(): void;
  onMessage(message: ServerMessage): void;
  /** `unauthorized`: the token was refused; reconnecting would only be refused again. */
  onClose(reason: 'dropped' | 'unauthorized'): void;
}

export interface Transport {
  readonly kind: 'electron' | 'websocket';
  connect(handlers: TransportHandlers): void;
  send(message: RequestMessage): void;
  close(): void;
}
