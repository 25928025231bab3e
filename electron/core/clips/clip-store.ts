// The clips table (clips domain): SQL in, rows out. Files are kept relative to the data folder (storedPath).
import type { Db } from '../db/connection.ts';
import { resolvedPath, storedPath } from '../system/data-folder.ts';

export interface Clip {
  id: number;
  sessionId: number;
  productId: number;
  linkNo: number | null;
  segmentIds: number[];
  file: string;
  poster: string | null;
  mode: 'copy' | 'exact';
  vertical: boolean;
  durationMs: number;
  bytes: number;
  /** Wall-clock ranges of the explanations no recording held. */
  missing: Array<[number, number]>;
  createdAt: number;
}

interface Row {
  id: number;
  session_id: number;
  product_id: number;
  link_no: number | null;
  segment_ids: string;
  file: string;
  poster: string | null;
  mode: 'copy' | 'exact';
  vertical: number;
  duration_ms: number;
  bytes: number;
  missing: string;
  created_at: number;
}

const toClip = (r: Row, dataDir: string): Clip => ({
  id: r.id,
  sessionId: r.session_id,
  productId: r.product_id,
  linkNo: r.link_no,
  segmentIds: JSON.parse(r.segment_ids) as number[],
  file: resolvedPath(dataDir, r.file),
  poster: r.poster === null ? null : resolvedPath(dataDir, r.poster),
  mode: r.mode,
  vertical: r.vertical === 1,
  durationMs: r.duration_ms,
  bytes: r.bytes,
  missing: JSON.parse(r.missing) as Array<[number, number]>,
  createdAt: r.created_at,
});

export type NewClip = Omit<Clip, 'id'>;

export class ClipStore {
  private readonly stmts;
  private readonly dataDir: string;

  constructor(db: Db, dataDir: string) {
    this.dataDir = dataDir;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO clips (session_id, product_id, link_no, segment_ids, file, poster, mode, vertical, duration_ms,
           bytes, missing, created_at)
         VALUES (@sessionId, @productId, @linkNo, @segmentIds, @file, @poster, @mode, @vertical, @durationMs, @bytes,
           @missing, @createdAt)`,
      ),
      get: db.prepare<[number], Row>('SELECT * FROM clips WHERE id = ?'),
      bySession: db.prepare<[number], Row>('SELECT * FROM clips WHERE session_id = ? ORDER BY id'),
      remove: db.prepare<[number]>('DELETE FROM clips WHERE id = ?'),
      hasFile: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM clips WHERE file = ?'),
      poster: db.prepare<[string, number]>('UPDATE clips SET poster = ? WHERE id = ?'),
    };
  }

  insert(clip: NewClip): Clip {
    const info = this.stmts.insert.run({
      ...clip,
      file: storedPath(this.dataDir, clip.file),
      segmentIds: JSON.stringify(clip.segmentIds),
      vertical: clip.vertical ? 1 : 0,
      missing: JSON.stringify(clip.missing),
    });
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): Clip | undefined {
    const row = this.stmts.get.get(id);
    return row ? toClip(row, this.dataDir) : undefined;
  }

  ofSession(sessionId: number): Clip[] {
    return this.stmts.bySession.all(sessionId).map((r) => toClip(r, this.dataDir));
  }

  setPoster(id: number, poster: string): void {
    this.stmts.poster.run(storedPath(this.dataDir, poster), id);
  }

  /** A clip's row names this file (its rename may not have happened yet). */
  hasFile(file: string): boolean {
    return this.stmts.hasFile.get(storedPath(this.dataDir, file)) !== undefined;
  }

  remove(id: number): void {
    this.stmts.remove.run(id);
  }
}
