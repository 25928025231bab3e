// The live room's tables: SQL in, protocol objects out. No rules here (see protocol/bag-order.ts, live-service.ts).
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import { toProduct, type ProductRow } from '../catalog/product-store.ts';
import { SkuStore } from '../catalog/sku-store.ts';
import type { Sku } from '../protocol/catalog-schemas.ts';
import type {
  BagItem,
  CouponPush,
  LogEntry,
  LogKind,
  Segment,
  Session,
  SessionState,
} from '../protocol/live-schemas.ts';

interface SessionRow {
  id: number;
  title: string;
  cover_image_id: string | null;
  planned_at: number | null;
  notes: string;
  promo_link: string | null;
  state: SessionState;
  started_at: number | null;
  ended_at: number | null;
  last_link_no: number;
  bag_count: number;
  version: number;
  created_at: number;
  updated_at: number;
}

interface BagRow extends ProductRow {
  product_id: number;
  link_no: number;
  listed: number;
  sold_out: number;
  added_at: number;
}

interface SegmentRow {
  id: number;
  session_id: number;
  product_id: number;
  link_no: number;
  title: string;
  started_at: number;
  ended_at: number | null;
  session_started_at: number;
}

interface PushRow {
  id: number;
  session_id: number;
  coupon_id: number;
  pushed_at: number;
  stopped_at: number | null;
  session_started_at: number;
}

interface LogRow {
  id: number;
  session_id: number;
  at: number;
  kind: LogKind;
  product_id: number | null;
  link_no: number | null;
  session_started_at: number;
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    id: row.id,
    sessionId: row.session_id,
    at: row.at,
    clockMs: row.at - row.session_started_at,
    kind: row.kind,
    productId: row.product_id,
    linkNo: row.link_no,
  };
}

/** What is stored for a session, already validated. */
export interface SessionFields {
  title: string;
  coverImageId: string | null;
  plannedAt: number | null;
  notes: string;
  promoLink: string | null;
}

/** One bag line as stored (the product is joined in on read). */
export interface StoredSlot {
  productId: number;
  linkNo: number;
  listed: boolean;
  soldOut: boolean;
  addedAt: number;
}

const SESSION_SELECT = `
  SELECT s.*, (SELECT count(*) FROM bag_items b WHERE b.session_id = s.id) AS bag_count FROM live_sessions s`;

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    title: row.title,
    coverImageId: row.cover_image_id,
    plannedAt: row.planned_at,
    notes: row.notes,
    promoLink: row.promo_link,
    state: row.state,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    bagCount: row.bag_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toBagItem(row: BagRow, skus: Sku[]): BagItem {
  return {
    productId: row.product_id,
    linkNo: row.link_no,
    listed: row.listed === 1,
    soldOut: row.sold_out === 1,
    addedAt: row.added_at,
    product: toProduct(row, skus),
  };
}

function toSegment(row: SegmentRow): Segment {
  return {
    id: row.id,
    sessionId: row.session_id,
    productId: row.product_id,
    linkNo: row.link_no,
    title: row.title,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    startClockMs: row.started_at - row.session_started_at,
    endClockMs: row.ended_at === null ? null : row.ended_at - row.session_started_at,
  };
}

function toPush(row: PushRow): CouponPush {
  return {
    id: row.id,
    sessionId: row.session_id,
    couponId: row.coupon_id,
    pushedAt: row.pushed_at,
    stoppedAt: row.stopped_at,
    pushClockMs: row.pushed_at - row.session_started_at,
    stopClockMs: row.stopped_at === null ? null : row.stopped_at - row.session_started_at,
  };
}

const SEGMENT_SELECT = `
  SELECT g.*, p.title, s.started_at AS session_started_at
  FROM explain_segments g JOIN products p ON p.id = g.product_id JOIN live_sessions s ON s.id = g.session_id`;
const LOG_SELECT = `
  SELECT l.*, s.started_at AS session_started_at FROM live_log l JOIN live_sessions s ON s.id = l.session_id`;
const PUSH_SELECT = `
  SELECT c.*, s.started_at AS session_started_at FROM coupon_pushes c JOIN live_sessions s ON s.id = c.session_id`;

export class LiveStore {
  private readonly db: Db;
  private readonly stmts: Record<string, Statement>;
  /** The bag shows each product's 规格 (the catalogue's table, read only). */
  private readonly skus: SkuStore;

  constructor(db: Db) {
    this.db = db;
    this.skus = new SkuStore(db);
    // Prepared once: the bag and the explaining product are read on every change during a show.
    this.stmts = {
      session: db.prepare(`${SESSION_SELECT} WHERE s.id = ?`),
      sessions: db.prepare(`${SESSION_SELECT} ORDER BY s.state = 'ended', coalesce(s.planned_at, s.created_at) DESC`),
      activeSessions: db.prepare(
        `${SESSION_SELECT} WHERE s.state != 'ended' ORDER BY coalesce(s.planned_at, s.created_at) DESC`,
      ),
      liveSession: db.prepare(`SELECT id FROM live_sessions WHERE state = 'live'`),
      insertSession: db.prepare(`
        INSERT INTO live_sessions (title, cover_image_id, planned_at, notes, promo_link, created_at, updated_at)
        VALUES (@title, @cover_image_id, @planned_at, @notes, @promo_link, @now, @now)`),
      updateSession: db.prepare(`
        UPDATE live_sessions SET title = @title, cover_image_id = @cover_image_id, planned_at = @planned_at,
          notes = @notes, promo_link = @promo_link, version = version + 1, updated_at = @now
        WHERE id = @id AND version = @expected`),
      setState: db.prepare(`
        UPDATE live_sessions SET state = @state, started_at = coalesce(started_at, @started_at),
          ended_at = @ended_at, version = version + 1, updated_at = @now WHERE id = @id`),
      bag: db.prepare(`
        SELECT b.product_id, b.link_no, b.listed, b.sold_out, b.added_at, p.*
        FROM bag_items b JOIN products p ON p.id = b.product_id WHERE b.session_id = ? ORDER BY b.position`),
      slots: db.prepare(`
        SELECT product_id, link_no, listed, sold_out, added_at FROM bag_items WHERE session_id = ? ORDER BY position`),
      clearBag: db.prepare(`DELETE FROM bag_items WHERE session_id = ?`),
      setLastLinkNo: db.prepare(`UPDATE live_sessions SET last_link_no = ? WHERE id = ?`),
      lastLinkNo: db.prepare(`SELECT last_link_no FROM live_sessions WHERE id = ?`),
      insertSlot: db.prepare(`
        INSERT INTO bag_items (session_id, product_id, position, link_no, listed, sold_out, added_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      openSegment: db.prepare(`${SEGMENT_SELECT} WHERE g.session_id = ? AND g.ended_at IS NULL`),
      segment: db.prepare(`${SEGMENT_SELECT} WHERE g.id = ?`),
      segments: db.prepare(`${SEGMENT_SELECT} WHERE g.session_id = ? ORDER BY g.started_at, g.id`),
      insertSegment: db.prepare(`
        INSERT INTO explain_segments (session_id, product_id, link_no, started_at) VALUES (?, ?, ?, ?)`),
      endSegment: db.prepare(`UPDATE explain_segments SET ended_at = ? WHERE id = ?`),
      pushes: db.prepare(`${PUSH_SELECT} WHERE c.session_id = ? ORDER BY c.pushed_at, c.id`),
      push: db.prepare(`${PUSH_SELECT} WHERE c.id = ?`),
      runningPush: db.prepare(`${PUSH_SELECT} WHERE c.session_id = ? AND c.coupon_id = ? AND c.stopped_at IS NULL`),
      runningPushes: db.prepare(`${PUSH_SELECT} WHERE c.session_id = ? AND c.stopped_at IS NULL`),
      insertPush: db.prepare(`INSERT INTO coupon_pushes (session_id, coupon_id, pushed_at) VALUES (?, ?, ?)`),
      stopPush: db.prepare(`UPDATE coupon_pushes SET stopped_at = ? WHERE id = ?`),
      log: db.prepare(`${LOG_SELECT} WHERE l.session_id = ? ORDER BY l.at, l.id`),
      logEntry: db.prepare(`${LOG_SELECT} WHERE l.id = ?`),
      insertLog: db.prepare(`INSERT INTO live_log (session_id, at, kind, product_id, link_no) VALUES (?, ?, ?, ?, ?)`),
    };
  }

  session(id: number): Session | undefined {
    const row = this.stmts.session!.get(id) as SessionRow | undefined;
    return row && toSession(row);
  }

  sessions(includeEnded: boolean): Session[] {
    const stmt = includeEnded ? this.stmts.sessions! : this.stmts.activeSessions!;
    return (stmt.all() as SessionRow[]).map(toSession);
  }

  liveSessionId(): number | undefined {
    return (this.stmts.liveSession!.get() as { id: number } | undefined)?.id;
  }

  insertSession(f: SessionFields, now: number): Session {
    const info = this.stmts.insertSession!.run({ ...sessionParams(f), now });
    return this.session(Number(info.lastInsertRowid))!;
  }

  updateSession(id: number, expected: number, f: SessionFields, now: number): Session | undefined {
    const info = this.stmts.updateSession!.run({ ...sessionParams(f), id, expected, now });
    return info.changes === 1 ? this.session(id) : undefined;
  }

  setState(id: number, state: SessionState, now: number): Session {
    this.stmts.setState!.run({
      id,
      state,
      started_at: state === 'planned' ? null : now,
      ended_at: state === 'ended' ? now : null,
      now,
    });
    return this.session(id)!;
  }

  bag(sessionId: number): BagItem[] {
    const rows = this.stmts.bag!.all(sessionId) as BagRow[];
    const skus = this.skus.ofMany(rows.map((row) => row.product_id));
    return rows.map((row) => toBagItem(row, skus.get(row.product_id) ?? []));
  }

  slots(sessionId: number): StoredSlot[] {
    const rows = this.stmts.slots!.all(sessionId) as Array<Omit<BagRow, keyof ProductRow>>;
    return rows.map((r) => ({
      productId: r.product_id,
      linkNo: r.link_no,
      listed: r.listed === 1,
      soldOut: r.sold_out === 1,
      addedAt: r.added_at,
    }));
  }

  lastLinkNo(sessionId: number): number {
    return (this.stmts.lastLinkNo!.get(sessionId) as { last_link_no: number }).last_link_no;
  }

  /** Rewrites the session's bag in one go (callers hold a transaction): positions follow the array. */
  writeSlots(sessionId: number, slots: readonly StoredSlot[], lastLinkNo: number): void {
    this.stmts.clearBag!.run(sessionId);
    this.stmts.setLastLinkNo!.run(lastLinkNo, sessionId);
    slots.forEach((s, position) =>
      this.stmts.insertSlot!.run(
        sessionId,
        s.productId,
        position,
        s.linkNo,
        s.listed ? 1 : 0,
        s.soldOut ? 1 : 0,
        s.addedAt,
      ),
    );
  }

  openSegment(sessionId: number): Segment | null {
    const row = this.stmts.openSegment!.get(sessionId) as SegmentRow | undefined;
    return row ? toSegment(row) : null;
  }

  segments(sessionId: number): Segment[] {
    return (this.stmts.segments!.all(sessionId) as SegmentRow[]).map(toSegment);
  }

  startSegment(sessionId: number, productId: number, linkNo: number, now: number): Segment {
    const info = this.stmts.insertSegment!.run(sessionId, productId, linkNo, now);
    return toSegment(this.stmts.segment!.get(Number(info.lastInsertRowid)) as SegmentRow);
  }

  endSegment(id: number, now: number): Segment {
    this.stmts.endSegment!.run(now, id);
    return toSegment(this.stmts.segment!.get(id) as SegmentRow);
  }

  pushes(sessionId: number): CouponPush[] {
    return (this.stmts.pushes!.all(sessionId) as PushRow[]).map(toPush);
  }

  runningPush(sessionId: number, couponId: number): CouponPush | null {
    const row = this.stmts.runningPush!.get(sessionId, couponId) as PushRow | undefined;
    return row ? toPush(row) : null;
  }

  runningPushes(sessionId: number): CouponPush[] {
    return (this.stmts.runningPushes!.all(sessionId) as PushRow[]).map(toPush);
  }

  insertPush(sessionId: number, couponId: number, now: number): CouponPush {
    const info = this.stmts.insertPush!.run(sessionId, couponId, now);
    return toPush(this.stmts.push!.get(Number(info.lastInsertRowid)) as PushRow);
  }

  stopPush(id: number, now: number): CouponPush {
    this.stmts.stopPush!.run(now, id);
    return toPush(this.stmts.push!.get(id) as PushRow);
  }

  log(sessionId: number): LogEntry[] {
    return (this.stmts.log!.all(sessionId) as LogRow[]).map(toLogEntry);
  }

  insertLog(sessionId: number, kind: LogKind, now: number, productId: number | null, linkNo: number | null): LogEntry {
    const info = this.stmts.insertLog!.run(sessionId, now, kind, productId, linkNo);
    return toLogEntry(this.stmts.logEntry!.get(Number(info.lastInsertRowid)) as LogRow);
  }
}

function sessionParams(f: SessionFields) {
  return {
    title: f.title,
    cover_image_id: f.coverImageId,
    planned_at: f.plannedAt,
    notes: f.notes,
    promo_link: f.promoLink,
  };
}
