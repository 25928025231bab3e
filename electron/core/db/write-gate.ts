// One writer at a time on the studio's connection. A bulk job (a 100,000-row import) holds the gate while it
// writes in one transaction across many event-loop turns, so reads keep being answered meanwhile; ordinary
// writes wait for it instead of landing inside a transaction that is not theirs.

export class WriteGate {
  private holder: Promise<unknown> | null = null;

  get held(): boolean {
    return this.holder !== null;
  }

  /** Runs `write` now when nobody holds the gate (synchronously: the usual case), else after the holder. */
  run<T>(write: () => T): T | Promise<T> {
    if (!this.holder) return write();
    return this.waitFree().then(() => this.run(write));
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

  private async waitFree(): Promise<void> {
    try {
      await this.holder;
    } catch {
      // the holder's failure is its own caller's business
    }
  }
}
