// Which coupon: "best" (the default: the core picks the pushed coupon that takes the most off, and the label says
// which it picked), none, or one of the coupons running in this show with what it takes off — or why it can't.
import { useId } from 'react';
import type { CouponChoice, Quote } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { useT } from '../../../i18n/index.ts';
import { useCoupons } from '../../../stores/coupons.ts';

interface CouponSelectProps {
  value: CouponChoice;
  quote: Quote | null;
  error: string | undefined;
  onChange(value: CouponChoice): void;
}

export function CouponSelect({ value, quote, error, onChange }: CouponSelectProps) {
  const tr = useT();
  const { t } = tr;
  const id = useId();
  const coupons = useCoupons((s) => s.all);
  const options = quote?.coupons ?? [];
  const picked = quote && quote.couponId !== null ? options.find((c) => c.couponId === quote.couponId) : undefined;
  const best = !quote
    ? t('orderEntry.couponBest')
    : picked
      ? t('orderEntry.couponBestPicked', { name: picked.name, discount: displayFen(picked.discountFen) })
      : t('orderEntry.couponBestNone');
  // A coupon chosen on purpose whose push stopped meanwhile stays listed, so the choice is never silently lost.
  const stopped =
    typeof value === 'number' && !options.some((c) => c.couponId === value)
      ? (coupons.find((c) => c.id === value)?.name ?? `#${value}`)
      : null;

  return (
    <div className={`field order-entry__coupon ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {t('orderEntry.coupon')}
      </label>
      <select
        id={id}
        name="coupon"
        className="field__input"
        value={String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid="order-entry-coupon"
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange(v === 'best' || v === 'none' ? v : Number(v));
        }}
      >
        <option value="best">{best}</option>
        <option value="none">{t('orderEntry.couponNone')}</option>
        {options.map((c) => (
          <option key={c.couponId} value={String(c.couponId)}>
            {c.refusal
              ? t('orderEntry.couponRefused', { name: c.name, reason: tr.msg(c.refusal) })
              : t('orderEntry.couponOption', { name: c.name, discount: displayFen(c.discountFen) })}
          </option>
        ))}
        {stopped !== null ? (
          <option value={String(value)}>{t('orderEntry.couponStopped', { name: stopped })}</option>
        ) : null}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
