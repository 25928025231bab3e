// The show's clock as every screen writes it: the header's hh:mm:ss, and mm:ss (h:mm:ss past the hour) for points
// and lengths on it (the timeline, clips).
export const pad = (n: number) => String(n).padStart(2, '0');

/** The header's session clock: always hh:mm:ss, so the digits never jump as the show passes an hour. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** A point on the session clock in the timeline: mm:ss, or h:mm:ss once past the first hour. */
export function clockShort(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}
