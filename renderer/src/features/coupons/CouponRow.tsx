// One coupon in the list. The name opens the editor; archive/restore act at once (both are reversible).
import { memo } from 'react';
import type { Coupon } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { couponStatus, describeCoupon, describeScope, describeStatus, describeValidity } from './describe.ts';

interface CouponRowProps {
  coupon: Coupon;
  now: number;
  busy: boolean;
  onEdit(coupon: Coupon): void;
  onArchive(coupon: Coupon): void;
  onRestore(coupon: Coupon): void;
}

export const CouponRow = memo(function CouponRow({ coupon, now, busy, onEdit, onArchive, onRestore }: CouponRowProps) {
  const tr = useT();
  const { t } = tr;
  const status = couponStatus(coupon, now);
  const name = coupon.name;
  return (
    <tr className={coupon.archived ? 'is-archived' : undefined} data-coupon-id={coupon.id}>
      <td className="col-name">
        <button
          type="button"
          className="link-button"
          onClick={() => onEdit(coupon)}
          aria-label={t('coupons.editNamed', { name })}
        >
          {name}
        </button>
      </td>
      <td className="col-terms">{describeCoupon(tr, coupon)}</td>
      <td className="col-scope">{describeScope(tr, coupon)}</td>
      <td className="col-validity">{describeValidity(tr, coupon)}</td>
      <td className="col-claimed num">
        {t('coupons.claimed', {
          claimed: coupon.claimed,
          quantity: coupon.quantity === null ? t('coupons.unlimited') : coupon.quantity,
        })}
      </td>
      <td className="col-status">
        <span className={`badge badge--coupon-${status}`} data-status={status}>
          {describeStatus(tr, status)}
        </span>
      </td>
      <td className="col-actions">
        {coupon.archived ? (
          <Button
            size="small"
            disabled={busy}
            onClick={() => onRestore(coupon)}
            aria-label={t('coupons.restoreNamed', { name })}
          >
            {t('coupons.restore')}
          </Button>
        ) : (
          <Button
            size="small"
            variant="ghost"
            disabled={busy}
            onClick={() => onArchive(coupon)}
            aria-label={t('coupons.archiveNamed', { name })}
          >
            {t('coupons.archive')}
          </Button>
        )}
      </td>
    </tr>
  );
});
