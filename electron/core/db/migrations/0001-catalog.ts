// Version 1: the product library (商品库) and the images it refers to.
export default {
  version: 1,
  name: 'catalog',
  sql: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    -- Names this data directory in exported files, so a re-import knows which rows are its own products.
    INSERT INTO meta (key, value) VALUES ('studio_id', lower(hex(randomblob(4))));

    CREATE TABLE images (
      id TEXT PRIMARY KEY,            -- sha-256 of the bytes: the same picture is stored once
      mime TEXT NOT NULL,
      ext TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      has_thumb INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE products (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
      original_price_fen INTEGER CHECK (original_price_fen IS NULL OR original_price_fen > price_fen),
      stock INTEGER NOT NULL CHECK (stock >= 0),
      sku TEXT UNIQUE,
      link TEXT,
      link_kind TEXT CHECK (link_kind IN ('miniprogram', 'url', 'article')),
      selling_points TEXT NOT NULL DEFAULT '',
      image_id TEXT REFERENCES images(id),
      archived_at INTEGER,            -- products are archived, never deleted: orders refer to them
      version INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE INDEX products_active_updated ON products (archived_at IS NOT NULL, updated_at);
    CREATE INDEX products_title ON products (title);
  `,
};
