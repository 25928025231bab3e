// Idempotency keys for `orders.create`: one per attempt, reused only when the very same order is retried after
// the connection dropped mid-call (its outcome unknown), so a retry can never record the order twice.

/** A random key; randomUUID exists only in secure contexts, and an assistant's phone on the LAN uses plain http. */
export function newAttemptKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class AttemptKeys {
  private unsettled: { key: string; fingerprint: string } | null = null;

  /** The key for sending `input`: the unsettled attempt's when it is the same order, else a fresh one. */
  keyFor(input: unknown): string {
    const fingerprint = JSON.stringify(input);
    if (this.unsettled?.fingerprint !== fingerprint) this.unsettled = { key: newAttemptKey(), fingerprint };
    return this.unsettled.key;
  }

  /** The core answered (an order, or a refusal): the next attempt is a new one. */
  settled(): void {
    this.unsettled = null;
  }
}
