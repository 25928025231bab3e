// Version 4: orders (订单). Money: never deleted, every status change appended to its history, amounts checked
// by the database itself so no bug elsewhere can store an order that does not add up.
export default {
  version: 4,
  name: 'orders',
  sql: `
    -- The day's last sequence number, per local date: order numbers are YYMMDD-NNN and never reused.
    CREATE TABLE order_days (day TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) STRICT, WITHOUT ROWID;

    CREATE TABLE orders (
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
      paid_fen INTEGER NOT NULL CHECK (paid_fen = subtotal_fen - discount_fen),
      units INTEGER NOT NULL CHECK (units >= 1),
      carrier TEXT,
      tracking_no TEXT,
      -- A caller's idempotency key (POST /api/orders, orders.create): the same key answers the same order.
      idem_key TEXT UNIQUE,
      version INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK ((coupon_id IS NULL) = (coupon_name IS NULL)),
      CHECK (coupon_id IS NOT NULL OR discount_fen = 0)
    ) STRICT;
    CREATE INDEX orders_created ON orders (created_at);
    CREATE INDEX orders_session ON orders (session_id, created_at);
    CREATE INDEX orders_status ON orders (status, created_at);
    CREATE INDEX orders_buyer ON orders (buyer);
    CREATE INDEX orders_paid ON orders (paid_fen);
    CREATE INDEX orders_coupon_buyer ON orders (coupon_id, buyer) WHERE coupon_id IS NOT NULL;

    CREATE TABLE order_lines (
      order_id INTEGER NOT NULL REFERENCES orders(id),
      line_no INTEGER NOT NULL CHECK (line_no >= 1),
      product_id INTEGER NOT NULL REFERENCES products(id),
      title TEXT NOT NULL,
      sku TEXT,
      link_no INTEGER,
      unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
      quantity INTEGER NOT NULL CHECK (quantity >= 1),
      discount_fen INTEGER NOT NULL CHECK (discount_fen >= 0 AND discount_fen <= unit_price_fen * quantity),
      PRIMARY KEY (order_id, line_no)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX order_lines_product ON order_lines (product_id);

    CREATE TABLE order_history (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES orders(id),
      at INTEGER NOT NULL,
      from_status TEXT,
      to_status TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('host', 'assistant')),
      device_id INTEGER REFERENCES access_devices(id),
      client TEXT NOT NULL,
      note TEXT
    ) STRICT;
    CREATE INDEX order_history_order ON order_history (order_id, id);

    -- Orders are never deleted, and their history is append-only.
    CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders BEGIN SELECT RAISE(ABORT, 'orders are never deleted'); END;
    CREATE TRIGGER order_lines_no_delete BEFORE DELETE ON order_lines BEGIN SELECT RAISE(ABORT, 'order lines are never deleted'); END;
    CREATE TRIGGER order_history_append_only BEFORE UPDATE ON order_history BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;
    CREATE TRIGGER order_history_no_delete BEFORE DELETE ON order_history BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;
  `,
};
