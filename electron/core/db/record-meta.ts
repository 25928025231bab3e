// The columns every record people edit carries (products, coupons): whether it is archived, its version for
// stale-edit checks, and when it was made and last changed — as the protocol names them.
export interface RecordMetaRow {
  archived_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export function recordMeta(row: RecordMetaRow) {
  return {
    archived: row.archived_at !== null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
