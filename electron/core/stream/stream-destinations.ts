// The destinations a show can push to, as stored: their rules while a show runs (the address and key of one
// being pushed to change only while it is not live), their keys sealed and opened, and how they are shown
// (masked, never the key). A key belongs to the server it was typed for: a new address needs its key typed again.
import { refused, StudioError } from '../protocol/errors.ts';
import { PLATFORM_PRESETS } from '../protocol/stream-presets.ts';
import type { StreamDestination } from '../protocol/stream-schemas.ts';
import type { SecretBox } from '../system/secret-box.ts';
import type { DestinationPhase } from './engine/destination.ts';
import { keySealedForServer, openKey, sealKey, type RunningDestination } from './stream-plan.ts';
import { withoutCredentials } from './stream-options.ts';
import { rtmpTarget, type RtmpTarget } from './rtmp/rtmp-target.ts';
import { destinationFields, liveOf, maskedDestinationUrl, type DestinationRequest } from './stream-rules.ts';
import type { DestinationRow, StreamStore } from './stream-store.ts';

/** The destinations a running show pushes to, and the phase of each. */
export type RunningPhases = ReadonlyMap<number, DestinationPhase['phase']>;

export interface SavedDestination {
  id: number;
  /** A running destination's new target and key (secrets), for its publisher; null otherwise. */
  retarget: { target: RtmpTarget; key: string } | null;
}

export class StreamDestinations {
  private readonly store: StreamStore;
  private readonly secrets: SecretBox;

  constructor(store: StreamStore, secrets: SecretBox) {
    this.store = store;
    this.secrets = secrets;
  }

  /**
   * Creates (no id) or updates a destination. On update an omitted address or an omitted or blank key keeps the
   * stored one. `running` are the destinations the show pushes to, with what each is doing: one that is not
   * live may get a new address or key (the host fixing a rejected key mid-show), returned as `retarget` with its
   * new publish URL and key for the service to hand to its publisher; one that is live keeps them (a working stream
   * is not cut), and none of them can be switched off. Call inside a write transaction. Answers the saved row too.
   */
  save(
    id: number | undefined,
    input: DestinationRequest,
    running: RunningPhases,
    now: number,
  ): SavedDestination & { row: DestinationRow } {
    const first = id === undefined && this.store.list().length === 0 && !this.store.settingsChosen();
    const saved = this.saveRow(id, input, running, now);
    // 视频号, 抖音 and 快手 viewers watch on phones: the first such destination, before the host chose a picture
    // size, makes the picture vertical (the host can change it back; it is never changed again).
    if (first && PLATFORM_PRESETS[input.platform].vertical) {
      this.store.setSettings({ ...this.store.settings(), preset: 'vertical' }, false);
    }
    // Read with the save: once the reply's flush is done, a removal may already have followed it.
    return { ...saved, row: this.row(saved.id) };
  }

  private saveRow(
    id: number | undefined,
    input: DestinationRequest,
    running: RunningPhases,
    now: number,
  ): SavedDestination {
    const request =
      id !== undefined && input.serverUrl === undefined ? { ...input, serverUrl: this.row(id).server_url } : input;
    const { fields, key } = destinationFields(request, id === undefined);
    if (id === undefined) {
      const rowId = this.store.insert(fields, now).id;
      if (key !== null)
        this.store.setKeyCipher(rowId, sealKey(this.secrets, { id: rowId, server_url: fields.serverUrl }, key));
      return { id: rowId, retarget: null };
    }
    const current = this.row(id);
    // The stored key was given to the old server; it is never sent to a new one the host did not give it for.
    if (current.server_url !== fields.serverUrl && key === null && current.key_cipher !== null) {
      throw new StudioError('invalid', 'a new server address needs its stream key', {
        issues: [{ path: 'input.streamKey', code: 'stream_key_for_new_server' }],
      });
    }
    const newTarget =
      current.server_url !== fields.serverUrl || (key !== null && key !== openKey(this.secrets, current));
    const phase = running.get(id);
    if (phase !== undefined && (current.enabled === 1) !== fields.enabled) {
      throw refused('stream_live', `destination ${id} is being streamed to`);
    }
    if (phase === 'live' && newTarget) throw refused('stream_destination_live', `destination ${id} is live`);
    this.store.update(id, fields, now);
    if (key !== null) this.store.setKeyCipher(id, sealKey(this.secrets, { id, server_url: fields.serverUrl }, key));
    const usedKey = key ?? openKey(this.secrets, current);
    const target = usedKey === null ? null : rtmpTarget(fields.serverUrl, usedKey);
    // A key typed again for a destination that is not live is a retry too: the host may have fixed it on the
    // platform's side and pasted the same key.
    const retarget =
      phase !== undefined && phase !== 'live' && (newTarget || key !== null) && target && usedKey !== null
        ? { target, key: usedKey }
        : null;
    return { id, retarget };
  }

  /**
   * Brings what older versions stored up to the current rules, once when the studio opens: a user name and password
   * written into a server address (kept in clear) are taken out of it — they are secrets, and the studio's publisher
   * never sends them — and a key sealed before keys were bound to their server is sealed again for its server.
   */
  tidy(now: number): void {
    if (!this.secrets.canOpen()) return; // nothing can be opened to seal again; next time
    this.store.transaction(() => {
      for (const row of this.store.list()) {
        const clean = withoutCredentials(row.server_url);
        if (clean === row.server_url && keySealedForServer(this.secrets, row)) continue;
        const key = openKey(this.secrets, row);
        if (clean !== row.server_url) {
          const fields = { name: row.name, platform: row.platform, serverUrl: clean, enabled: row.enabled === 1 };
          this.store.update(row.id, fields, now);
          console.log(`[stream] removed the user name and password from destination ${row.id}'s address`);
        }
        // A key that does not open under this data key (a database brought from elsewhere, its key file not yet
        // here) is left as it is, never erased: with the right key file back it opens again.
        if (key !== null)
          this.store.setKeyCipher(row.id, sealKey(this.secrets, { id: row.id, server_url: clean }, key));
      }
    });
  }

  remove(id: number, running: RunningPhases): void {
    this.row(id);
    if (running.has(id)) throw refused('stream_live', `destination ${id} is being streamed to`);
    this.store.remove(id);
  }

  row(id: number): DestinationRow {
    const row = this.store.get(id);
    if (!row) throw new StudioError('not_found', `destination ${id} not found`);
    return row;
  }

  /** As the protocol shows it: masked URL, whether a key is saved, and what it is doing in a running show. */
  view(row: DestinationRow, running: RunningDestination | undefined): StreamDestination {
    return {
      id: row.id,
      name: row.name,
      platform: row.platform,
      maskedUrl: maskedDestinationUrl(row.server_url),
      hasKey: openKey(this.secrets, row) !== null,
      enabled: row.enabled === 1,
      live: running ? liveOf(running.state, running.stats) : null,
    };
  }
}
