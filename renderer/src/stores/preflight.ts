// The pre-flight check as this window sees it (host only): the latest report, replaced by every `stream.preflight`
// event while it runs (another window may have started it) and by the call's reply at the end.
import { create } from 'zustand';
import type { Preflight } from '../../../electron/core/protocol/preflight-schemas.ts';
import type { StudioClient } from '../api/index.ts';

interface PreflightStoreState {
  report: Preflight | null;
  /** Why the check could not run (a refusal, the connection), in the host's words; null otherwise. */
  error: unknown;
  run(): Promise<void>;
}

let client: StudioClient | null = null;

export const usePreflight = create<PreflightStoreState>((set) => ({
  report: null,
  error: null,
  async run() {
    if (!client) return;
    set({ error: null });
    try {
      set({ report: await client.call('stream.preflight', {}) });
    } catch (error) {
      set({ error });
    }
  },
}));

export function bindPreflight(studio: StudioClient): void {
  client = studio;
  studio.on('stream.preflight', ({ report }) => usePreflight.setState({ report }));
  studio.onReady(() => usePreflight.setState({ report: null, error: null }));
}
