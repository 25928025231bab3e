// Version 7: the shop (微信小店) and platform order files. On 视频号 the buyer pays in the shop: its orders come
// into the log as they are there, and its products into the library.
//
// - orders: a platform order keeps the platform and its own order id (unique: a second sync or a file of the same
//   orders changes nothing), the platform's own status beside ours, its freight, its after-sale counts and when it
//   was paid and last updated there. Its amounts are the shop's: paid = goods − discounts + freight, and a discount
//   need not be one of our coupons. SQLite cannot change a CHECK in place, so the table is rebuilt (with the same
//   ids, indexes and triggers); so is order_history, whose entries may now come from the shop.
// - products and product_skus: the shop's product and SKU ids once linked (unique among the linked).
// - shop_account: the one connected shop, its AppSecret sealed like stream keys (system/secret-box.ts).
// - shop_sync: where each sync stands (resumable after a kill), and how its last run ended.
// - shop_shipments: each shop order's shipment as sent to the shop ('sending' is written before the call, so a
//   crash in between is checked with the shop before anything is sent again: nothing is sent twice).
export default {
  version: 7,
  name: 'shop',
  rebuildsTables: true,
  sql: `
    CREATE TABLE orders_v7 (
      id INTEGER PRIMARY KEY,
      order_no TEXT NOT NULL UNIQUE,
      session_id INTEGER REFERENCES live_sessions(id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunded')),
      buyer TEXT NOT NULL CHECK (length(buyer) BETWEEN 1 AND 40),
      phone TEXT NOT NULL DEFAULT '',
      address TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      coupon_id INTEGER REFERENCES coupons(id),
      coupon_name TEXT,
      subtotal_fen INTEGER NOT NULL CHECK (subtotal_fen >= 0),
      discount_fen INTEGER NOT NULL CHECK (discount_fen >= 0 AND discount_fen <= subtotal_fen),
      freight_fen INTEGER NOT NULL DEFAULT 0 CHECK (freight_fen >= 0),
      paid_fen INTEGER NOT NULL CHECK (paid_fen = subtotal_fen - discount_fen + freight_fen),
      units INTEGER NOT NULL CHECK (units >= 1),
      carrier TEXT,
      tracking_no TEXT,
      idem_key TEXT UNIQUE,
      idem_hash TEXT,
      -- Where the order was placed: NULL in the studio (quick entry, the API), else the platform that sold it.
      platform TEXT CHECK (platform IN ('wxshop', 'douyin')),
      platform_order_id TEXT,
      -- The platform's own status as it gave it (微信小店's code, or a file's text), beside ours.
      platform_status TEXT,
      -- Units in an after-sale (退款/售后) now, and units whose after-sale finished, as the platform counts them.
      aftersale_open INTEGER NOT NULL DEFAULT 0 CHECK (aftersale_open >= 0),
      aftersale_done INTEGER NOT NULL DEFAULT 0 CHECK (aftersale_done >= 0),
      paid_at INTEGER,
      -- The platform's last update of the order (ms): a sync that sees the same one changes nothing.
      platform_updated_at INTEGER,
      version INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((coupon_id IS NULL) = (coupon_name IS NULL)),
      CHECK (coupon_id IS NOT NULL OR discount_fen = 0 OR platform IS NOT NULL),
      CHECK ((platform IS NULL) = (platform_order_id IS NULL)),
      CHECK (platform IS NOT NULL OR freight_fen = 0),
      UNIQUE (platform, platform_order_id)
    ) STRICT;
    INSERT INTO orders_v7 (id, order_no, session_id, status, buyer, phone, address, note, coupon_id, coupon_name,
        subtotal_fen, discount_fen, freight_fen, paid_fen, units, carrier, tracking_no, idem_key, idem_hash, version,
        created_at, updated_at)
      SELECT id, order_no, session_id, status, buyer, phone, address, note, coupon_id, coupon_name,
        subtotal_fen, discount_fen, 0, paid_fen, units, carrier, tracking_no, idem_key, idem_hash, version,
        created_at, updated_at
      FROM orders ORDER BY id;
    DROP TABLE orders;
    ALTER TABLE orders_v7 RENAME TO orders;
    CREATE INDEX orders_created ON orders (created_at);
    CREATE INDEX orders_session ON orders (session_id, created_at);
    CREATE INDEX orders_status ON orders (status, created_at);
    CREATE INDEX orders_buyer ON orders (buyer);
    CREATE INDEX orders_paid ON orders (paid_fen);
    CREATE INDEX orders_coupon_buyer ON orders (coupon_id, buyer) WHERE coupon_id IS NOT NULL;
    CREATE INDEX orders_platform_updated ON orders (platform, platform_updated_at) WHERE platform IS NOT NULL;
    CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders BEGIN SELECT RAISE(ABORT, 'orders are never deleted'); END;

    CREATE TABLE order_history_v7 (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES orders(id),
      at INTEGER NOT NULL,
      from_status TEXT,
      to_status TEXT NOT NULL,
      -- 'shop': the platform changed it (a sync or a file), not a person in the studio.
      role TEXT NOT NULL CHECK (role IN ('host', 'assistant', 'shop')),
      device_id INTEGER REFERENCES access_devices(id),
      client TEXT NOT NULL,
      note TEXT
    ) STRICT;
    INSERT INTO order_history_v7 SELECT id, order_id, at, from_status, to_status, role, device_id, client, note
      FROM order_history ORDER BY id;
    DROP TABLE order_history;
    ALTER TABLE order_history_v7 RENAME TO order_history;
    CREATE INDEX order_history_order ON order_history (order_id, id);
    CREATE TRIGGER order_history_append_only BEFORE UPDATE ON order_history BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;
    CREATE TRIGGER order_history_no_delete BEFORE DELETE ON order_history BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;

    -- A platform order's line names the platform's own product and SKU (what shipping tells the platform back),
    -- whether or not the library's product is linked to it.
    ALTER TABLE order_lines ADD COLUMN platform_product_id TEXT;
    ALTER TABLE order_lines ADD COLUMN platform_sku_id TEXT;

    ALTER TABLE products ADD COLUMN shop_product_id TEXT;
    CREATE UNIQUE INDEX products_shop ON products (shop_product_id) WHERE shop_product_id IS NOT NULL;
    ALTER TABLE product_skus ADD COLUMN shop_sku_id TEXT;
    CREATE UNIQUE INDEX product_skus_shop ON product_skus (shop_sku_id) WHERE shop_sku_id IS NOT NULL;

    CREATE TABLE shop_account (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      app_id TEXT NOT NULL,
      secret_sealed TEXT NOT NULL,
      connected_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE shop_sync (
      kind TEXT PRIMARY KEY CHECK (kind IN ('orders', 'products')),
      -- Where the run stands (JSON: the window and page for orders); kept after each page, so a killed run resumes.
      cursor TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(cursor)),
      started_at INTEGER,
      finished_at INTEGER,
      -- How the last run ended: counts, or the error (code and parameters), as JSON.
      outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome))
    ) STRICT;

    CREATE TABLE shop_shipments (
      order_id INTEGER PRIMARY KEY REFERENCES orders(id),
      delivery_id TEXT NOT NULL,
      waybill_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
      -- The shop's refusal, as it said it (errcode and errmsg), for the seller to read and retry.
      errcode INTEGER,
      errmsg TEXT,
      attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
