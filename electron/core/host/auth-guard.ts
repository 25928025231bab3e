// Tokens for the web host, and the gate every token passes: a right token is let in at once, whatever else
// came from its address; wrong ones are answered ever more slowly per address, and only a few at a time.
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
  /** Too many wrong tokens from here are waiting already: turned away at once, the token not even looked at. */
  | { kind: 'busy' };

interface AddressState {
  /** When each distinct wrong token was last tried (by fingerprint): the same stale token again is no new guess. */
  failures: Map<string, number>;
  pending: number;
}

/**
 * Per remote address: checking a token is cheap and constant-time, so it is always done for an address that has
 * room, and a right token never waits for anyone's failures (its own address's included). Guessing is bounded
 * twice: each wrong answer comes later than the last (rate), and only a few can be waiting per address and in all
 * (concurrency) — a guess beyond that is refused without being checked, so it teaches nothing.
 */
export class AuthGate {
  private readonly addresses = new Map<string, AddressState>();
  private pendingTotal = 0;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  check<P>(address: string, token: unknown, resolve: (token: unknown) => P | null): GateVerdict<P> {
    const state = this.state(address);
    if (state.pending >= MAX_PENDING_PER_ADDRESS || this.pendingTotal >= MAX_PENDING_TOTAL) return { kind: 'busy' };
    const principal = resolve(token);
    if (principal !== null) return { kind: 'admit', principal };
    state.failures.set(fingerprint(token), this.now());
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
        this.forgetIfIdle(address, state);
      },
    };
  }

  /** Wrong tokens from this address within the window (distinct ones). */
  failures(address: string): number {
    return this.state(address).failures.size;
  }

  private state(address: string): AddressState {
    let state = this.addresses.get(address);
    if (!state) this.addresses.set(address, (state = { failures: new Map(), pending: 0 }));
    const cutoff = this.now() - WINDOW_MS;
    for (const [key, at] of state.failures) if (at <= cutoff) state.failures.delete(key);
    return state;
  }

  private forgetIfIdle(address: string, state: AddressState): void {
    if (state.pending === 0 && state.failures.size === 0) this.addresses.delete(address);
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
