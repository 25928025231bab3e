// How a domain announces a change: the composition root wires this to the protocol server's numbered events.
import type { Events } from './protocol/contract.ts';

export type Publish = <E extends keyof Events>(name: E, data: Events[E]) => void;
