// The rules that keep the open session's detail equal to the core's, as pure code (no page, no client), so
// they can be tested on their own. stores/live.ts wires them to the client's events and replies.
//
// Events are applied in the order they arrive. A snapshot (`live.session`) carries the seq it was taken at:
// events at or below it are already inside it, and events that arrive while it is in flight are kept and
// replayed on top of it when they are newer. Sessions and products are versioned: newest wins.
import type {
  BagItem,
  CouponPush,
  Product,
  Segment,
  Session,
  SessionDetail,
} from '../../../electron/core/protocol/contract.ts';
import type { LogEntry } from '../../../electron/core/protocol/live-schemas.ts';

export type Patch = (detail: SessionDetail) => SessionDetail;

export class DetailSync {
  /** Events that arrived while a snapshot was in flight; null when none is. */
  private pending: Array<{ seq: number; patch: Patch }> | null = null;

  get waiting(): boolean {
    return this.pending !== null;
  }

  /** A snapshot was asked for: keep every event from now on, to replay on it. */
  begin(): void {
    this.pending = [];
  }

  /** The snapshot arrived: it, plus the kept events it does not already hold. */
  settle(snapshot: SessionDetail): SessionDetail {
    let detail = snapshot;
    for (const { seq, patch } of this.pending ?? []) {
      if (seq > detail.seq) detail = { ...patch(detail), seq };
    }
    this.pending = null;
    return detail;
  }

  cancel(): void {
    this.pending = null;
  }

  /** The detail to show after an event for the open session (the same object when it holds the event already). */
  apply(detail: SessionDetail | null, seq: number, patch: Patch): SessionDetail | null {
    this.pending?.push({ seq, patch });
    if (!detail) return null;
    // While a snapshot is coming, show the event at once anyway: the snapshot replaces it, and it is replayed.
    if (!this.pending && seq <= detail.seq) return detail;
    return { ...patch(detail), seq: Math.max(detail.seq, seq) };
  }
}

/** The newest version of each product seen, so a bag that raced a product edit never rolls it back. */
export class NewestProducts {
  private readonly seen = new Map<number, Product>();

  /** True when this is newer than anything seen for the product. */
  remember(product: Product): boolean {
    const known = this.seen.get(product.id);
    if (known && known.version >= product.version) return false;
    if (this.seen.size > 5000) this.seen.clear();
    this.seen.set(product.id, product);
    return true;
  }

  freshen(bag: BagItem[]): BagItem[] {
    return bag.map((item) => {
      const seen = this.seen.get(item.productId);
      return seen && seen.version > item.product.version ? { ...item, product: seen } : item;
    });
  }
}

export function upsertById<T extends { id: number }>(list: T[], item: T): T[] {
  const index = list.findIndex((x) => x.id === item.id);
  if (index < 0) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

/** Live first, then planned by the time they start, then ended (latest first). */
export function sortSessions(sessions: Session[]): Session[] {
  const rank = { live: 0, planned: 1, ended: 2 } as const;
  return sessions.slice().sort((a, b) => {
    if (a.state !== b.state) return rank[a.state] - rank[b.state];
    if (a.state === 'planned') return (a.plannedAt ?? Infinity) - (b.plannedAt ?? Infinity) || a.id - b.id;
    return (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt) || b.id - a.id;
  });
}

const byClock = (a: Segment, b: Segment) => a.startClockMs - b.startClockMs || a.id - b.id;

/** What each live.* event does to the detail. */
export const patches = {
  session:
    (session: Session): Patch =>
    (d) =>
      d.session.version >= session.version ? d : { ...d, session },
  bag:
    (bag: BagItem[]): Patch =>
    (d) => ({ ...d, bag }),
  explain:
    (explaining: Segment | null, ended: Segment | null): Patch =>
    (d) => {
      let segments = d.segments;
      if (ended) segments = upsertById(segments, ended);
      if (explaining) segments = upsertById(segments, explaining);
      // `ended` alone (a stop) closes only the segment it names.
      const open = explaining ?? (ended && d.explaining && d.explaining.id !== ended.id ? d.explaining : null);
      return { ...d, explaining: open, segments: segments.slice().sort(byClock) };
    },
  push:
    (push: CouponPush): Patch =>
    (d) => ({ ...d, pushes: upsertById(d.pushes, push) }),
  log:
    (entry: LogEntry): Patch =>
    (d) => ({ ...d, log: upsertById(d.log, entry).sort((a, b) => a.clockMs - b.clockMs || a.id - b.id) }),
};

/** A product edit (stock falling as orders come in) patched into the bag; the same detail when not in it. */
export function withProduct(detail: SessionDetail, product: Product): SessionDetail {
  const index = detail.bag.findIndex((item) => item.productId === product.id);
  const item = index >= 0 ? detail.bag[index] : undefined;
  if (!item || item.product.version >= product.version) return detail;
  const bag = detail.bag.slice();
  bag[index] = { ...item, product };
  return { ...detail, bag };
}
