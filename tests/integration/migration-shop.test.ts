// Version 7 rebuilds the orders and their history (SQLite changes a CHECK no other way): on a real file with
// orders, lines, history and a coupon, every row, id, reference and guard comes through.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate.ts';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.ts';
import { DB_FILE } from '../../electron/core/studio.ts';
import { tempDir } from '../support/studio-fixture.ts';

test('orders from version 6 keep every row, id and history entry; the guards stand; platform orders fit', () => {
  const file = path.join(tempDir(), DB_FILE);
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 6));
  db.exec(`
    INSERT INTO products (id, title, price_fen, stock, sku, created_at, updated_at) VALUES (1, '野生蜂蜜', 3900, 20, 'HONEY', 1, 1);
    INSERT INTO product_skus (id, product_id, position, price_fen, stock, code, created_at, updated_at)
      VALUES (1, 1, 1, 3900, 20, 'HONEY', 1, 1);
    INSERT INTO coupons (id, name, kind, off_fen, scope, valid_from, valid_until, created_at, updated_at) VALUES (1, '满减', 'direct', 500, 'shop', 1, 2, 1, 1);
    INSERT INTO orders (id, order_no, status, buyer, coupon_id, coupon_name, subtotal_fen, discount_fen, paid_fen, units,
        idem_key, idem_hash, created_at, updated_at)
      VALUES (7, '261201-001', 'paid', '老张', 1, '满减', 7800, 500, 7300, 2, 'host:k1', 'h', 3, 4);
    INSERT INTO order_lines (order_id, line_no, product_id, sku_id, title, sku, unit_price_fen, quantity, discount_fen)
      VALUES (7, 1, 1, 1, '野生蜂蜜', 'HONEY', 3900, 2, 500);
    INSERT INTO order_history (id, order_id, at, from_status, to_status, role, client) VALUES (9, 7, 3, NULL, 'paid', 'host', 'desktop');
  `);
  const before = db.prepare('SELECT * FROM orders').all();
  migrate(db);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on again');
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  const after = db.prepare('SELECT * FROM orders').all() as Array<Record<string, unknown>>;
  assert.deepEqual(
    after.map(
      ({
        freight_fen,
        platform,
        platform_order_id,
        platform_status,
        aftersale_open,
        aftersale_done,
        paid_at,
        platform_updated_at,
        ...rest
      }) => {
        assert.deepEqual(
          [
            freight_fen,
            platform,
            platform_order_id,
            platform_status,
            aftersale_open,
            aftersale_done,
            paid_at,
            platform_updated_at,
          ],
          [0, null, null, null, 0, 0, null, null],
        );
        return rest;
      },
    ),
    before,
  );
  assert.deepEqual(db.prepare('SELECT id, order_id, role FROM order_history').all(), [
    { id: 9, order_id: 7, role: 'host' },
  ]);
  assert.throws(() => db.prepare('DELETE FROM orders').run(), /never deleted/);
  assert.throws(() => db.prepare('UPDATE order_history SET note = 1').run(), /append-only/);
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO order_lines (order_id, line_no, product_id, title, unit_price_fen, quantity, discount_fen) VALUES (99, 1, 1, 'x', 1, 1, 0)`,
        )
        .run(),
    /FOREIGN KEY/,
    'order lines still refer to orders',
  );
  // A shop order: its own discount (no coupon of ours) and freight; paid as the shop computed it.
  const insert =
    db.prepare(`INSERT INTO orders (order_no, status, buyer, subtotal_fen, discount_fen, freight_fen, paid_fen, units,
      platform, platform_order_id, platform_status, created_at, updated_at)
    VALUES (@no, 'paid', '陈*', 20000, 10000, 500, @paid, 1, 'wxshop', @no, '20', 5, 5)`);
  insert.run({ no: '3704612354559743232', paid: 10500 });
  assert.throws(
    () => insert.run({ no: '3704612354559743233', paid: 10000 }),
    /CHECK/,
    'paid = goods − discount + freight',
  );
  assert.throws(() => insert.run({ no: '3704612354559743232', paid: 10500 }), /UNIQUE/, 'one order per platform id');
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO orders (order_no, status, buyer, subtotal_fen, discount_fen, paid_fen, units, created_at, updated_at) VALUES ('x', 'paid', 'a', 100, 10, 90, 1, 1, 1)`,
        )
        .run(),
    /CHECK/,
    'a studio order still needs a coupon for a discount',
  );
  db.close();
});
