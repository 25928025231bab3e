// Wires the show's methods (show.goLive, show.end): the host's, and a device's with the `show` capability.
import type { StudioServer } from '../rpc/server.ts';
import type { ShowService } from './show-service.ts';

export function registerShow(server: StudioServer, show: ShowService): void {
  server.handle('show.goLive', ({ sessionId, confirmTime, rehearse }) =>
    show.goLive(sessionId, { confirmTime, rehearse }),
  );
  server.handle('show.end', ({ sessionId, stopStream }) => show.end(sessionId, stopStream));
}
