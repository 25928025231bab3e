// What a global hotkey does, decided from the show as the shell last heard it: which studio call to make, or why
// nothing can happen now (said in the tray's tooltip and a notification). Pure; shell-controls.ts makes the call.
import type { Coupon } from '../core/protocol/coupon-schemas.ts';
import { couponStatus } from '../core/protocol/coupon-status.ts';
import type { HotkeyAction } from '../core/protocol/hotkeys.ts';
import type { CouponPush } from '../core/protocol/live-schemas.ts';

export interface ShowContext {
  /** The live session (null: no show is on). */
  sessionId: number | null;
  /** The stream is live (mute needs it). */
  streaming: boolean;
  muted: boolean;
  coupons: readonly Coupon[];
  /** This session's pushes, oldest first. */
  pushes: readonly CouponPush[];
  now: number;
}

export type HotkeyCall =
  | { method: 'live.explainStep'; params: { sessionId: number; direction: 'next' | 'previous' } }
  | { method: 'live.stopExplaining'; params: { sessionId: number } }
  | { method: 'live.pushCoupon'; params: { sessionId: number; couponId: number } }
  | { method: 'stream.setMuted'; params: { muted: boolean } }
  /** Nothing to do now, and why (a message code). */
  | { refused: 'hotkey_no_show' | 'hotkey_not_streaming' | 'hotkey_no_coupon' };

/**
 * The next coupon to push: the first one, in the studio's order, after the one pushed last that can be pushed now
 * (active, and not being pushed already) — so pressing again walks through the coupons, round and round.
 */
export function nextCoupon(coupons: readonly Coupon[], pushes: readonly CouponPush[], now: number): Coupon | null {
  const running = new Set(pushes.filter((p) => p.stoppedAt === null).map((p) => p.couponId));
  const candidates = coupons.filter((c) => couponStatus(c, now) === 'active' && !running.has(c.id));
  if (candidates.length === 0) return null;
  const last = pushes.at(-1)?.couponId;
  const lastIndex = last === undefined ? -1 : coupons.findIndex((c) => c.id === last);
  return candidates.find((c) => coupons.indexOf(c) > lastIndex) ?? candidates[0]!;
}

export function hotkeyCall(action: HotkeyAction, show: ShowContext): HotkeyCall {
  if (action === 'toggleMute') {
    return show.streaming
      ? { method: 'stream.setMuted', params: { muted: !show.muted } }
      : { refused: 'hotkey_not_streaming' };
  }
  const sessionId = show.sessionId;
  if (sessionId === null) return { refused: 'hotkey_no_show' };
  switch (action) {
    case 'explainNext':
    case 'explainPrevious':
      return {
        method: 'live.explainStep',
        params: { sessionId, direction: action === 'explainNext' ? 'next' : 'previous' },
      };
    case 'stopExplaining':
      return { method: 'live.stopExplaining', params: { sessionId } };
    case 'pushNextCoupon': {
      const coupon = nextCoupon(show.coupons, show.pushes, show.now);
      return coupon
        ? { method: 'live.pushCoupon', params: { sessionId, couponId: coupon.id } }
        : { refused: 'hotkey_no_coupon' };
    }
  }
}
