// The overlay's settings (meta 'overlay_settings') and the OBS page's token (meta 'overlay_page_token').
// SQL in, values out; a stored value that no longer parses (an older or damaged one) reads as the defaults.
import type { Db } from '../db/connection.ts';
import { overlaySettingsSchema, type OverlaySettings } from '../protocol/overlay-schemas.ts';
import { DEFAULT_OVERLAY_SETTINGS } from './shared/overlay-defaults.ts';

const SETTINGS_KEY = 'overlay_settings';
const PAGE_TOKEN_KEY = 'overlay_page_token';

export class OverlayStore {
  private readonly db: Db;
  private readonly get;
  private readonly set;

  constructor(db: Db) {
    this.db = db;
    this.get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.set = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  settings(): OverlaySettings {
    const row = this.get.get(SETTINGS_KEY);
    if (!row) return DEFAULT_OVERLAY_SETTINGS;
    try {
      const parsed = overlaySettingsSchema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: the defaults, as below
    }
    console.error('[overlay] the stored overlay settings could not be read: using the defaults');
    return DEFAULT_OVERLAY_SETTINGS;
  }

  setSettings(settings: OverlaySettings): void {
    this.set.run(SETTINGS_KEY, JSON.stringify(settings));
  }

  pageToken(): string | null {
    return this.get.get(PAGE_TOKEN_KEY)?.value ?? null;
  }

  setPageToken(token: string): void {
    this.set.run(PAGE_TOKEN_KEY, token);
  }
}
