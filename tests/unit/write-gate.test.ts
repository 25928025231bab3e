import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WriteGate } from '../../electron/core/db/write-gate.ts';

test('a free gate runs writes synchronously', () => {
  const gate = new WriteGate();
  let ran = false;
  const result = gate.run(() => {
    ran = true;
    return 7;
  });
  assert.equal(ran, true);
  assert.equal(result, 7);
  assert.equal(gate.held, false);
});

test('writes wait for a holder, then run in the order they came', async () => {
  const gate = new WriteGate();
  const order: string[] = [];
  let release!: () => void;
  const holding = gate.hold(async () => {
    order.push('bulk start');
    await new Promise<void>((r) => (release = r));
    order.push('bulk end');
    return 'bulk';
  });
  assert.equal(gate.held, true);
  const a = gate.run(() => order.push('a'));
  const b = gate.run(() => order.push('b'));
  assert.ok(a instanceof Promise);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, ['bulk start']);
  release();
  assert.equal(await holding, 'bulk');
  await Promise.all([a, b]);
  assert.deepEqual(order, ['bulk start', 'bulk end', 'a', 'b']);
  assert.equal(gate.held, false);
});

test("a holder that fails frees the gate; its error stays its caller's", async () => {
  const gate = new WriteGate();
  const failing = gate.hold(async () => {
    await new Promise((r) => setImmediate(r));
    throw new Error('disk full');
  });
  const after = gate.run(() => 'still writes');
  await assert.rejects(failing, /disk full/);
  assert.equal(await after, 'still writes');
  const second = await gate.hold(async () => 'next holder');
  assert.equal(second, 'next holder');
});

test('a write that finds the database locked by another process is tried again, in order, until it gets through', async () => {
  const gate = new WriteGate();
  const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  let tries = 0;
  const order: string[] = [];
  const first = gate.run(() => {
    if (++tries < 4) throw busy;
    order.push('first');
    return 'ok';
  });
  assert.ok(first instanceof Promise, 'it waits instead of failing');
  const second = gate.run(() => order.push('second'));
  assert.equal(await first, 'ok');
  await second;
  assert.equal(tries, 4);
  assert.deepEqual(order, ['first', 'second'], 'later writes keep their place behind it');
});

test('any other failure is not retried', () => {
  const gate = new WriteGate();
  assert.throws(
    () =>
      gate.run(() => {
        throw Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' });
      }),
    /constraint/,
  );
});
