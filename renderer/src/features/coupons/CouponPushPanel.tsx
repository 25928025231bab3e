// 发券: the coupons an assistant can push during a live session, with push/stop. A push is running while its
// stoppedAt is null. The buttons say why they are disabled (not live, expired…) using the same status rule the
// core applies, and a refusal from the core (someone archived the coupon a second ago) shows on its row.
import { useState } from 'react';
import type { Coupon, CouponPush } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { useCoupons } from '../../stores/coupons.ts';
import { notify } from '../../stores/notices.ts';
import { Button } from '../../ui/Button.tsx';
import { couponStatus, describeCoupon, describeStatus } from './describe.ts';
import { useNow } from '../../ui/useNow.ts';
import { useCall } from '../../ui/useCall.ts';

export interface CouponPushPanelProps {
  sessionId: number;
  /** Pushing is only possible while the session is live. */
  live: boolean;
  pushes: CouponPush[];
}

export function CouponPushPanel({ sessionId, live, pushes }: CouponPushPanelProps) {
  const { t } = useT();
  const all = useCoupons((s) => s.all);
  const loaded = useCoupons((s) => s.loaded);
  const now = useNow();
  const running = new Set(pushes.filter((p) => p.stoppedAt === null).map((p) => p.couponId));
  // Active coupons, plus any still being pushed although archived since (so it can be stopped).
  const coupons = all.filter((c) => !c.archived || running.has(c.id));

  return (
    <section className="coupon-push" aria-labelledby={`coupon-push-${sessionId}`} data-testid="coupon-push-panel">
      <h2 id={`coupon-push-${sessionId}`} className="coupon-push__title">
        {t('couponPush.title')}
      </h2>
      {loaded && coupons.length === 0 ? <p className="muted">{t('couponPush.empty')}</p> : null}
      <ul className="coupon-push__list">
        {coupons.map((coupon) => (
          <PushRow
            key={coupon.id}
            sessionId={sessionId}
            coupon={coupon}
            live={live}
            running={running.has(coupon.id)}
            now={now}
          />
        ))}
      </ul>
    </section>
  );
}

interface PushRowProps {
  sessionId: number;
  coupon: Coupon;
  live: boolean;
  running: boolean;
  now: number;
}

function PushRow({ sessionId, coupon, live, running, now }: PushRowProps) {
  const tr = useT();
  const { t } = tr;
  const { call, busy } = useCall();
  const [refusal, setRefusal] = useState<string | null>(null);
  const status = couponStatus(coupon, now);
  const name = coupon.name;
  // Stopping is always allowed while running; pushing needs a live session and a pushable coupon.
  const reason = running
    ? null
    : !live
      ? t('couponPush.notLive')
      : status !== 'active'
        ? describeStatus(tr, status)
        : null;
  const reasonId = `coupon-push-reason-${sessionId}-${coupon.id}`;

  async function act(): Promise<void> {
    setRefusal(null);
    const params = { sessionId, couponId: coupon.id };
    const method = running ? 'live.stopCoupon' : 'live.pushCoupon';
    if (!(await call(method, params, { onError: setRefusal }))) return;
    notify('success', t(running ? 'couponPush.stopped' : 'couponPush.pushed', { name }));
  }

  return (
    <li
      className={`coupon-push__row ${running ? 'is-running' : ''}`}
      data-testid="coupon-push-row"
      data-coupon-id={coupon.id}
      data-running={running}
    >
      <div className="coupon-push__text">
        <span className="coupon-push__name">{name}</span>
        <span className="coupon-push__terms">{describeCoupon(tr, coupon)}</span>
        {running ? <span className="badge badge--live">{t('couponPush.running')}</span> : null}
      </div>
      <div className="coupon-push__action">
        {reason ? (
          <span id={reasonId} className="coupon-push__reason muted">
            {reason}
          </span>
        ) : null}
        <Button
          size="small"
          variant={running ? 'danger' : 'primary'}
          disabled={busy || reason !== null}
          aria-describedby={reason ? reasonId : undefined}
          aria-label={t(running ? 'couponPush.stopNamed' : 'couponPush.pushNamed', { name })}
          onClick={() => void act()}
        >
          {t(running ? 'couponPush.stop' : 'couponPush.push')}
        </Button>
      </div>
      {refusal ? (
        <p className="coupon-push__refusal field__error" role="alert">
          {refusal}
        </p>
      ) : null}
    </li>
  );
}
