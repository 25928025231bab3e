// Version 8: the shows' recordings and the explanation clips cut from them (讲解回放).
//
// - recordings (the stream domain's): every recording the engine wrote, where its file is now (the FLV while it is
//   written, the MP4 it became), and where its time was tied to the wall clock (`anchors`: its first frame and
//   each change of encoder; a stall across one is not in the file). A recording belongs to no session: the clips
//   find a show's recordings by time, so a stream started before the show, or a second recording after a crash,
//   is found all the same. `state`: 'recording' while written; 'done' when the show ended it; 'interrupted' when a
//   crash did and the next start finished the file.
// - clips (the clips domain's): a clip of one explanation (or of several of one product, joined), its file and
//   poster in the data folder's clips/, how it was cut, and what of the explanation no recording held.
export default {
  version: 8,
  name: 'recordings',
  sql: `
    CREATE TABLE recordings (
      id INTEGER PRIMARY KEY,
      file TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      duration_ms INTEGER,
      anchors TEXT NOT NULL DEFAULT '[]',
      state TEXT NOT NULL CHECK (state IN ('recording', 'done', 'interrupted')),
      -- The file was deleted by the user (with its show's clips, or alone): kept as a row so clips can say so.
      deleted_at INTEGER
    ) STRICT;
    CREATE INDEX recordings_started ON recordings (started_at);

    CREATE TABLE clips (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES live_sessions(id),
      product_id INTEGER NOT NULL REFERENCES products(id),
      link_no INTEGER,
      -- The explanation segments it shows, in order: one, or several of one product joined ([id, …]).
      segment_ids TEXT NOT NULL,
      file TEXT NOT NULL,
      poster TEXT,
      mode TEXT NOT NULL CHECK (mode IN ('copy', 'exact')),
      vertical INTEGER NOT NULL DEFAULT 0 CHECK (vertical IN (0, 1)),
      duration_ms INTEGER NOT NULL,
      bytes INTEGER NOT NULL,
      -- What of the explanations no recording held, on the wall clock: [[from, to], …].
      missing TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX clips_session ON clips (session_id);
  `,
};
