// The export reads one snapshot through its own connection: orders taken while it runs neither appear in the
// file nor wait for it, and the file is written a batch at a time with progress along the way.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Progress } from '../../electron/core/jobs/job-runner.ts';
import { exportOrders } from '../../electron/core/orders/order-export.ts';
import { runStudio, tempDir } from '../support/studio-fixture.ts';

const ORDERS = 6000;

test('orders taken during an export do not leak into it; the file is one consistent snapshot', async () => {
  const run = await runStudio();
  try {
    const { studio } = run;
    const product = await studio.catalog.create({ title: '东北大米 5kg', priceFen: 5990, stock: 100 });
    const now = Date.now();
    const insert = studio.db.prepare(
      `INSERT INTO orders (order_no, status, buyer, subtotal_fen, discount_fen, paid_fen, units, created_at, updated_at)
       VALUES (?, 'paid', '小王', 5990, 0, 5990, 1, ?, ?)`,
    );
    const line = studio.db.prepare(
      `INSERT INTO order_lines (order_id, line_no, product_id, title, unit_price_fen, quantity, discount_fen)
       VALUES (?, 1, ?, '东北大米 5kg', 5990, 1, 0)`,
    );
    studio.db.transaction(() => {
      for (let i = 1; i <= ORDERS; i++) line.run(insert.run(`S-${i}`, now, now).lastInsertRowid, product.id);
    })();

    const reports: Array<[number, number]> = [];
    let taken = 0;
    const progress = ((phase: string, done: number, total: number) => {
      assert.equal(phase, 'phase_exporting');
      reports.push([done, total]);
    }) as Progress;
    progress.yield = async () => {
      // The studio's own connection keeps writing while the export's cursor is open.
      const actor = { role: 'host', deviceId: null, client: 'test' } as const;
      await studio.orders.create(
        { sessionId: null, lines: [{ productId: product.id, quantity: 1 }], buyer: '新' },
        actor,
      );
      taken++;
      await new Promise((resolve) => setImmediate(resolve));
    };
    const out = path.join(tempDir(), 'orders.csv');
    const result = await exportOrders(studio.db.name, { filter: {}, locale: 'en', out }, progress);

    assert.ok(taken >= 1, 'orders were taken mid-export');
    assert.equal(result.rows, ORDERS);
    assert.equal(result.bytes, fs.statSync(out).size);
    const rows = parse(fs.readFileSync(out), { bom: true, columns: true }) as Array<{ order_no: string }>;
    assert.deepEqual(
      rows.map((r) => r.order_no),
      Array.from({ length: ORDERS }, (_, i) => `S-${i + 1}`),
    );
    assert.deepEqual(reports[0], [0, ORDERS]);
    assert.deepEqual(reports.at(-1), [ORDERS, ORDERS]);
    const count = studio.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number };
    assert.equal(count.n, ORDERS + taken);
  } finally {
    await run.stop();
  }
});
