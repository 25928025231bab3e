// The recordings table (stream domain): every recording the engine wrote, where its file is now, and where its time
// was tied to the wall clock. SQL in, rows out. The clips domain reads it through `RecordingsRead` only.
import type { Db } from '../db/connection.ts';
import { resolvedPath, storedPath } from '../system/data-folder.ts';
import type { RecordingAnchor } from './engine/recorder.ts';

export type RecordingState = 'recording' | 'done' | 'interrupted';

export interface Recording {
  id: number;
  file: string;
  startedAt: number;
  /** Null while it is written (or after a crash, until the next start finishes the file). */
  endedAt: number | null;
  durationMs: number | null;
  anchors: RecordingAnchor[];
  state: RecordingState;
  deletedAt: number | null;
}

/** What another domain may ask of the recordings. */
export interface RecordingsRead {
  /** Recordings whose time overlaps [from, to] (a running one counts as running until now), oldest first. */
  overlapping(from: number, to: number): Recording[];
  get(id: number): Recording | undefined;
  /** For a recording this studio is writing now, the media written so far (ms); null for any other. */
  writtenMs(id: number): number | null;
  /** Settles when recordings a crash left are finished (their rows then have a file and a length). */
  recovered(): Promise<void>;
}

interface Row {
  id: number;
  file: string;
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
  anchors: string;
  state: RecordingState;
  deleted_at: number | null;
}

const toRecording = (r: Row, dataDir: string): Recording => ({
  id: r.id,
  file: resolvedPath(dataDir, r.file),
  startedAt: r.started_at,
  endedAt: r.ended_at,
  durationMs: r.duration_ms,
  anchors: JSON.parse(r.anchors) as RecordingAnchor[],
  state: r.state,
  deletedAt: r.deleted_at,
});

export class RecordingStore {
  private readonly stmts;
  /** Files inside it are stored relative to it (storedPath). */
  private readonly dataDir: string;

  constructor(db: Db, dataDir: string) {
    this.dataDir = dataDir;
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO recordings (file, started_at, anchors, state) VALUES (@file, @startedAt, @anchors, 'recording')`,
      ),
      anchors: db.prepare<[string, number]>('UPDATE recordings SET anchors = ? WHERE id = ?'),
      finish: db.prepare(
        `UPDATE recordings SET file = @file, ended_at = @endedAt, duration_ms = @durationMs, state = @state
         WHERE id = @id`,
      ),
      get: db.prepare<[number], Row>('SELECT * FROM recordings WHERE id = ?'),
      byFile: db.prepare<[string, string], Row>(
        // Still 'recording' after a crash; or finished with its FLV kept (the disk was full, or the remux failed),
        // which a later start remuxes.
        `SELECT * FROM recordings WHERE file IN (?, ?) ORDER BY id DESC LIMIT 1`,
      ),
      // A recording still written has no end yet: it overlaps anything after its start.
      overlapping: db.prepare<[number, number], Row>(
        `SELECT * FROM recordings WHERE started_at <= ? AND (ended_at IS NULL OR ended_at >= ?)
         ORDER BY started_at, id`,
      ),
      unfinished: db.prepare<[], Row>(`SELECT * FROM recordings WHERE state = 'recording' ORDER BY id`),
      deleted: db.prepare<[number, number]>('UPDATE recordings SET deleted_at = ? WHERE id = ?'),
      moved: db.prepare<[string, number]>('UPDATE recordings SET file = ? WHERE id = ?'),
    };
  }

  /** A recording whose first frame was written at `anchor.wallMs`. */
  begin(file: string, anchor: RecordingAnchor): number {
    const info = this.stmts.insert.run({
      file: storedPath(this.dataDir, file),
      startedAt: anchor.wallMs,
      anchors: JSON.stringify([anchor]),
    });
    return Number(info.lastInsertRowid);
  }

  addAnchor(id: number, anchor: RecordingAnchor): void {
    const row = this.stmts.get.get(id);
    if (!row) return;
    this.stmts.anchors.run(JSON.stringify([...(JSON.parse(row.anchors) as RecordingAnchor[]), anchor]), id);
  }

  finish(id: number, end: { file: string; endedAt: number; durationMs: number | null; state: RecordingState }): void {
    this.stmts.finish.run({ id, ...end, file: storedPath(this.dataDir, end.file) });
  }

  /** The recording whose file is `flvPath` (a crash left it so, or a remux that did not happen), if any. */
  writtenTo(flvPath: string): Recording | undefined {
    // Stored relative, or absolute by a studio from before that.
    const row = this.stmts.byFile.get(storedPath(this.dataDir, flvPath), flvPath);
    return row ? this.recording(row) : undefined;
  }

  get(id: number): Recording | undefined {
    const row = this.stmts.get.get(id);
    return row ? this.recording(row) : undefined;
  }

  /** Rows still `recording`: the show writing them, or one that ended without finishing its row. */
  unfinished(): Recording[] {
    return this.stmts.unfinished.all().map((r) => this.recording(r));
  }

  overlapping(from: number, to: number): Recording[] {
    return this.stmts.overlapping.all(to, from).map((r) => this.recording(r));
  }

  private recording(row: Row): Recording {
    return toRecording(row, this.dataDir);
  }

  /** The file moved (an FLV remuxed to MP4 at a later start). */
  moved(id: number, file: string): void {
    this.stmts.moved.run(storedPath(this.dataDir, file), id);
  }

  markDeleted(id: number, at: number): void {
    this.stmts.deleted.run(at, id);
  }
}
