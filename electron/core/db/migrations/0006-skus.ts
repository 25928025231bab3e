// Version 6: 规格 (SKUs). A product has one or more SKUs, each with its own specification ("5 kg / 红色"), price,
// crossed-out price, stock and 商品编码; a shop order names the SKU. A product without specifications has exactly
// one, with an empty spec. Every product gets its one SKU from what it had.
//
// The product row keeps its price, crossed-out price, stock and code as a summary of its live SKUs (the cheapest
// SKU's prices: "¥39.9 起"; the stock summed; the code when it has one SKU), so every reader of a product (the bag,
// the overlay card, sorting by price or stock) reads them as before. A trigger keeps it when a SKU changes, so no
// writer (an order taking stock, a sync, an edit) can leave them apart. Not on insert: the catalogue's SkuStore, the
// only one that adds SKUs, sets it off once after adding them (a trigger per insert made a 100,000-product import
// 4× slower; a new product's row is written with its summary already).
export default {
  version: 6,
  name: 'skus',
  sql: `
    CREATE TABLE product_skus (
      id INTEGER PRIMARY KEY,
      product_id INTEGER NOT NULL REFERENCES products(id),
      position INTEGER NOT NULL CHECK (position >= 1),
      spec TEXT NOT NULL DEFAULT '' CHECK (length(spec) <= 100),
      price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
      original_price_fen INTEGER CHECK (original_price_fen IS NULL OR original_price_fen > price_fen),
      stock INTEGER NOT NULL CHECK (stock >= 0),
      code TEXT UNIQUE,
      -- SKUs are retired, never deleted: orders name them.
      archived_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX product_skus_spec ON product_skus (product_id, spec) WHERE archived_at IS NULL;
    CREATE TRIGGER product_skus_no_delete BEFORE DELETE ON product_skus
      BEGIN SELECT RAISE(ABORT, 'SKUs are retired, never deleted'); END;

    INSERT INTO product_skus (product_id, position, spec, price_fen, original_price_fen, stock, code, created_at, updated_at)
      SELECT id, 1, '', price_fen, original_price_fen, stock, sku, created_at, updated_at FROM products ORDER BY id;

    ALTER TABLE order_lines ADD COLUMN sku_id INTEGER REFERENCES product_skus(id);
    ALTER TABLE order_lines ADD COLUMN spec TEXT NOT NULL DEFAULT '';
    UPDATE order_lines SET sku_id = (SELECT s.id FROM product_skus s WHERE s.product_id = order_lines.product_id);

    CREATE TRIGGER product_skus_summary_update AFTER UPDATE OF position, price_fen, original_price_fen, stock, code, archived_at ON product_skus BEGIN
      UPDATE products SET
        price_fen = coalesce((SELECT min(price_fen) FROM product_skus WHERE product_id = NEW.product_id AND archived_at IS NULL), price_fen),
        original_price_fen = (SELECT original_price_fen FROM product_skus WHERE product_id = NEW.product_id AND archived_at IS NULL ORDER BY price_fen, position LIMIT 1),
        stock = (SELECT coalesce(sum(stock), 0) FROM product_skus WHERE product_id = NEW.product_id AND archived_at IS NULL),
        sku = (SELECT CASE WHEN count(*) = 1 THEN max(code) END FROM product_skus WHERE product_id = NEW.product_id AND archived_at IS NULL)
      WHERE id = NEW.product_id;
    END;
  `,
};
