// Cutting each explanation as it ends: once the recording holds its end, never twice, and given up on in the end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AutoClips } from '../../electron/core/clips/auto-clips.ts';
import type { ClipPlan } from '../../electron/core/clips/clip-plan.ts';

function harness() {
  const timers: Array<{ run: () => void; ms: number }> = [];
  const state = { waiting: true, pieces: 0, cut: false, cutting: false, gone: false };
  const started: number[][] = [];
  const plan = (): ClipPlan => ({
    segmentIds: [7],
    productId: 1,
    linkNo: 1,
    title: '白茶',
    startedAt: 0,
    pieces: Array.from({ length: state.pieces }, () => ({ recordingId: 1, file: '/r.flv', fromMs: 0, toMs: 1000 })),
    missing: [],
    waiting: state.waiting,
  });
  const auto = new AutoClips(
    {
      plans: () => {
        if (state.gone) throw new Error('not found');
        return [plan()];
      },
      list: () => (state.cut ? [{ segmentIds: [7] } as never] : []),
      isCutting: () => state.cutting,
    },
    {
      startCut: async (_session, ids) => {
        started.push(ids);
      },
      setTimer: (run, ms) => {
        timers.push({ run, ms });
        return 0 as unknown as ReturnType<typeof setTimeout>;
      },
    },
  );
  /** Runs the next timer (the studio's clock is not involved: each check is one step). */
  const tick = () => {
    const next = timers.shift();
    assert.ok(next, 'a check is due');
    next.run();
    return next.ms;
  };
  return { auto, state, started, timers, tick };
}

test('an explanation is cut once the recording holds its end, again if that cut left no clip, and then no more', async () => {
  const { auto, state, started, timers, tick } = harness();
  auto.ended(1, 7);
  state.pieces = 1;
  tick(); // still waiting: the tail padding is not written yet
  assert.deepEqual(started, []);
  state.waiting = false;
  tick();
  assert.deepEqual(started, [[7]]);
  await new Promise((resolve) => setImmediate(resolve)); // the job settles
  assert.equal(timers.length, 1, 'checked again after the job');
  tick(); // no clip came of it (the FLV went under it): cut again
  assert.deepEqual(started, [[7], [7]]);
  await new Promise((resolve) => setImmediate(resolve));
  state.cut = true;
  tick();
  assert.deepEqual([started.length, timers.length], [2, 0], 'the clip is there: no more checks');
});

test('left alone when the host is cutting it, or it was cut; the show gone ends the checks', () => {
  for (const key of ['cutting', 'cut', 'gone'] as const) {
    const { auto, state, started, timers, tick } = harness();
    auto.ended(1, 7);
    Object.assign(state, { waiting: false, pieces: 1, [key]: true });
    tick();
    assert.deepEqual([started, timers.length], [[], 0], key);
  }
});

test('checks each second, then every five, through a long show’s end; then gives up', () => {
  const { auto, started, timers, tick } = harness();
  auto.ended(1, 7);
  const waits: number[] = [];
  while (timers.length > 0) waits.push(tick());
  assert.deepEqual(waits.slice(0, 30), Array(30).fill(1000));
  assert.ok(waits.slice(30).every((ms) => ms === 5000));
  const total = waits.reduce((a, b) => a + b, 0);
  assert.ok(total <= 15 * 60_000 && total > 14 * 60_000, `${total} ms of checks`);
  assert.deepEqual(started, []);
});

test('disposed: no further checks run', () => {
  const { auto, state, started, tick } = harness();
  auto.ended(1, 7);
  Object.assign(state, { waiting: false, pieces: 1 });
  auto.dispose();
  tick();
  assert.deepEqual(started, []);
});
