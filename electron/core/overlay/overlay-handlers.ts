// Wires the overlay's protocol methods. `overlay.state` and `overlay.image` are the host's and the OBS page's (the
// server lets the page's token call nothing else); saving the settings and the page's link are the host's alone.
import type { StudioServer } from '../rpc/server.ts';
import type { OverlayService } from './overlay-service.ts';

export function registerOverlay(server: StudioServer, overlay: OverlayService): void {
  server.handle('overlay.state', () => overlay.state());
  server.handle('overlay.image', ({ imageId }) => overlay.image(imageId));
  server.handle('overlay.saveSettings', ({ settings }) => overlay.saveSettings(settings));
  server.handle('overlay.pageLink', ({ rotate }) => overlay.pageLink(rotate));
}
