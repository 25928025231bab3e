// The desktop app's global hotkeys (protocol/hotkeys.ts has the rules): kept in meta 'desktop_hotkeys', checked for
// this machine's platform before they are saved (the core and the desktop shell always run on the same machine),
// and what the shell last managed to register. Every change goes out as 'settings.hotkeysChanged'; the shell
// re-registers from it.
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import { StudioError } from '../protocol/errors.ts';
import {
  DEFAULT_HOTKEYS,
  hotkeyPlatform,
  hotkeyProblems,
  normalizeAccelerator,
  type HotkeyAction,
  type HotkeyBindings,
  type Platform,
} from '../protocol/hotkeys.ts';
import { hotkeyBindingsSchema, type HotkeyState } from '../protocol/hotkeys-schemas.ts';
import type { Publish } from '../publish.ts';

const KEY = 'desktop_hotkeys';

export class HotkeyService {
  private readonly get;
  private readonly set;
  private readonly writer: Writer;
  private readonly publish: Publish;
  private readonly platform: Platform;
  private shell: HotkeyState['shell'] = null;

  constructor(db: Db, writer: Writer, publish: Publish, platform: NodeJS.Platform = process.platform) {
    this.get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.set = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.writer = writer;
    this.publish = publish;
    this.platform = hotkeyPlatform(platform);
  }

  state(): HotkeyState {
    return { bindings: this.bindings(), platform: this.platform, shell: this.shell };
  }

  async save(bindings: HotkeyBindings): Promise<HotkeyState> {
    const normalized = { ...bindings };
    for (const [action, text] of Object.entries(bindings) as Array<[HotkeyAction, string | null]>) {
      normalized[action] = text === null ? null : (normalizeAccelerator(text) ?? text);
    }
    const problems = hotkeyProblems(normalized, this.platform);
    if (problems.length > 0) {
      throw new StudioError('invalid', 'hotkeys failed validation', {
        issues: problems.map((p) => ({
          path: `bindings.${p.action}`,
          code: p.code,
          ...(p.other ? { params: { other: p.other } } : {}),
        })),
      });
    }
    await this.writer.write(() => this.set.run(KEY, JSON.stringify(normalized)));
    return this.changed();
  }

  /** The desktop shell's report after registering (its set replaces the last one). */
  report(registered: HotkeyAction[], taken: HotkeyAction[]): HotkeyState {
    this.shell = { registered: [...new Set(registered)], taken: [...new Set(taken)] };
    return this.changed();
  }

  private bindings(): HotkeyBindings {
    const row = this.get.get(KEY);
    if (!row) return DEFAULT_HOTKEYS;
    try {
      const parsed = hotkeyBindingsSchema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: the defaults, as below
    }
    console.error('[hotkeys] the stored hotkeys could not be read: using the defaults');
    return DEFAULT_HOTKEYS;
  }

  private changed(): HotkeyState {
    const state = this.state();
    this.publish('settings.hotkeysChanged', { state });
    return state;
  }
}
