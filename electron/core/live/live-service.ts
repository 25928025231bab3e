// The live room's operations. Each is one write through the studio's writer, then its events in order, so
// every client sees the same show: two assistants acting at once are simply applied one after the other.
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { Coupon } from '../protocol/coupon-schemas.ts';
import { refused, StudioError } from '../protocol/errors.ts';
import type { BagItem, CouponPush, LogKind, Segment, Session, SessionInput } from '../protocol/live-schemas.ts';
import type { Publish } from '../publish.ts';
import { added, highestLinkNo, moved, removed, renumbered, stepFrom, type Numbering } from '../protocol/bag-order.ts';
import { LiveStore, type StoredSlot } from './live-store.ts';
import { sessionFields } from './session-rules.ts';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';

/** What the live room needs of the coupon library. */
export interface CouponAccess {
  get(id: number): Coupon;
  /** Why this coupon cannot be pushed now (an issue code), or null. */
  pushRefusal(coupon: Coupon, now: number): string | null;
}

export type ExplainTarget = { productId: number } | { linkNo: number };

export interface OnAirShow {
  bag: BagItem[];
  explaining: Segment | null;
  pushes: CouponPush[];
}

/** The live show as the overlay draws it, read from the store (the CLI reads it this way from another process). */
export function onAirOf(store: LiveStore): OnAirShow | null {
  const id = store.liveSessionId();
  if (id === undefined) return null;
  return { bag: store.bag(id), explaining: store.openSegment(id), pushes: store.runningPushes(id) };
}

export class LiveService {
  readonly store: LiveStore;
  private readonly catalog: CatalogService;
  private readonly coupons: CouponAccess;
  private readonly writer: Writer;
  private readonly now: () => number;

  constructor(db: Db, catalog: CatalogService, coupons: CouponAccess, writer: Writer, now: () => number = Date.now) {
    this.store = new LiveStore(db);
    this.catalog = catalog;
    this.coupons = coupons;
    this.writer = writer;
    this.now = now;
  }

  sessions(includeEnded: boolean): Session[] {
    return this.store.sessions(includeEnded);
  }

  detail(id: number) {
    const session = this.session(id);
    return {
      session,
      bag: this.store.bag(id),
      explaining: this.store.openSegment(id),
      segments: this.store.segments(id),
      pushes: this.store.pushes(id),
      log: this.store.log(id),
    };
  }

  /** The live show's bag, explanation and running coupon pushes (what the overlay draws); null when none is live. */
  onAir(): OnAirShow | null {
    return onAirOf(this.store);
  }

  create(input: SessionInput): Promise<Session> {
    return this.write((emit) => {
      const session = this.store.insertSession(sessionFields(input, this.imageExists), this.now());
      emit('live.sessionChanged', { session });
      return session;
    });
  }

  update(id: number, expectedVersion: number, patch: Partial<SessionInput>): Promise<Session> {
    return this.write((emit) => {
      const current = this.session(id);
      if (current.version !== expectedVersion) throw this.conflict(current);
      const fields = sessionFields(patch, this.imageExists, current);
      const session = this.store.updateSession(id, expectedVersion, fields, this.now());
      if (!session) throw this.conflict(this.session(id));
      emit('live.sessionChanged', { session });
      return session;
    });
  }

  /** Why this session cannot go live now (an issue code), or null: what goLive checks, asked before a stream starts. */
  goLiveRefusal(id: number): string | null {
    const current = this.session(id);
    if (current.state !== 'planned') return `session_${current.state}`;
    if (current.bagCount === 0) return 'session_bag_empty';
    return this.store.liveSessionId() === undefined ? null : 'session_other_live';
  }

  /** planned → live: the bag must hold a product (as WeChat Channels requires), and one show runs at a time. */
  goLive(id: number): Promise<Session> {
    return this.write((emit) => {
      const refusal = this.goLiveRefusal(id);
      if (refusal) throw refused(refusal, `session ${id} cannot go live: ${refusal}`);
      const session = this.store.setState(id, 'live', this.now());
      emit('live.sessionChanged', { session });
      emit('live.logged', { entry: this.store.insertLog(id, 'went_live', session.startedAt!, null, null) });
      return session;
    });
  }

  /** live → ended: the explanation and every running coupon push end with the show. */
  end(id: number): Promise<Session> {
    return this.write((emit) => {
      this.liveSession(id);
      const now = this.now();
      const open = this.store.openSegment(id);
      if (open)
        emit('live.explainChanged', { sessionId: id, explaining: null, ended: this.store.endSegment(open.id, now) });
      for (const push of this.store.runningPushes(id)) {
        emit('live.couponPushChanged', { push: this.store.stopPush(push.id, now) });
      }
      const session = this.store.setState(id, 'ended', now);
      emit('live.logged', { entry: this.store.insertLog(id, 'ended', now, null, null) });
      emit('live.sessionChanged', { session });
      return session;
    });
  }

  bagAdd(sessionId: number, productId: number): Promise<BagItem[]> {
    return this.editBag(sessionId, (slots, numbering) => {
      const product = this.catalog.get(productId);
      if (product.archived) throw refused('product_archived', `product ${productId} is archived`);
      const slot = { productId, listed: true, soldOut: false, addedAt: this.now() };
      return added<StoredSlot>(slots, slot, numbering, this.store.lastLinkNo(sessionId));
    });
  }

  bagRemove(sessionId: number, productId: number): Promise<BagItem[]> {
    return this.editBag(sessionId, (slots, numbering, emit) => {
      const next = removed(slots, productId, numbering);
      this.endExplainingOf(sessionId, productId, emit);
      return next;
    });
  }

  bagMove(sessionId: number, productId: number, toIndex: number): Promise<BagItem[]> {
    return this.editBag(sessionId, (slots, numbering) => moved(slots, productId, toIndex, numbering), {
      movedId: productId,
    });
  }

  bagSet(sessionId: number, productId: number, flags: { listed?: boolean; soldOut?: boolean }) {
    return this.editBag(sessionId, (slots, _numbering, emit) => {
      const next = slots.map((s) => (s.productId === productId ? { ...s, ...defined(flags) } : s));
      if (!slots.some((s) => s.productId === productId)) throw refused('bag_item_missing', 'not in the bag');
      // A delisted product is no longer on viewers' screens, so it cannot stay "being explained" either.
      if (flags.listed === false) this.endExplainingOf(sessionId, productId, emit);
      return next;
    });
  }

  /** Link numbers become 1…n in bag order: automatic before the show, on purpose while live. */
  bagRenumber(sessionId: number): Promise<BagItem[]> {
    return this.editBag(sessionId, (slots) => renumbered(slots), { renumber: true });
  }

  explain(sessionId: number, target: ExplainTarget): Promise<Segment> {
    return this.write((emit) => {
      this.liveSession(sessionId);
      const slots = this.store.slots(sessionId);
      const slot =
        'productId' in target
          ? slots.find((s) => s.productId === target.productId)
          : slots.find((s) => s.linkNo === target.linkNo);
      if (!slot) {
        throw refused('bag_item_missing', 'not in the bag', 'linkNo' in target ? { linkNo: target.linkNo } : {});
      }
      if (!slot.listed) throw refused('bag_item_delisted', `product ${slot.productId} is delisted`);
      return this.startExplaining(sessionId, slot, emit);
    });
  }

  /** Next / previous listed product in bag order; null (and no change) at either end of the bag. */
  explainStep(sessionId: number, direction: 'next' | 'previous'): Promise<Segment | null> {
    return this.write((emit) => {
      this.liveSession(sessionId);
      const current = this.store.openSegment(sessionId);
      const slot = stepFrom(this.store.slots(sessionId), current?.productId ?? null, direction, (s) => s.listed);
      return slot ? this.startExplaining(sessionId, slot, emit) : null;
    });
  }

  stopExplaining(sessionId: number): Promise<Segment | null> {
    return this.write((emit) => {
      this.liveSession(sessionId);
      const open = this.store.openSegment(sessionId);
      if (!open) return null;
      const ended = this.store.endSegment(open.id, this.now());
      emit('live.explainChanged', { sessionId, explaining: null, ended });
      return ended;
    });
  }

  /** 发券: only during the show, within the coupon's validity, while some are left. */
  pushCoupon(sessionId: number, couponId: number): Promise<CouponPush> {
    return this.write((emit) => {
      this.liveSession(sessionId);
      const now = this.now();
      const running = this.store.runningPush(sessionId, couponId);
      if (running) return running;
      const why = this.coupons.pushRefusal(this.coupons.get(couponId), now);
      if (why) throw refused(why, `coupon ${couponId} cannot be pushed`);
      const push = this.store.insertPush(sessionId, couponId, now);
      emit('live.couponPushChanged', { push });
      return push;
    });
  }

  stopCoupon(sessionId: number, couponId: number): Promise<CouponPush> {
    return this.write((emit) => {
      this.session(sessionId);
      const running = this.store.runningPush(sessionId, couponId);
      if (!running) throw refused('coupon_not_pushed', `coupon ${couponId} is not pushed in session ${sessionId}`);
      const push = this.store.stopPush(running.id, this.now());
      emit('live.couponPushChanged', { push });
      return push;
    });
  }

  private startExplaining(sessionId: number, slot: StoredSlot, emit: Publish): Segment {
    const open = this.store.openSegment(sessionId);
    if (open?.productId === slot.productId) return open; // already on it: a double press is not a new segment
    const now = this.now();
    const ended = open ? this.store.endSegment(open.id, now) : null;
    const explaining = this.store.startSegment(sessionId, slot.productId, slot.linkNo, now);
    emit('live.explainChanged', { sessionId, explaining, ended });
    return explaining;
  }

  private endExplainingOf(sessionId: number, productId: number, emit: Publish): void {
    const open = this.store.openSegment(sessionId);
    if (open?.productId !== productId) return;
    emit('live.explainChanged', { sessionId, explaining: null, ended: this.store.endSegment(open.id, this.now()) });
  }

  /** One bag change: rules on the stored lines, the whole new bag written, then one event with all of it. */
  private editBag(
    sessionId: number,
    change: (slots: StoredSlot[], numbering: Numbering, emit: Publish) => StoredSlot[],
    { renumber = false, movedId }: { renumber?: boolean; movedId?: number } = {},
  ): Promise<BagItem[]> {
    return this.write((emit) => {
      const session = this.session(sessionId);
      if (session.state === 'ended') throw refused('session_ended', `session ${sessionId} has ended`);
      const before = this.store.slots(sessionId);
      // Viewers have heard the numbers once the show is live; before it they just follow the order.
      const numbering = session.state === 'live' ? 'stable' : 'follow-order';
      const next = change(before, numbering, emit);
      // A renumber (or the time before the show) starts the count again; otherwise heard numbers stay taken.
      const restart = numbering === 'follow-order' || renumber;
      const last = restart ? next.length : highestLinkNo(next, this.store.lastLinkNo(sessionId));
      this.store.writeSlots(sessionId, next, last);
      if (numbering === 'stable') {
        const now = this.now();
        for (const [kind, slot] of bagChanges(before, next, movedId, renumber)) {
          emit('live.logged', {
            entry: this.store.insertLog(sessionId, kind, now, slot?.productId ?? null, slot?.linkNo ?? null),
          });
        }
      }
      const bag = this.store.bag(sessionId);
      emit('live.bagChanged', { sessionId, bag });
      if (next.length !== before.length) emit('live.sessionChanged', { session: this.session(sessionId) });
      return bag;
    });
  }

  private write<T>(work: (emit: Publish) => T): Promise<T> {
    return this.writer.write(work);
  }

  session(id: number): Session {
    const session = this.store.session(id);
    if (!session) throw new StudioError('not_found', `session ${id} not found`);
    return session;
  }

  private liveSession(id: number): Session {
    const session = this.session(id);
    if (session.state !== 'live') throw refused('session_not_live', `session ${id} is ${session.state}`);
    return session;
  }

  private readonly imageExists = (id: string): boolean => this.catalog.images.exists(id);

  private conflict(current: Session): StudioError {
    return new StudioError('conflict', `session ${current.id} was changed by someone else`, { current });
  }
}

/** What a bag change did, for the show's log: additions, removals, flag flips, a move, a renumber. */
function bagChanges(
  before: readonly StoredSlot[],
  after: readonly StoredSlot[],
  movedId: number | undefined,
  renumber: boolean,
): Array<[LogKind, StoredSlot | null]> {
  const changes: Array<[LogKind, StoredSlot | null]> = [];
  const was = new Map(before.map((s) => [s.productId, s]));
  const now = new Map(after.map((s) => [s.productId, s]));
  for (const slot of after) {
    const old = was.get(slot.productId);
    if (!old) changes.push(['bag_added', slot]);
    else {
      if (old.listed !== slot.listed) changes.push([slot.listed ? 'bag_listed' : 'bag_delisted', slot]);
      if (old.soldOut !== slot.soldOut) changes.push([slot.soldOut ? 'bag_sold_out' : 'bag_back_in_stock', slot]);
    }
  }
  for (const slot of before) if (!now.has(slot.productId)) changes.push(['bag_removed', slot]);
  const movedSlot = movedId === undefined ? undefined : now.get(movedId);
  if (movedSlot && before.findIndex((s) => s.productId === movedId) !== after.indexOf(movedSlot)) {
    changes.push(['bag_moved', movedSlot]);
  }
  if (renumber) changes.push(['bag_renumbered', null]);
  return changes;
}

function defined<T extends object>(flags: T): Partial<T> {
  return Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as Partial<T>;
}
