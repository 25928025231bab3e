// The access tables: paired assistant devices (access_devices) and the on/off switch (meta 'lan_access').
// Only a token's sha-256 is ever stored, so a copied database opens no door.
import type { Db } from '../db/connection.ts';
import { CAPABILITIES, DEFAULT_CAPABILITIES, type Capability } from '../protocol/access-schemas.ts';

export interface DeviceRow {
  id: number;
  name: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** JSON array of capabilities. */
  capabilities: string;
}

/** The stored list, read strictly: anything unknown is dropped (a hand-edited row grants nothing new). */
export function parseCapabilities(text: string): Capability[] {
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? CAPABILITIES.filter((c) => list.includes(c)) : [...DEFAULT_CAPABILITIES];
  } catch {
    return [...DEFAULT_CAPABILITIES];
  }
}

const FLAG_KEY = 'lan_access';
const DEVICE_COLUMNS = 'id, name, created_at, last_seen_at, revoked_at, capabilities';

export class AccessStore {
  private readonly flagGet;
  private readonly flagSet;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly activeByHashStmt;
  private readonly touchStmt;
  private readonly revokeStmt;
  private readonly capabilitiesStmt;

  constructor(db: Db) {
    this.flagGet = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.flagSet = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.insertStmt = db.prepare<[string, string, number], DeviceRow>(
      `INSERT INTO access_devices (name, token_hash, created_at) VALUES (?, ?, ?) RETURNING ${DEVICE_COLUMNS}`,
    );
    this.listStmt = db.prepare<[], DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM access_devices ORDER BY id`);
    this.byIdStmt = db.prepare<[number], DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM access_devices WHERE id = ?`);
    this.activeByHashStmt = db.prepare<[string], { id: number; capabilities: string }>(
      'SELECT id, capabilities FROM access_devices WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.capabilitiesStmt = db.prepare<[string, number]>('UPDATE access_devices SET capabilities = ? WHERE id = ?');
    this.touchStmt = db.prepare<[number, number]>('UPDATE access_devices SET last_seen_at = ? WHERE id = ?');
    this.revokeStmt = db.prepare<[number, number]>(
      'UPDATE access_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    );
  }

  /** Off unless the host switched it on: a fresh studio never listens beyond this machine. */
  enabled(): boolean {
    return this.flagGet.get(FLAG_KEY)?.value === 'on';
  }

  setEnabled(enabled: boolean): void {
    this.flagSet.run(FLAG_KEY, enabled ? 'on' : 'off');
  }

  insert(name: string, tokenHash: string, now: number): DeviceRow {
    return this.insertStmt.get(name, tokenHash, now)!;
  }

  list(): DeviceRow[] {
    return this.listStmt.all();
  }

  get(id: number): DeviceRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** The device a token hash belongs to, and what it may do, unless it was revoked. */
  activeForHash(tokenHash: string): { id: number; capabilities: Capability[] } | undefined {
    const row = this.activeByHashStmt.get(tokenHash);
    return row && { id: row.id, capabilities: parseCapabilities(row.capabilities) };
  }

  setCapabilities(id: number, capabilities: readonly Capability[]): void {
    this.capabilitiesStmt.run(JSON.stringify(CAPABILITIES.filter((c) => capabilities.includes(c))), id);
  }

  touch(id: number, now: number): void {
    this.touchStmt.run(now, id);
  }

  /** False when it was already revoked (revoking twice keeps the first time). */
  revoke(id: number, now: number): boolean {
    return this.revokeStmt.run(now, id).changes > 0;
  }
}
