// The sales chart's numbers apart from drawing: every minute of a show (zeros included), the columns uPlot
// draws (bars centred on their minute, a compared show's line stopping where it ended), which links were
// explained in a minute, and zoom limits that stay inside the show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Segment, SessionReport } from '../../electron/core/protocol/contract.ts';
import {
  clampZoom,
  explainedDuring,
  MIN_ZOOM_MINUTES,
  perMinute,
  plotData,
  reportMinutes,
  YUAN_STEPS,
  yuanLabel,
  yuanTop,
  zoomAround,
} from '../../renderer/src/features/orders/report/sales-chart-data.ts';

const MINUTE = 60_000;

function report(buckets: Array<[minute: number, orders: number, paidFen: number]>): SessionReport {
  return {
    sessionId: 1,
    totals: { orders: 0, units: 0, subtotalFen: 0, discountFen: 0, paidFen: 0 },
    products: [],
    coupons: [],
    explanations: [],
    bucketMs: MINUTE,
    buckets: buckets.map(([m, orders, paidFen]) => ({ startClockMs: m * MINUTE, orders, paidFen })),
  } as SessionReport;
}

function segment(id: number, linkNo: number, fromMs: number, toMs: number | null): Segment {
  return {
    id,
    sessionId: 1,
    productId: linkNo,
    linkNo,
    title: `商品${linkNo}`,
    startedAt: 0,
    endedAt: null,
    startClockMs: fromMs,
    endClockMs: toMs,
  };
}

test('perMinute: every minute of the span, zeros where nothing sold, nothing past the span', () => {
  const sales = perMinute(
    report([
      [0, 5, 47540],
      [2, 1, 990],
      [7, 1, 100],
    ]),
    4,
  );
  assert.deepEqual(sales, [
    { orders: 5, paidFen: 47540 },
    { orders: 0, paidFen: 0 },
    { orders: 1, paidFen: 990 },
    { orders: 0, paidFen: 0 },
  ]);
  assert.equal(
    reportMinutes(
      report([
        [0, 1, 1],
        [1, 0, 0],
        [2, 1, 1],
      ]),
    ),
    3,
  );
});

test('plotData: bars at each minute’s middle, empty ends at 0 and the total, a shorter show’s line stops', () => {
  const own = [
    { orders: 1, paidFen: 100 },
    { orders: 0, paidFen: 0 },
    { orders: 2, paidFen: 300 },
  ];
  const earlier = [{ orders: 4, paidFen: 800 }];
  const [x, bars, line] = plotData(own, [earlier], 3);
  assert.deepEqual(x, [0, 0.5, 1.5, 2.5, 3]);
  assert.deepEqual(bars, [undefined, 100, 0, 300, undefined]);
  assert.deepEqual(line, [undefined, 800, null, null, undefined]);
});

test('explainedDuring: each link that ran at any moment of the minute, once, in the order they began', () => {
  const segments = [
    segment(1, 1, 10, 50),
    segment(2, 3, 50, 30_000),
    segment(3, 1, 70_000, 80_000),
    segment(4, 2, 90_000, null),
  ];
  const links = (minute: number, durationMs = 150_000) =>
    explainedDuring(segments, minute, MINUTE, durationMs).map((s) => s.linkNo);
  assert.deepEqual(links(0), [1, 3]);
  assert.deepEqual(links(1), [1, 2]);
  // The open explanation runs until the show's clock now: past it, nothing was being explained.
  assert.deepEqual(links(2), [2]);
  assert.deepEqual(links(3), []);
  // A segment that ended exactly where the minute begins is not in it; one begun and ended at once is.
  assert.deepEqual(explainedDuring([segment(5, 4, 0, MINUTE)], 1, MINUTE, 0), []);
  assert.deepEqual(explainedDuring([segment(6, 5, MINUTE, MINUTE)], 1, MINUTE, 0).length, 1);
});

test('clampZoom: inside the show, at least MIN_ZOOM_MINUTES wide (widened around its middle)', () => {
  assert.deepEqual(clampZoom(1.2, 3.4, 5), [1.2, 3.4]);
  assert.deepEqual(clampZoom(2, 2.5, 60), [2.25 - MIN_ZOOM_MINUTES / 2, 2.25 + MIN_ZOOM_MINUTES / 2]);
  assert.deepEqual(clampZoom(-1, 3, 5), [0, 4]);
  assert.deepEqual(clampZoom(4, 7, 5), [2, 5]);
  assert.deepEqual(clampZoom(-10, 10, 5), [0, 5]);
  assert.deepEqual(clampZoom(0, 5, 5), [0, 5], 'the whole show is itself');
});

test('zoomAround: the keys zoom about the cursor’s minute and keep it in view', () => {
  assert.deepEqual(zoomAround({ min: 0, max: 5 }, 0.5, 0.5, 5), [0.25, 2.75]);
  assert.deepEqual(zoomAround({ min: 0.25, max: 2.75 }, 0.5, 2, 5), [0, 5]);
  const [from, to] = zoomAround({ min: 50, max: 60 }, 59.5, 0.1, 60);
  assert.deepEqual([from, to], [58, 60]);
  assert.ok(from <= 59.5 && 59.5 <= to);
});

test('the money axis: round steps of whole yuan, a round top, labels in yuan', () => {
  assert.equal(YUAN_STEPS[0], 100);
  assert.ok(YUAN_STEPS.every((fen) => fen % 100 === 0));
  assert.equal(yuanTop(0), 100);
  assert.equal(yuanTop(47540), 60000);
  assert.equal(yuanTop(100000), 100000);
  assert.equal(yuanLabel(123456789), '¥1,234,568');
});
