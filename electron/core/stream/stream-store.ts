// The stream tables: destinations (stream_destinations, the key sealed), the settings (meta 'stream_settings') and
// the last show's recording (meta 'stream_last_recording', so it is still offered after a restart or a crash).
// SQL in, rows out; sealing, masking and rules are the service's (stream-service.ts, stream-rules.ts).
import type { Db } from '../db/connection.ts';
import { streamSettingsSchema, type Platform, type StreamSettings } from '../protocol/stream-schemas.ts';

export interface DestinationRow {
  id: number;
  name: string;
  platform: Platform;
  server_url: string;
  key_cipher: string | null;
  enabled: number;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface DestinationFields {
  name: string;
  platform: Platform;
  serverUrl: string;
  enabled: boolean;
}

export const DEFAULT_SETTINGS: StreamSettings = {
  source: { kind: 'test-pattern' },
  preset: '720p',
  fps: 30,
  videoKbps: 2500,
  hardware: true,
  lowLatency: false,
  record: true,
};

const SETTINGS_KEY = 'stream_settings';
const LAST_RECORDING_KEY = 'stream_last_recording';
const SETTINGS_CHOSEN_KEY = 'stream_settings_chosen';

export class StreamStore {
  private readonly db: Db;
  private readonly metaGet;
  private readonly metaSet;
  private readonly metaDelete;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly setKeyStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.db = db;
    this.metaGet = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.metaSet = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.metaDelete = db.prepare<[string]>('DELETE FROM meta WHERE key = ?');
    this.listStmt = db.prepare<[], DestinationRow>('SELECT * FROM stream_destinations ORDER BY position, id');
    this.byIdStmt = db.prepare<[number], DestinationRow>('SELECT * FROM stream_destinations WHERE id = ?');
    this.insertStmt = db.prepare<[Record<string, unknown>], DestinationRow>(`
      INSERT INTO stream_destinations (name, platform, server_url, enabled, position, created_at, updated_at)
      VALUES (@name, @platform, @server_url, @enabled,
        (SELECT coalesce(max(position) + 1, 0) FROM stream_destinations), @now, @now)
      RETURNING *`);
    this.updateStmt = db.prepare<[Record<string, unknown>]>(`
      UPDATE stream_destinations SET name = @name, platform = @platform, server_url = @server_url,
        enabled = @enabled, updated_at = @now WHERE id = @id`);
    this.setKeyStmt = db.prepare<[string | null, number]>('UPDATE stream_destinations SET key_cipher = ? WHERE id = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM stream_destinations WHERE id = ?');
  }

  /** The stored settings; anything unreadable (hand-edited, from another version) falls back field by field. */
  settings(): StreamSettings {
    let stored: unknown = null;
    try {
      stored = JSON.parse(this.metaGet.get(SETTINGS_KEY)?.value ?? 'null');
    } catch {
      // not JSON: the defaults
    }
    if (typeof stored !== 'object' || stored === null) return { ...DEFAULT_SETTINGS };
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [field, value] of Object.entries(stored)) {
      if (!(field in DEFAULT_SETTINGS)) continue;
      const shape = streamSettingsSchema.shape[field as keyof StreamSettings];
      if (shape.safeParse(value).success) merged[field] = value;
    }
    return streamSettingsSchema.parse(merged);
  }

  /**
   * Whether the host has chosen the settings (the schema writes the defaults, so their row says nothing): saved on
   * purpose since this version, or saved before it with anything other than the defaults.
   */
  settingsChosen(): boolean {
    if (this.metaGet.get(SETTINGS_CHOSEN_KEY)) return true;
    return JSON.stringify(this.settings()) !== JSON.stringify(DEFAULT_SETTINGS);
  }

  /** Saves the settings; `chosen` false for the studio's own defaults (a platform's preset), not the host's choice. */
  setSettings(settings: StreamSettings, chosen = true): void {
    this.metaSet.run(SETTINGS_KEY, JSON.stringify(settings));
    if (chosen) this.metaSet.run(SETTINGS_CHOSEN_KEY, '1');
  }

  /** The path of the last show's recording as stored; whether the file is still there is the caller's question. */
  lastRecording(): string | null {
    return this.metaGet.get(LAST_RECORDING_KEY)?.value || null;
  }

  setLastRecording(file: string | null): void {
    if (file) this.metaSet.run(LAST_RECORDING_KEY, file);
    else this.metaDelete.run(LAST_RECORDING_KEY);
  }

  list(): DestinationRow[] {
    return this.listStmt.all();
  }

  get(id: number): DestinationRow | undefined {
    return this.byIdStmt.get(id);
  }

  insert(fields: DestinationFields, now: number): DestinationRow {
    return this.insertStmt.get({ ...params(fields), now })!;
  }

  update(id: number, fields: DestinationFields, now: number): void {
    this.updateStmt.run({ ...params(fields), id, now });
  }

  setKeyCipher(id: number, cipher: string | null): void {
    this.setKeyStmt.run(cipher, id);
  }

  remove(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}

function params(f: DestinationFields) {
  return { name: f.name, platform: f.platform, server_url: f.serverUrl, enabled: f.enabled ? 1 : 0 };
}
