// The tray and the global hotkeys' decisions (the shell applies them with Electron's Tray, Menu and globalShortcut).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Coupon } from '../../electron/core/protocol/coupon-schemas.ts';
import type { CouponPush } from '../../electron/core/protocol/live-schemas.ts';
import { DEFAULT_HOTKEYS } from '../../electron/core/protocol/hotkeys.ts';
import { hotkeyCall, nextCoupon, type ShowContext } from '../../electron/main/hotkey-actions.ts';
import { registrationPlan, registrationReport } from '../../electron/main/hotkey-registration.ts';
import { elapsed, stopDialog, trayIconBitmap, trayModel, type ShellStatus } from '../../electron/main/tray-model.ts';

const IDLE: ShellStatus = { phase: 'idle', startedAt: null, muted: false, destinations: [], session: null };
const LIVE: ShellStatus = {
  phase: 'live',
  startedAt: 1_000,
  muted: false,
  destinations: [
    { name: '视频号', live: true },
    { name: 'B站', live: false },
  ],
  session: { id: 7, title: '周五上新' },
};

test('tray: idle, nothing to mute or stop; opening and quitting always there', () => {
  const model = trayModel(IDLE, 0, 'zh-CN');
  assert.equal(model.icon, 'idle');
  assert.equal(model.tooltip, 'LiveCart Studio — 未开播');
  const byId = Object.fromEntries(model.items.filter((i) => i.id !== 'separator').map((i) => [i.id, i]));
  assert.equal(byId.mute!.enabled, false);
  assert.equal(byId.stop!.enabled, false);
  assert.equal(byId.open!.enabled, true);
  assert.equal(byId.quit!.enabled, true);
});

test('tray: live with the show’s name and clock, destinations counted, mute ticked when muted', () => {
  const model = trayModel(LIVE, 1_000 + 3_723_000, 'zh-CN');
  assert.equal(model.icon, 'live');
  assert.equal(model.items[0]!.label, '周五上新 — 直播中 1:02:03');
  assert.equal(model.items[1]!.label, '推流目标 1/2 在线');
  const muted = trayModel({ ...LIVE, muted: true }, 61_000, 'en');
  assert.equal(muted.icon, 'muted');
  assert.equal(muted.items[0]!.label, '周五上新 — LIVE 01:00 · Muted');
  assert.deepEqual(
    muted.items.find((i) => i.id === 'mute'),
    { id: 'mute', label: 'Mute', enabled: true, checked: true },
  );
  // A session with no stream is a rehearsal: stop ends it; mute has nothing to mute.
  const rehearsal = trayModel({ ...IDLE, session: LIVE.session }, 0, 'zh-CN');
  assert.equal(rehearsal.items[0]!.label, '周五上新 — 彩排中（没有推流）');
  assert.equal(rehearsal.items.find((i) => i.id === 'stop')!.enabled, true);
  assert.equal(rehearsal.items.find((i) => i.id === 'mute')!.enabled, false);
  assert.equal(elapsed(59_999), '00:59');
});

test('tray: stopping asks first, Cancel the default; with a session the host chooses the show or the stream', () => {
  const both = stopDialog(LIVE, 'zh-CN');
  assert.deepEqual(
    both.buttons.map((b) => b.choice),
    ['endShow', 'stopStream', 'cancel'],
  );
  assert.match(both.message, /周五上新/);
  assert.deepEqual(
    stopDialog({ ...LIVE, session: null }, 'en').buttons.map((b) => b.choice),
    ['stopStream', 'cancel'],
  );
  assert.deepEqual(
    stopDialog({ ...IDLE, session: LIVE.session }, 'en').buttons.map((b) => b.choice),
    ['endShow', 'cancel'],
  );
});

test('tray icon: a red disc live, grey idle, a white bar when muted; transparent corners', () => {
  const size = 32;
  const pixel = (bitmap: Buffer, x: number, y: number) => [
    ...bitmap.subarray((y * size + x) * 4, (y * size + x) * 4 + 4),
  ];
  const live = trayIconBitmap('live', size);
  assert.equal(live.length, size * size * 4);
  assert.deepEqual(pixel(live, 16, 8), [0x55, 0x2d, 0xff, 255], 'BGRA red');
  assert.equal(pixel(live, 0, 0)[3], 0);
  assert.deepEqual(pixel(trayIconBitmap('idle', size), 16, 8), [0xb2, 0xa3, 0x9a, 255]);
  assert.deepEqual(pixel(trayIconBitmap('muted', size), 16, 16), [255, 255, 255, 255]);
});

function coupon(id: number, over: Partial<Coupon> = {}): Coupon {
  return {
    id,
    name: `券${id}`,
    kind: 'direct',
    thresholdFen: null,
    offFen: 500,
    rate: null,
    capFen: null,
    scope: 'shop',
    productIds: [],
    quantity: null,
    claimed: 0,
    perBuyerLimit: 1,
    validFrom: 0,
    validUntil: 10_000,
    archived: false,
    ...over,
  } as Coupon;
}
const push = (couponId: number, stoppedAt: number | null): CouponPush => ({
  id: couponId * 10,
  sessionId: 7,
  couponId,
  pushedAt: 1,
  stoppedAt,
  pushClockMs: 0,
  stopClockMs: null,
});

test('the next coupon: after the last pushed, skipping running, expired and used-up ones, round and round', () => {
  const coupons = [coupon(1), coupon(2, { validUntil: 5 }), coupon(3), coupon(4, { quantity: 10, claimed: 10 })];
  assert.equal(nextCoupon(coupons, [], 100)?.id, 1);
  assert.equal(nextCoupon(coupons, [push(1, 50)], 100)?.id, 3, '2 has expired');
  assert.equal(nextCoupon(coupons, [push(1, 50), push(3, 60)], 100)?.id, 1, 'back to the first');
  assert.equal(nextCoupon(coupons, [push(1, null), push(3, null)], 100), null, 'both already running');
});

test('hotkeys: each action’s call, or why nothing happens', () => {
  const show: ShowContext = { sessionId: 7, streaming: true, muted: false, coupons: [coupon(1)], pushes: [], now: 100 };
  assert.deepEqual(hotkeyCall('explainNext', show), {
    method: 'live.explainStep',
    params: { sessionId: 7, direction: 'next' },
  });
  assert.deepEqual(hotkeyCall('explainPrevious', show), {
    method: 'live.explainStep',
    params: { sessionId: 7, direction: 'previous' },
  });
  assert.deepEqual(hotkeyCall('stopExplaining', show), { method: 'live.stopExplaining', params: { sessionId: 7 } });
  assert.deepEqual(hotkeyCall('toggleMute', { ...show, muted: true }), {
    method: 'stream.setMuted',
    params: { muted: false },
  });
  assert.deepEqual(hotkeyCall('pushNextCoupon', show), {
    method: 'live.pushCoupon',
    params: { sessionId: 7, couponId: 1 },
  });
  assert.deepEqual(hotkeyCall('pushNextCoupon', { ...show, coupons: [] }), { refused: 'hotkey_no_coupon' });
  assert.deepEqual(hotkeyCall('explainNext', { ...show, sessionId: null }), { refused: 'hotkey_no_show' });
  assert.deepEqual(hotkeyCall('toggleMute', { ...show, streaming: false }), { refused: 'hotkey_not_streaming' });
});

test('registration: bad or switched-off bindings are not handed to the system; refusals reported as taken', () => {
  const plan = registrationPlan({ ...DEFAULT_HOTKEYS, stopExplaining: null, pushNextCoupon: 'Ctrl+Alt+]' }, 'win32');
  assert.deepEqual(
    plan.map((r) => r.action),
    ['explainNext', 'explainPrevious', 'toggleMute'],
    'the duplicate of explainNext is left out',
  );
  assert.deepEqual(registrationReport(plan, [true, false, true]), {
    registered: ['explainNext', 'toggleMute'],
    taken: ['explainPrevious'],
  });
});
