// One shared ticking clock for every countdown and session clock on screen, aligned to whole seconds so
// all of them change digits together (and one timer serves them all).
import { useSyncExternalStore } from 'react';

let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
  timer = setTimeout(tick, 1000 - (now % 1000) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    now = Date.now();
    timer = setTimeout(tick, 1000 - (now % 1000) + 5);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) clearTimeout(timer);
  };
}

const snapshot = () => now;

/** Epoch ms, re-rendering the caller every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
