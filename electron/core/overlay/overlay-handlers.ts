// Wires the overlay's protocol methods. `overlay.state` is the host's and the OBS page's (the server lets the page's
// token call nothing else); saving the settings and the page's link are the host's alone.
import type { StudioServer } from '../protocol/server.ts';
import type { OverlayService } from './overlay-service.ts';

/** Where the OBS page is served; its token rides in the fragment, which is never sent to a server or a log. */
export const OVERLAY_PAGE_PATH = '/overlay';

export function registerOverlay(server: StudioServer, overlay: OverlayService): void {
  server.handle('overlay.state', () => overlay.state());
  server.handle('overlay.saveSettings', ({ settings }) => overlay.saveSettings(settings));
  server.handle('overlay.pageLink', ({ rotate }) => ({
    path: `${OVERLAY_PAGE_PATH}#token=${overlay.pageToken(rotate)}`,
  }));
}
