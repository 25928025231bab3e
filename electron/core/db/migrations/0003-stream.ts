// Version 3: going live. The destinations a show is pushed to (the stream key only ever encrypted: see
// system/secret-box.ts), and the stream settings as one JSON value in `meta` (checked against the contract's
// schema on every read, so a hand-edited value falls back to these defaults instead of failing).
export default {
  version: 3,
  name: 'stream',
  sql: `
    CREATE TABLE stream_destinations (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      platform TEXT NOT NULL,
      -- rtmp:// or rtmps:// and the application path, without the key.
      server_url TEXT NOT NULL,
      -- The stream key sealed with AES-256-GCM ('v1:' + base64url of nonce, tag and ciphertext); never in clear.
      key_cipher TEXT,
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      position INTEGER NOT NULL CHECK (position >= 0),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    INSERT INTO meta (key, value) VALUES ('stream_settings', json_object(
      'source', json_object('kind', 'test-pattern'),
      'preset', '720p',
      'fps', 30,
      'videoKbps', 2500,
      'hardware', json('true'),
      'lowLatency', json('false'),
      'record', json('true')
    ));
  `,
};
