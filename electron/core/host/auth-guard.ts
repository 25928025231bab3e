// Tokens for the web host, and the gate every token passes: a right token is let in at once, whatever else came
// from its address or any other; wrong ones are answered ever more slowly per address, and only a few at a time.
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
/** The wait after the free tries are used up; it doubles with every further wrong token. */
export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 10_000;
/** Wrong tokens from one address waiting for their answer at once; more are turned away unchecked. */
export const MAX_PENDING_PER_ADDRESS = 4;
/** The same over every address, so a crowd of addresses cannot hold many sockets open either. */
export const MAX_PENDING_TOTAL = 64;

export type GateVerdict<P> =
  /** The token opens the studio: go on now. */
  | { kind: 'admit'; principal: P }
  /** Wrong: answer "unauthorized" after `delayMs`, then call `release` (the slot it holds is freed). */
  | { kind: 'refuse'; delayMs: number; release(): void }
  /** Wrong, and too many wrong tokens are waiting already (from here, or in all): turned away at once. */
  | { kind: 'busy' };

interface AddressState {
  /** When each distinct wrong token was last tried (by fingerprint): the same stale token again is no new guess. */
  failures: Map<string, number>;
  pending: number;
}

/**
 * Per remote address. A token is always checked (constant-time, or a hash lookup: cheap), so a right token never
 * waits for anyone's failures, nor is turned away when many wrong ones are waiting (a crowd of guessers must not
 * lock the host's devices out mid-show). Guessing is bounded twice: each wrong answer from an address comes later
 * than the last (rate), and only a few can be waiting per address and in all (concurrency) — a wrong token beyond
 * that is turned away at once. That fast "no" is no help to a guesser: tokens are 192 random bits.
 */
export class AuthGate {
  private readonly addresses = new Map<string, AddressState>();
  private pendingTotal = 0;
  private lastSweep = 0;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  check<P>(address: string, token: unknown, resolve: (token: unknown) => P | null): GateVerdict<P> {
    const principal = resolve(token);
    if (principal !== null) return { kind: 'admit', principal };
    this.sweep();
    const state = this.state(address);
    state.failures.set(fingerprint(token), this.now());
    if (state.pending >= MAX_PENDING_PER_ADDRESS || this.pendingTotal >= MAX_PENDING_TOTAL) return { kind: 'busy' };
    const delayMs = delayAfter(state.failures.size);
    state.pending++;
    this.pendingTotal++;
    let released = false;
    return {
      kind: 'refuse',
      delayMs,
      release: () => {
        if (released) return;
        released = true;
        state.pending--;
        this.pendingTotal--;
      },
    };
  }

  /** Wrong tokens from this address within the window (distinct ones). */
  failures(address: string): number {
    return this.addresses.has(address) ? this.state(address).failures.size : 0;
  }

  /** Addresses the gate remembers: those with a recent wrong token or one waiting for its answer. */
  remembered(): number {
    this.sweep(true);
    return this.addresses.size;
  }

  private state(address: string): AddressState {
    let state = this.addresses.get(address);
    if (!state) this.addresses.set(address, (state = { failures: new Map(), pending: 0 }));
    const cutoff = this.now() - WINDOW_MS;
    for (const [key, at] of state.failures) if (at <= cutoff) state.failures.delete(key);
    return state;
  }

  /** Forgets failures older than the window, and addresses left with none and nothing waiting (once a window). */
  private sweep(force = false): void {
    const now = this.now();
    if (!force && now - this.lastSweep < WINDOW_MS / 4) return;
    this.lastSweep = now;
    const cutoff = now - WINDOW_MS;
    for (const [address, state] of this.addresses) {
      for (const [key, at] of state.failures) if (at <= cutoff) state.failures.delete(key);
      if (state.pending === 0 && state.failures.size === 0) this.addresses.delete(address);
    }
  }
}

/** 0 for the first three wrong tokens, then 0.5 s doubling up to 10 s. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES - 1));
}

function fingerprint(token: unknown): string {
  const text = typeof token === 'string' ? token : JSON.stringify(token ?? null);
  return crypto.createHash('sha256').update(text.slice(0, 4096)).digest('base64url').slice(0, 16);
}
