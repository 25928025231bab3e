// Going live as this window sees it (host only): the core's stream state, replaced whole by every
// `stream.changed`, and the latest preview frame from `stream.preview`. Replies and events share one ordered
// channel, so whichever arrives last is the newest state: a call's reply (it carries the state too) is applied
// like an event. The probe and the device list are asked for on demand (both take a moment in the core).
import { create } from 'zustand';
import type { StreamDestination, StreamSettings, StreamState } from '../../../electron/core/protocol/contract.ts';
import type { deviceSchema, probeSchema } from '../../../electron/core/protocol/stream-schemas.ts';
import type { StudioClient } from '../api/index.ts';
import { describeError } from '../i18n/describe.ts';
import { currentTranslator } from '../i18n/index.ts';
import type { z } from 'zod';

export type StreamDevice = z.infer<typeof deviceSchema>;
export type StreamProbe = z.infer<typeof probeSchema>;

export interface PreviewFrame {
  /** An object URL for the JPEG (the previous one is revoked when the next arrives). */
  url: string;
  /** The core's clock when the frame was taken. */
  at: number;
  /** Frames seen this show: the preview's "moving" indicator and the tests read it. */
  count: number;
}

interface Loadable<T> {
  loading: boolean;
  value: T | null;
  error: string | null;
}

export interface SoundLevel {
  peakDb: number;
  rmsDb: number;
}

interface StreamStoreState {
  state: StreamState | null;
  /** The show's sound level, ten times a second while live (null otherwise). */
  level: SoundLevel | null;
  error: string | null;
  preview: PreviewFrame | null;
  probe: Loadable<StreamProbe>;
  devices: Loadable<{ devices: StreamDevice[]; error: string | null }>;
  /** A settings save in flight (Go Live waits for it, so a show never starts on the previous settings). */
  savingSettings: Promise<unknown> | null;
  refetch(): Promise<void>;
  apply(state: StreamState): void;
  applyDestination(destination: StreamDestination): void;
  /** Saves the settings; the promise rejects with the core's refusal. */
  saveSettings(settings: StreamSettings): Promise<StreamState>;
  loadProbe(force?: boolean): Promise<void>;
  loadDevices(): Promise<void>;
}

let client: StudioClient | null = null;
let fetchToken = 0;

const idle = <T>(): Loadable<T> => ({ loading: false, value: null, error: null });

export const useStream = create<StreamStoreState>((set, get) => ({
  state: null,
  level: null,
  error: null,
  preview: null,
  probe: idle(),
  devices: idle(),
  savingSettings: null,

  async refetch() {
    if (!client || client.hello?.role !== 'host') return;
    const token = ++fetchToken;
    try {
      const state = await client.call('stream.state', {});
      if (token !== fetchToken) return;
      get().apply(state);
      set({ error: null });
    } catch (error) {
      if (token !== fetchToken) return;
      set({ error: describeError(currentTranslator(), error) });
    }
  },

  apply(state) {
    set({ state, error: null });
    // The preview shows what is being encoded: nothing once the show is over.
    if (state.phase === 'idle' || state.phase === 'failed') {
      clearPreview();
      if (get().level) set({ level: null });
    }
  },

  applyDestination(destination) {
    const state = get().state;
    if (!state) return;
    const known = state.destinations.some((d) => d.id === destination.id);
    const destinations = known
      ? state.destinations.map((d) => (d.id === destination.id ? destination : d))
      : [...state.destinations, destination];
    set({ state: { ...state, destinations } });
  },

  async saveSettings(settings) {
    if (!client) throw new Error('no studio connection');
    // Shown at once; the reply (or the event before it) brings the core's word.
    const before = get().state;
    if (before) set({ state: { ...before, settings } });
    const call = client.call('stream.saveSettings', { settings });
    set({ savingSettings: call });
    try {
      const state = await call;
      get().apply(state);
      return state;
    } catch (error) {
      void get().refetch();
      throw error;
    } finally {
      if (get().savingSettings === call) set({ savingSettings: null });
    }
  },

  async loadProbe(force = false) {
    if (!client || get().probe.loading || (get().probe.value && !force)) return;
    set({ probe: { ...get().probe, loading: true, error: null } });
    try {
      const value = await client.call('stream.probe', {});
      set({ probe: { loading: false, value, error: null } });
    } catch (error) {
      set({ probe: { loading: false, value: null, error: describeError(currentTranslator(), error) } });
    }
  },

  async loadDevices() {
    if (!client || get().devices.loading) return;
    set({ devices: { ...get().devices, loading: true, error: null } });
    try {
      const value = await client.call('stream.devices', {});
      set({ devices: { loading: false, value, error: null } });
    } catch (error) {
      set({ devices: { loading: false, value: null, error: describeError(currentTranslator(), error) } });
    }
  },
}));

function clearPreview(): void {
  const preview = useStream.getState().preview;
  if (!preview) return;
  URL.revokeObjectURL(preview.url);
  useStream.setState({ preview: null });
}

function showFrame(jpegBase64: string, at: number): void {
  const phase = useStream.getState().state?.phase;
  if (phase === 'idle' || phase === 'failed') return;
  let blob: Blob;
  try {
    const binary = atob(jpegBase64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    blob = new Blob([bytes], { type: 'image/jpeg' });
  } catch {
    return; // not base64: skip the frame, the next one will do
  }
  const previous = useStream.getState().preview;
  const url = URL.createObjectURL(blob);
  useStream.setState({ preview: { url, at, count: (previous?.count ?? 0) + 1 } });
  // The <img> has already decoded the old frame; its URL is no longer needed.
  if (previous) URL.revokeObjectURL(previous.url);
}

/**
 * While a show runs, leaving the page asks first: a browser tab shows its own prompt, and the desktop app turns
 * the blocked unload into a "you are live, close anyway?" dialog (electron/main/leave-guard.ts).
 */
function guardUnloadWhileLive(): void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    const phase = useStream.getState().state?.phase;
    if (phase === 'live' || phase === 'starting') event.preventDefault();
  };
  window.addEventListener('beforeunload', onBeforeUnload);
}

export function bindStream(studio: StudioClient): void {
  client = studio;
  guardUnloadWhileLive();
  studio.on('stream.changed', ({ state }) => useStream.getState().apply(state));
  studio.on('stream.preview', ({ jpegBase64, at }) => showFrame(jpegBase64, at));
  studio.on('stream.level', ({ peakDb, rmsDb }) => {
    const phase = useStream.getState().state?.phase;
    if (phase === 'live' || phase === 'starting') useStream.setState({ level: { peakDb, rmsDb } });
  });
  studio.onReady((hello) => {
    if (hello.role !== 'host') {
      // An assistant never sees going live (the core would refuse anyway).
      fetchToken++;
      clearPreview();
      useStream.setState({ state: null, error: null, probe: idle(), devices: idle() });
      return;
    }
    void useStream.getState().refetch();
  });
}
