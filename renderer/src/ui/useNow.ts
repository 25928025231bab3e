// One shared ticking clock for every countdown, session clock and coupon status on screen, aligned to whole
// seconds so all of them change digits together (and one timer serves them all). It reads the studio's
// clock, not the device's: an assistant's phone set a few minutes off must not show a wrong session clock.
import { useSyncExternalStore } from 'react';

/** The studio's clock minus this device's, learnt from each hello. */
let offsetMs = 0;

export function setStudioClockOffset(ms: number): void {
  offsetMs = ms;
}

/** Epoch ms on the studio's clock, for one-off reads outside rendering. */
export function studioNow(): number {
  return Date.now() + offsetMs;
}

let now = studioNow();
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function tick(): void {
  now = studioNow();
  for (const listener of listeners) listener();
  timer = setTimeout(tick, 1000 - (now % 1000) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = studioNow();
    timer = setTimeout(tick, 1000 - (now % 1000) + 5);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearTimeout(timer);
  };
}

const snapshot = () => now;

/** Epoch ms on the studio's clock, re-rendering the caller every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
