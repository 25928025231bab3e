// How a domain writes: one transaction behind the write gate, and its events published only once it has
// committed, in the order they were raised. A refused change rolls back and announces nothing.
import type { Publish } from '../publish.ts';
import type { WriteGate } from './write-gate.ts';

export type Transact = <T>(work: () => T) => T;

export function gatedWrite<T>(
  gate: WriteGate,
  transact: Transact,
  publish: Publish,
  work: (emit: Publish) => T,
): T | Promise<T> {
  return gate.run(() => {
    const queued: Array<() => void> = [];
    const emit: Publish = (name, data) => queued.push(() => publish(name, data));
    const result = transact(() => work(emit));
    for (const send of queued) send();
    return result;
  });
}
