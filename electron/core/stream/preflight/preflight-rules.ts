// The pre-flight's verdicts, pure: how much upload is enough, and what the worst finding makes of the whole.
import type { CheckLevel } from '../../protocol/preflight-schemas.ts';

/**
 * Below this much upload per needed bit the margin is thin: a show at 1.2× its bitrate survives a quiet evening, not
 * a neighbour's video call or a scene with more detail (x264's peaks go well over the average).
 */
export const THIN_MARGIN = 1.5;
/** The test pushes no faster than this many times the bitrate: enough to tell "ample" from "thin" without flooding. */
export const CAP_FACTOR = 3;

const ORDER: CheckLevel[] = ['skipped', 'ok', 'pending', 'warn', 'fail'];

/** `measured` kbit/s for `needed`: ok with room, warn when thin, fail below the bitrate itself. */
export function uploadLevel(measured: number, needed: number): CheckLevel {
  if (measured >= needed * THIN_MARGIN) return 'ok';
  if (measured >= needed) return 'warn';
  return 'fail';
}

/** The worst of several findings (`skipped` counts for nothing; anything still pending keeps the whole pending). */
export function worst(levels: CheckLevel[]): CheckLevel {
  if (levels.includes('pending')) return 'pending';
  let result: CheckLevel = 'ok';
  for (const level of levels) if (ORDER.indexOf(level) > ORDER.indexOf(result)) result = level;
  return result;
}

/** Bytes over a window → kbit/s (rounded down: a rate is never flattered). */
export function kbpsOf(bytes: number, ms: number): number {
  return ms > 0 ? Math.floor((bytes * 8) / ms) : 0;
}
