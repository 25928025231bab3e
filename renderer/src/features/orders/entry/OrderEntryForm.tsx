// 快速录单's form, built for the keyboard: link number → buyer → quantity, Enter places the order from any field
// (never while an input method is still composing a Chinese nickname), Esc leaves the form so the console's
// single-key shortcuts work again. Phone, address and note wait behind "more".
import { useCallback, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { SessionDetail } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { ORDER_LIMITS } from '../../../../../electron/core/protocol/limits.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { InputField } from '../../../ui/Field.tsx';
import { bindText } from '../../../ui/form/bind-text.ts';
import { CouponSelect } from './CouponSelect.tsx';
import { EntryProductLine } from './EntryProductLine.tsx';
import { QuoteSummary } from './QuoteSummary.tsx';
import { useOrderEntry, type FieldName } from './useOrderEntry.ts';

export interface OrderEntryHandle {
  /** The console's O key: start typing an order (for `linkNo` when digits were typed before it). */
  focus(linkNo: number | null): void;
}

interface OrderEntryFormProps {
  detail: SessionDetail;
  ref?: Ref<OrderEntryHandle>;
}

const selectAll = (e: { currentTarget: HTMLInputElement }) => e.currentTarget.select();

export function OrderEntryForm({ detail, ref }: OrderEntryFormProps) {
  const { t } = useT();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [more, setMore] = useState(false);
  const focusField = useCallback((name: FieldName) => {
    const field = formRef.current?.elements.namedItem(name);
    if (field instanceof HTMLElement) field.focus();
  }, []);
  const entry = useOrderEntry(detail, focusField);
  const { draft, update, errors, busy } = entry;
  const live = detail.session.state === 'live';
  const text = bindText(
    draft,
    (field) => errors[field],
    (field, value) => update({ [field]: value }),
  );
  // What waits behind "more": free text the core keeps as typed, within its limits.
  const moreText = (field: 'phone' | 'address' | 'note') => ({
    ...text(field),
    autoComplete: 'off',
    maxLength: ORDER_LIMITS[field],
    readOnly: busy,
  });

  useImperativeHandle(ref, () => ({
    focus(linkNo) {
      if (linkNo !== null) update({ link: String(linkNo) });
      focusField(linkNo !== null ? 'buyer' : entry.firstField());
    },
  }));

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      target.blur();
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      void entry.submit();
    }
  }

  return (
    <form
      ref={formRef}
      className="order-entry__form"
      noValidate
      aria-describedby={`${id}-hint`}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void entry.submit();
      }}
    >
      <div className="order-entry__row order-entry__row--main">
        <div className={`field order-entry__link ${errors.link ? 'field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-link`}>
            {t('orderEntry.link')}
          </label>
          <input
            id={`${id}-link`}
            name="link"
            className="field__input"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            placeholder={t(live ? 'orderEntry.linkPlaceholder' : 'orderEntry.linkPlaceholderLate')}
            value={draft.link}
            readOnly={busy}
            aria-invalid={errors.link ? true : undefined}
            aria-describedby={`${id}-product`}
            onFocus={selectAll}
            onChange={(e) => update({ link: e.currentTarget.value })}
          />
        </div>
        {entry.skus.length > 0 ? (
          <div className={`field order-entry__sku ${errors.sku ? 'field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-sku`}>
              {t('orderEntry.sku')}
            </label>
            <select
              id={`${id}-sku`}
              name="sku"
              className="field__input"
              value={draft.sku}
              disabled={busy}
              aria-invalid={errors.sku ? true : undefined}
              aria-describedby={errors.sku ? `${id}-sku-error` : undefined}
              onChange={(e) => update({ sku: e.currentTarget.value })}
            >
              <option value="">{t('orderEntry.skuPick')}</option>
              {entry.skus.map((s) => (
                <option key={s.id} value={String(s.id)} disabled={s.stock === 0}>
                  {t('orderEntry.skuOption', { spec: s.spec, price: displayFen(s.priceFen), stock: s.stock })}
                </option>
              ))}
            </select>
            {errors.sku ? (
              <p id={`${id}-sku-error`} className="field__error">
                {errors.sku}
              </p>
            ) : null}
          </div>
        ) : null}
        <InputField
          className="order-entry__buyer"
          label={t('orderEntry.buyer')}
          maxLength={ORDER_LIMITS.buyer}
          autoComplete="off"
          readOnly={busy}
          {...text('buyer')}
        />
        <InputField
          className="order-entry__quantity"
          label={t('orderEntry.quantity')}
          type="number"
          inputMode="numeric"
          min={1}
          max={ORDER_LIMITS.quantity}
          step={1}
          readOnly={busy}
          onFocus={selectAll}
          {...text('quantity')}
        />
      </div>
      <EntryProductLine
        id={`${id}-product`}
        product={entry.product}
        sku={entry.sku}
        error={errors.link}
        hint={t(live ? 'orderEntry.nothingExplaining' : 'orderEntry.linkRequired')}
      />
      <CouponSelect
        value={draft.coupon}
        quote={entry.quote.quote}
        error={errors.coupon}
        onChange={(coupon) => update({ coupon })}
      />
      <Button
        size="small"
        variant="ghost"
        className="order-entry__more-toggle"
        aria-expanded={more}
        aria-controls={`${id}-more`}
        onClick={() => setMore((open) => !open)}
      >
        <span aria-hidden="true">{more ? '▾' : '▸'}</span> {t('orderEntry.more')}
      </Button>
      <div id={`${id}-more`} className="order-entry__more" hidden={!more}>
        <InputField label={t('orderEntry.phone')} type="tel" {...moreText('phone')} />
        <InputField label={t('orderEntry.address')} {...moreText('address')} />
        <InputField label={t('orderEntry.note')} {...moreText('note')} />
      </div>
      {entry.failure ? (
        <div className="callout callout--danger order-entry__failure" role="alert" data-testid="order-entry-error">
          {entry.failure}
        </div>
      ) : null}
      <div className="order-entry__actions">
        <QuoteSummary view={entry.quote} ready={entry.product.ok && entry.quantity !== null} />
        <Button
          type="submit"
          variant="primary"
          className="order-entry__submit"
          aria-disabled={busy || undefined}
          aria-keyshortcuts="Enter"
        >
          {t(busy ? 'orderEntry.submitting' : 'orderEntry.submit')}
        </Button>
      </div>
      <p id={`${id}-hint`} className="order-entry__hint muted">
        {t('orderEntry.hint')}
      </p>
    </form>
  );
}
