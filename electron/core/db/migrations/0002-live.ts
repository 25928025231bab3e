// Version 2: the live room (直播中控): sessions, their shopping bags, explanation segments, coupons and
// their pushes, and the assistant devices paired for LAN access.
export default {
  version: 2,
  name: 'live',
  sql: `
    CREATE TABLE live_sessions (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
      cover_image_id TEXT REFERENCES images(id),
      planned_at INTEGER,
      notes TEXT NOT NULL DEFAULT '',
      promo_link TEXT,
      state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'live', 'ended')),
      started_at INTEGER,
      ended_at INTEGER,
      -- The highest link number viewers may have heard: while live, a removed product's number is not given
      -- to another product until the assistant renumbers on purpose.
      last_link_no INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((state = 'planned') = (started_at IS NULL)),
      CHECK ((state = 'ended') = (ended_at IS NOT NULL))
    ) STRICT;
    -- The studio streams one show at a time.
    CREATE UNIQUE INDEX live_sessions_one_live ON live_sessions (state) WHERE state = 'live';

    CREATE TABLE bag_items (
      session_id INTEGER NOT NULL REFERENCES live_sessions(id),
      product_id INTEGER NOT NULL REFERENCES products(id),
      position INTEGER NOT NULL CHECK (position >= 0),
      link_no INTEGER NOT NULL CHECK (link_no >= 1),
      listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),
      sold_out INTEGER NOT NULL DEFAULT 0 CHECK (sold_out IN (0, 1)),
      added_at INTEGER NOT NULL,
      PRIMARY KEY (session_id, product_id)
    ) STRICT;
    CREATE UNIQUE INDEX bag_items_position ON bag_items (session_id, position);
    CREATE UNIQUE INDEX bag_items_link_no ON bag_items (session_id, link_no);

    -- What else happened during the show, on its clock (explanations and coupon pushes have their own tables).
    CREATE TABLE live_log (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES live_sessions(id),
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      product_id INTEGER REFERENCES products(id),
      link_no INTEGER
    ) STRICT;
    CREATE INDEX live_log_session ON live_log (session_id, at);

    CREATE TABLE explain_segments (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES live_sessions(id),
      product_id INTEGER NOT NULL REFERENCES products(id),
      link_no INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at)
    ) STRICT;
    -- At most one product is being explained per session.
    CREATE UNIQUE INDEX explain_segments_open ON explain_segments (session_id) WHERE ended_at IS NULL;
    CREATE INDEX explain_segments_session ON explain_segments (session_id, started_at);

    CREATE TABLE coupons (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      kind TEXT NOT NULL CHECK (kind IN ('threshold', 'direct', 'percent')),
      threshold_fen INTEGER,
      off_fen INTEGER,
      rate INTEGER,
      cap_fen INTEGER CHECK (cap_fen IS NULL OR cap_fen > 0),
      scope TEXT NOT NULL CHECK (scope IN ('shop', 'products')),
      quantity INTEGER CHECK (quantity IS NULL OR quantity >= 1),
      claimed INTEGER NOT NULL DEFAULT 0 CHECK (claimed >= 0),
      per_buyer_limit INTEGER NOT NULL DEFAULT 1 CHECK (per_buyer_limit >= 1),
      valid_from INTEGER NOT NULL,
      valid_until INTEGER NOT NULL CHECK (valid_until > valid_from),
      archived_at INTEGER,
      version INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (
        (kind = 'threshold' AND threshold_fen > 0 AND off_fen > 0 AND off_fen <= threshold_fen AND rate IS NULL AND cap_fen IS NULL)
        OR (kind = 'direct' AND off_fen > 0 AND threshold_fen IS NULL AND rate IS NULL AND cap_fen IS NULL)
        OR (kind = 'percent' AND rate BETWEEN 1 AND 99 AND threshold_fen IS NULL AND off_fen IS NULL)
      )
    ) STRICT;

    CREATE TABLE coupon_products (
      coupon_id INTEGER NOT NULL REFERENCES coupons(id),
      product_id INTEGER NOT NULL REFERENCES products(id),
      PRIMARY KEY (coupon_id, product_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE coupon_pushes (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES live_sessions(id),
      coupon_id INTEGER NOT NULL REFERENCES coupons(id),
      pushed_at INTEGER NOT NULL,
      stopped_at INTEGER CHECK (stopped_at IS NULL OR stopped_at >= pushed_at)
    ) STRICT;
    CREATE UNIQUE INDEX coupon_pushes_running ON coupon_pushes (session_id, coupon_id) WHERE stopped_at IS NULL;
    CREATE INDEX coupon_pushes_session ON coupon_pushes (session_id, pushed_at);

    CREATE TABLE access_devices (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      token_hash TEXT NOT NULL UNIQUE,  -- sha-256 of the pairing token; the token itself is never stored
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER,
      revoked_at INTEGER
    ) STRICT;
  `,
};
