// When a destination tries again after it dropped. OBS waits 2 s and then ×1.5 up to 15 min, for 25 tries;
// a live-selling show cannot wait minutes, so the wait is capped at 30 s and the tries never run out (the UI
// shows the countdown and a "reconnect now" button).
export const FIRST_RETRY_MS = 2_000;
export const RETRY_FACTOR = 1.5;
export const MAX_RETRY_MS = 30_000;

/** The wait before try number `attempt` (1 = the first retry). */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_MS, Math.round(FIRST_RETRY_MS * RETRY_FACTOR ** Math.max(0, attempt - 1)));
}
