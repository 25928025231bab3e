// 发券: the coupons an assistant can push during a live session, with push/stop. Stub until the coupons UI lands.
import type { CouponPush } from '../../../../electron/core/protocol/contract.ts';

export interface CouponPushPanelProps {
  sessionId: number;
  /** Pushing is only possible while the session is live. */
  live: boolean;
  pushes: CouponPush[];
}

export function CouponPushPanel(_props: CouponPushPanelProps) {
  return null;
}
