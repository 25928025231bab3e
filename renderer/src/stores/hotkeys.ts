// The desktop app's global hotkeys as this window sees them (host only): the saved bindings and what the desktop
// shell could register, replaced by every `settings.hotkeysChanged`.
import { create } from 'zustand';
import type { HotkeyBindings } from '../../../electron/core/protocol/hotkeys.ts';
import type { HotkeyState } from '../../../electron/core/protocol/hotkeys-schemas.ts';
import type { StudioClient } from '../api/index.ts';

interface HotkeyStoreState {
  state: HotkeyState | null;
  /** Saves; rejects with the core's refusal (an issue per bad binding). */
  save(bindings: HotkeyBindings): Promise<void>;
}

let client: StudioClient | null = null;

export const useHotkeys = create<HotkeyStoreState>((set) => ({
  state: null,
  async save(bindings) {
    if (!client) return;
    set({ state: await client.call('settings.saveHotkeys', { bindings }) });
  },
}));

export function bindHotkeys(studio: StudioClient): void {
  client = studio;
  studio.on('settings.hotkeysChanged', ({ state }) => useHotkeys.setState({ state }));
  studio.onReady((hello) => {
    if (hello.role !== 'host') return void useHotkeys.setState({ state: null });
    void studio.call('settings.hotkeys', {}).then(
      (state) => useHotkeys.setState({ state }),
      () => undefined,
    );
  });
}
