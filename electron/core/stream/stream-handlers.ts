// Wires going live's protocol methods to its service. All of them are the host's alone: the server refuses
// them to assistant connections before they get here, and shows assistants stream events only as studio.hidden.
import type { StudioServer } from '../rpc/server.ts';
import type { StreamService } from './stream-service.ts';

export function registerStream(server: StudioServer, stream: StreamService): void {
  server.handle('stream.state', () => stream.state());
  server.handle('stream.probe', () => stream.probe());
  server.handle('stream.devices', () => stream.devices());
  server.handle('stream.saveSettings', ({ settings }) => stream.saveSettings(settings));
  server.handle('stream.saveDestination', ({ id, input }) => stream.saveDestination(id, input));
  server.handle('stream.removeDestination', ({ id }) => stream.removeDestination(id));
  server.handle('stream.start', () => stream.start());
  server.handle('stream.stop', () => stream.stop());
  server.handle('stream.reconnect', ({ id }) => stream.reconnect(id));
  server.handle('stream.restoreSource', () => stream.restoreSource());
  server.handle('stream.preflight', () => stream.preflight());
  server.handle('stream.setMuted', ({ muted }) => stream.setMuted(muted));
}
