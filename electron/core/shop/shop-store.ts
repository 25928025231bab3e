// The shop domain's tables: the connected shop (its AppSecret sealed, never readable back through any face) and
// where each sync stands. SQL in, plain objects out.
import type { Db } from '../db/connection.ts';
import type { SecretBox } from '../system/secret-box.ts';

export type SyncKind = 'orders' | 'products';

export interface SyncRecord<Cursor> {
  cursor: Cursor;
  startedAt: number | null;
  finishedAt: number | null;
  outcome: SyncOutcome | null;
}

/** How a run ended: its counts, or the error that stopped it (a messages.ts code and its parameters). */
export interface SyncOutcome {
  ok: boolean;
  counts: Record<string, number>;
  error?: { code: string; params?: Record<string, string | number> };
  /** Items the shop sent that could not be taken in (a product whose code another product has here…). */
  skipped?: Array<{ id: string; code: string; params?: Record<string, string | number> }>;
}

// The AppSecret is bound to the AppID it was given with: sealed under one, it does not open under another.
const secretContext = (appId: string) => `wxshop:${appId}`;

export class ShopStore {
  private readonly db: Db;
  private readonly secrets: SecretBox;

  constructor(db: Db, secrets: SecretBox) {
    this.db = db;
    this.secrets = secrets;
  }

  account(): { appId: string; connectedAt: number } | null {
    const row = this.db.prepare('SELECT app_id, connected_at FROM shop_account WHERE id = 1').get() as
      { app_id: string; connected_at: number } | undefined;
    return row ? { appId: row.app_id, connectedAt: row.connected_at } : null;
  }

  /** The AppID and AppSecret for a call; null when not connected or the data key cannot open the secret. */
  credentials(): { appId: string; secret: string } | null {
    const row = this.db.prepare('SELECT app_id, secret_sealed FROM shop_account WHERE id = 1').get() as
      { app_id: string; secret_sealed: string } | undefined;
    if (!row) return null;
    const secret = this.secrets.open(row.secret_sealed, secretContext(row.app_id));
    return secret === null ? null : { appId: row.app_id, secret };
  }

  canOpenSecrets(): boolean {
    return this.secrets.canOpen();
  }

  /** Replaces the connected shop; sync positions start over when it is another shop. */
  connect(appId: string, secret: string, now: number): void {
    const sealed = this.secrets.seal(secret, secretContext(appId));
    this.db.transaction(() => {
      const before = this.account();
      this.db
        .prepare(
          `INSERT INTO shop_account (id, app_id, secret_sealed, connected_at) VALUES (1, @appId, @sealed, @now)
           ON CONFLICT (id) DO UPDATE SET app_id = @appId, secret_sealed = @sealed, connected_at = @now`,
        )
        .run({ appId, sealed, now });
      if (before && before.appId !== appId) this.db.prepare('DELETE FROM shop_sync').run();
    })();
  }

  /** Forgets the shop's credentials; the orders and products it brought stay, as do their links. */
  disconnect(): boolean {
    return this.db.prepare('DELETE FROM shop_account WHERE id = 1').run().changes === 1;
  }

  sync<Cursor>(kind: SyncKind, empty: Cursor): SyncRecord<Cursor> {
    const row = this.db.prepare('SELECT * FROM shop_sync WHERE kind = ?').get(kind) as
      { cursor: string; started_at: number | null; finished_at: number | null; outcome: string | null } | undefined;
    if (!row) return { cursor: empty, startedAt: null, finishedAt: null, outcome: null };
    return {
      cursor: { ...empty, ...(JSON.parse(row.cursor) as Cursor) },
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as SyncOutcome),
    };
  }

  /** Where a run stands; written after each page, in the same transaction as the page's orders. */
  saveCursor(kind: SyncKind, cursor: unknown): void {
    this.db
      .prepare(
        `INSERT INTO shop_sync (kind, cursor) VALUES (@kind, @cursor)
         ON CONFLICT (kind) DO UPDATE SET cursor = @cursor`,
      )
      .run({ kind, cursor: JSON.stringify(cursor) });
  }

  started(kind: SyncKind, now: number): void {
    this.db
      .prepare(
        `INSERT INTO shop_sync (kind, started_at) VALUES (@kind, @now)
         ON CONFLICT (kind) DO UPDATE SET started_at = @now`,
      )
      .run({ kind, now });
  }

  finished(kind: SyncKind, now: number, outcome: SyncOutcome): void {
    this.db
      .prepare(
        `INSERT INTO shop_sync (kind, finished_at, outcome) VALUES (@kind, @now, @outcome)
         ON CONFLICT (kind) DO UPDATE SET finished_at = @now, outcome = @outcome`,
      )
      .run({ kind, now, outcome: JSON.stringify(outcome) });
  }
}
