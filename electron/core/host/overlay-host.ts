// The OBS page's listener: the overlay page (/overlay) and the studio protocol at /ws, on this machine's loopback
// only, opened by the page's read-only token alone (the server lets it read the overlay and nothing else). On a
// fixed port, so the browser-source URL pasted into OBS keeps working across launches.
import type { OverlayPageListener } from '../overlay/overlay-service.ts';
import { CLOSE_UNAUTHORIZED } from '../protocol/bridge.ts';
import type { Studio } from '../studio.ts';
import { DEFAULT_RENDERER_DIR, listen, type Listener } from './studio-listener.ts';

export const DEFAULT_OVERLAY_PORT = 17881;
export const OVERLAY_PAGE_PATH = '/overlay';

type OverlayStudio = Pick<Studio, 'server' | 'overlay'>;

export function overlayPageListener(
  studio: OverlayStudio,
  options: { port?: number; rendererDir?: string } = {},
): OverlayPageListener {
  const port = options.port ?? DEFAULT_OVERLAY_PORT;
  let running: Listener | null = null;
  let starting: Promise<void> | null = null;
  let failure: string | null = null;

  return {
    start() {
      if (running) return Promise.resolve();
      starting ??= (async () => {
        try {
          running = await listen(studio.server, {
            host: '127.0.0.1',
            port,
            rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
            resolvePrincipal: (given) =>
              typeof given === 'string' && studio.overlay.isPageToken(given) ? { role: 'overlay' } : null,
          });
          failure = null;
        } catch (error) {
          failure = (error as { code?: unknown }).code === 'EADDRINUSE' ? 'overlay_port_busy' : 'lan_listen_failed';
          console.error(`[overlay] the OBS page cannot listen on 127.0.0.1:${port}:`, (error as Error).message);
        } finally {
          starting = null;
        }
      })();
      return starting;
    },
    url(token) {
      return running ? `http://127.0.0.1:${running.port}${OVERLAY_PAGE_PATH}#token=${token}` : null;
    },
    problem() {
      return failure;
    },
    closePages() {
      running?.closeWhere((principal) => principal.role === 'overlay', CLOSE_UNAUTHORIZED, 'token replaced');
    },
    async stop() {
      const listener = running;
      running = null;
      await listener?.close();
    },
  };
}

/** Hands the studio its OBS page listener (listening now if a page was set up before). */
export function attachOverlayPage(
  studio: OverlayStudio,
  options: { port?: number; rendererDir?: string } = {},
): Promise<void> {
  return studio.overlay.usePageListener(overlayPageListener(studio, options));
}
