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
