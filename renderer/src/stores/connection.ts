// What the top bar and settings show about the link to the studio core.
import { create } from 'zustand';
import type { Capability } from '../../../electron/core/protocol/access-schemas.ts';
import type { ConnectionStatus, Hello, StudioClient } from '../api/index.ts';
import { setStudioClockOffset } from '../ui/useNow.ts';

interface ConnectionState {
  status: ConnectionStatus;
  hello: Hello | null;
  transport: 'electron' | 'websocket';
  /** True once any hello succeeded: a later drop is "reconnecting", not "connecting". */
  everConnected: boolean;
}

export const useConnection = create<ConnectionState>(() => ({
  status: 'connecting',
  hello: null,
  transport: 'websocket',
  everConnected: false,
}));

/**
 * Whether this window may do what `capability` covers: the host always; a paired device when the host allowed it
 * (the core refuses the rest anyway: this only keeps buttons that would be refused out of sight).
 */
export function useCan(capability: Capability): boolean {
  return useConnection((s) => !s.hello || s.hello.role === 'host' || s.hello.capabilities.includes(capability));
}

export function bindConnection(client: StudioClient): void {
  useConnection.setState({ status: client.status, transport: client.transport.kind });
  client.onStatus((status) => useConnection.setState({ status }));
  client.onReady((hello) => {
    setStudioClockOffset(hello.serverTime - Date.now());
    useConnection.setState({ hello, everConnected: true });
  });
}
