// The studio's events inside the core. A domain announces a change once (Publish); the protocol server numbers it
// for every client, and the domains that follow another's changes (the overlay draws the live show, automatic
// clips cut an explanation that ended) subscribe here to the names they need, by name and typed, instead of
// reading every event that passes.
import type { EventName, Events } from './protocol/contract.ts';
import type { Audience, Publish } from './publish.ts';

type Listener<E extends EventName> = (data: Events[E], name: E) => void;

export class StudioEvents {
  private readonly listeners = new Map<EventName, Array<Listener<EventName>>>();
  private readonly emit: (name: EventName, data: Events[EventName], audience?: Audience) => void;

  /** `emit`: the protocol server's numbered events (every client). */
  constructor(emit: <E extends EventName>(name: E, data: Events[E], audience?: Audience) => void) {
    this.emit = emit;
  }

  /** What domains are given to announce their changes: to every client, then to the domains that follow them. */
  readonly publish: Publish = (name, data, audience) => {
    this.emit(name, data, audience);
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(data, name);
      } catch (error) {
        // A follower's failure is its own: the change happened, and the others (and the clients) heard of it.
        console.error(`[studio] a follower of ${name} failed:`, error);
      }
    }
  };

  /** Calls `listener` after each of these events is published (after its commit); returns how to stop. */
  on<E extends EventName>(names: E | readonly E[], listener: Listener<E>): () => void {
    const list = typeof names === 'string' ? [names] : names;
    for (const name of list) {
      const listeners = this.listeners.get(name) ?? [];
      listeners.push(listener as unknown as Listener<EventName>);
      this.listeners.set(name, listeners);
    }
    return () => {
      for (const name of list) {
        const listeners = this.listeners.get(name) ?? [];
        this.listeners.set(
          name,
          listeners.filter((l) => l !== (listener as unknown as Listener<EventName>)),
        );
      }
    };
  }
}
