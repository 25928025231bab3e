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
/**
 * Saves not answered yet, and the settings the last of them sends. Each change is built on the settings shown, so
 * they are shown at once: a second change made before the first one's answer (a click right after typing) must
 * not send the first one's fields back as they were. Until the last answer, events keep showing them too.
 */
let saving = 0;
let latest: OverlaySettings | null = null;

function reload(): void {
  void client?.call('overlay.state', {}).then(
    (state) => useOverlay.setState({ state }),
    () => undefined,
  );
}

export const useOverlay = create<OverlayStoreState>((set) => ({
  state: null,
  page: null,
  async save(settings) {
    if (!client) return;
    saving += 1;
    latest = settings;
    set((s) => (s.state ? { state: { ...s.state, settings } } : {}));
    try {
      const state = await client.call('overlay.saveSettings', { settings });
      if (--saving === 0) {
        latest = null;
        set({ state });
      }
    } catch (error) {
      // What the core keeps, once nothing else is on its way.
      if (--saving === 0) {
        latest = null;
        reload();
      }
      throw error;
    }
  },
  async loadPage(rotate = false) {
    if (!client) return;
    set({ page: await client.call('overlay.pageLink', { rotate }) });
  },
}));

export function bindOverlay(studio: StudioClient): void {
  client = studio;
  studio.on('overlay.changed', (state) =>
    useOverlay.setState({ state: latest ? { ...state, settings: latest } : state }),
  );
  studio.onReady((hello) => {
    if (hello.role !== 'host') {
      useOverlay.setState({ state: null, page: null });
      return;
    }
    reload();
  });
}
