// Wires assistant access's protocol methods to its service. All of them are the host's alone: the server
// refuses them to assistant connections before they get here (HOST_ONLY_PREFIXES).
import type { StudioServer } from '../rpc/server.ts';
import type { AccessService } from './access-service.ts';

export function registerAccess(server: StudioServer, access: AccessService): void {
  server.handle('access.state', () => access.state());
  server.handle('access.setEnabled', ({ enabled }) => access.setEnabled(enabled));
  server.handle('access.pairDevice', ({ name }) => access.pairDevice(name));
  server.handle('access.revoke', ({ id }) => access.revoke(id));
  server.handle('access.setCapabilities', ({ id, capabilities }) => access.setCapabilities(id, capabilities));
}
