// Tokens for the web host: one per launch, compared in constant time; repeated wrong tries are slowed down.
import crypto from 'node:crypto';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function tokensMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const WINDOW_MS = 60_000;
const FREE_TRIES = 3;
/** The wait after the free tries are used up; it doubles with every further failure. */
export const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/** Per remote address: how long to wait before answering, growing with recent failures (brute force gets slow). */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  delayFor(address: string): number {
    const recent = this.recent(address);
    if (recent.length < FREE_TRIES) return 0;
    return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (recent.length - FREE_TRIES));
  }

  fail(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failures.set(address, recent);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    return (this.failures.get(address) ?? []).filter((t) => t > cutoff);
  }
}
