import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from '../../electron/core/stream/engine/backoff.ts';

test('waits 2 s, then ×1.5 each try: 2, 3, 4.5, 6.75 … s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs), [2_000, 3_000, 4_500, 6_750, 10_125, 15_188, 22_781]);
  assert.equal(retryDelayMs(1), FIRST_RETRY_MS);
});

test('capped at 30 s, and the tries never run out', () => {
  assert.equal(retryDelayMs(8), MAX_RETRY_MS);
  assert.equal(MAX_RETRY_MS, 30_000);
  for (const attempt of [9, 25, 100, 10_000]) assert.equal(retryDelayMs(attempt), 30_000, `try ${attempt}`);
  const delays = Array.from({ length: 40 }, (_, i) => retryDelayMs(i + 1));
  assert.ok(
    delays.every((delay, i) => i === 0 || delay >= delays[i - 1]!),
    'never shorter than the one before',
  );
});

test('a try number below 1 waits like the first retry', () => {
  assert.equal(retryDelayMs(0), 2_000);
  assert.equal(retryDelayMs(-3), 2_000);
});
