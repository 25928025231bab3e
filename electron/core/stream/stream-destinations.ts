// The destinations a show can push to, as stored: their rules while a show runs (only the name and platform of
// one being pushed to may change), their keys sealed and opened, and how they are shown (masked, never the key).
import { refused, StudioError } from '../protocol/errors.ts';
import type { StreamDestination } from '../protocol/stream-schemas.ts';
import type { SecretBox } from '../system/secret-box.ts';
import { openKey, sealKey, type RunningDestination } from './stream-plan.ts';
import { destinationFields, liveOf, maskedDestinationUrl, type DestinationRequest } from './stream-rules.ts';
import type { DestinationRow, StreamStore } from './stream-store.ts';

export class StreamDestinations {
  private readonly store: StreamStore;
  private readonly secrets: SecretBox;

  constructor(store: StreamStore, secrets: SecretBox) {
    this.store = store;
    this.secrets = secrets;
  }

  /**
   * Creates (no id) or updates a destination; returns its id. On update an omitted address or an omitted or blank
   * key keeps the stored one. `live` are the destinations the running show pushes to: their pusher keeps the
   * address and key it started with, so those cannot change. Call inside a write transaction.
   */
  save(id: number | undefined, input: DestinationRequest, live: ReadonlySet<number>, now: number): number {
    const request =
      id !== undefined && input.serverUrl === undefined ? { ...input, serverUrl: this.row(id).server_url } : input;
    const { fields, key } = destinationFields(request, id === undefined);
    let rowId: number;
    if (id === undefined) {
      rowId = this.store.insert(fields, now).id;
    } else {
      const current = this.row(id);
      const changesShow =
        current.server_url !== fields.serverUrl ||
        (current.enabled === 1) !== fields.enabled ||
        (key !== null && key !== openKey(this.secrets, current));
      if (live.has(id) && changesShow) throw refused('stream_live', `destination ${id} is being streamed to`);
      this.store.update(id, fields, now);
      rowId = id;
    }
    if (key !== null) this.store.setKeyCipher(rowId, sealKey(this.secrets, rowId, key));
    return rowId;
  }

  remove(id: number, live: ReadonlySet<number>): void {
    this.row(id);
    if (live.has(id)) throw refused('stream_live', `destination ${id} is being streamed to`);
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
