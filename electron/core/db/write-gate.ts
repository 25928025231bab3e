// One writer at a time on the studio's connection. A bulk job (a 100,000-row import) holds the gate while it
// writes in one transaction across many event-loop turns, so reads keep being answered meanwhile; ordinary
// writes wait for it instead of landing inside a transaction that is not theirs.
//
// Another process may hold SQLite's write lock for a while (a CLI import beside the running studio). The studio
// never blocks its thread on that lock (busy_timeout 0, see connection.ts): a write that finds it taken is rolled
// back and tried again a moment later, holding the gate so later writes keep their order. It fails only after
// BUSY_GIVE_UP_MS, with a message that says why.
import { StudioError } from '../protocol/errors.ts';

/** SQLite's "another connection has the lock" (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;
export const BUSY_GIVE_UP_MS = 120_000;

export class WriteGate {
  private holder: Promise<unknown> | null = null;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  get held(): boolean {
    return this.holder !== null;
  }

  /** Runs `write` now when nobody holds the gate (synchronously: the usual case), else after the holder. */
  run<T>(write: () => T): T | Promise<T> {
    if (this.holder) return this.waitFree().then(() => this.run(write));
    try {
      return write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      return this.hold(() => this.retryWhileBusy(write));
    }
  }

  /** Holds the gate for the whole of `work` (which may yield); later writers queue behind it. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    while (this.holder) await this.waitFree();
    const running = work();
    this.holder = running;
    try {
      return await running;
    } finally {
      this.holder = null;
    }
  }

  /** Tries `write` again, a little later each time, until the other process lets go of the lock. */
  async retryWhileBusy<T>(write: () => T): Promise<T> {
    const giveUpAt = this.now() + BUSY_GIVE_UP_MS;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(MAX_RETRY_MS, wait * 2)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return write();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (this.now() >= giveUpAt) {
          throw new StudioError('busy', 'another program kept the database locked', {
            issues: [{ path: '(root)', code: 'db_locked' }],
          });
        }
      }
    }
  }

  private async waitFree(): Promise<void> {
    try {
      await this.holder;
    } catch {
      // the holder's failure is its own caller's business
    }
  }
}
