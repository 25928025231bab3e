// How a domain announces a change: the composition root wires this to the protocol server's numbered events.
import type { Principal } from './rpc/server.ts';
import type { Events } from './protocol/contract.ts';

/**
 * Who may see an event; every other connection gets `studio.hidden` in its place (its numbering stays gapless).
 * Absent: everyone the event's name allows.
 */
export type Audience = (principal: Principal) => boolean;

export type Publish = <E extends keyof Events>(name: E, data: Events[E], audience?: Audience) => void;
