// The overlay as the host's window sees it: its settings and the scene drawn now, replaced whole by every
// `overlay.changed`, and the OBS page's link once asked for. Host only, like going live.
import { create } from 'zustand';
import type { OverlaySettings, OverlayState } from '../../../electron/core/protocol/overlay-schemas.ts';
import type { StudioClient } from '../api/index.ts';

interface OverlayStoreState {
  state: OverlayState | null;
  /** The OBS page's address (with its token), or why there is none; null until asked. */
  page: { url: string | null; problem: string | null } | null;
  save(settings: OverlaySettings): Promise<void>;
  loadPage(rotate?: boolean): Promise<void>;
}

let client: StudioClient | null = null;

export const useOverlay = create<OverlayStoreState>((set) => ({
  state: null,
  page: null,
  async save(settings) {
    if (!client) return;
    set({ state: await client.call('overlay.saveSettings', { settings }) });
  },
  async loadPage(rotate = false) {
    if (!client) return;
    set({ page: await client.call('overlay.pageLink', { rotate }) });
  },
}));

export function bindOverlay(studio: StudioClient): void {
  client = studio;
  studio.on('overlay.changed', (state) => useOverlay.setState({ state }));
  studio.onReady((hello) => {
    if (hello.role !== 'host') {
      useOverlay.setState({ state: null, page: null });
      return;
    }
    void studio.call('overlay.state', {}).then(
      (state) => useOverlay.setState({ state }),
      () => undefined,
    );
  });
}
