// Create or edit one coupon in a side panel. The kind decides which term fields show; the frame (save keys,
// Esc asking first, notices) is the shared editor dialog's.
import type { Coupon, CouponKind, CouponScope } from '../../../../../electron/core/protocol/contract.ts';
import { COUPON_KINDS, COUPON_SCOPES } from '../../../../../electron/core/protocol/choices.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { EditorDialog, type EditorDialogTexts } from '../../../ui/form/EditorDialog.tsx';
import { InputField } from '../../../ui/Field.tsx';
import { describeTerms } from '../describe.ts';
import { KIND_FIELDS, termsFromForm, type FieldName } from './form.ts';
import { ProductPicker } from './ProductPicker.tsx';
import { useCouponForm } from './useCouponForm.ts';

const KIND_LABEL: Record<CouponKind, MessageKey> = {
  threshold: 'couponEditor.kind.threshold',
  direct: 'couponEditor.kind.direct',
  percent: 'couponEditor.kind.percent',
};
const SCOPE_LABEL: Record<CouponScope, MessageKey> = {
  shop: 'couponEditor.scope.shop',
  products: 'couponEditor.scope.products',
};
const TEXTS: EditorDialogTexts = {
  edit: 'couponEditor.edit',
  new: 'couponEditor.new',
  saveHint: 'couponEditor.saveHint',
  cancel: 'couponEditor.cancel',
  save: 'couponEditor.save',
  saving: 'couponEditor.saving',
  dirtyClose: 'couponEditor.dirtyClose',
  discard: 'couponEditor.discard',
  keepEditing: 'couponEditor.keepEditing',
};

interface CouponEditorProps {
  coupon: Coupon | null;
  onClose(): void;
}

export function CouponEditor({ coupon, onClose }: CouponEditorProps) {
  const tr = useT();
  const { t } = tr;
  const form = useCouponForm(coupon, onClose);
  const { values, issues } = form;

  const problem = (field: FieldName) => {
    const list = issues[field];
    return list && list.length > 0 ? list.map((issue) => describeIssue(tr, issue)).join('；') : undefined;
  };
  const shows = (field: FieldName) => KIND_FIELDS[values.kind].includes(field);
  const terms = termsFromForm(values);
  const latest = form.conflict ?? form.stale;

  const money = (field: 'threshold' | 'off' | 'cap', label: MessageKey, hint?: MessageKey) => (
    <InputField
      label={t(label)}
      name={field}
      value={values[field]}
      error={problem(field)}
      hint={hint ? t(hint) : undefined}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => form.setField(field, e.currentTarget.value)}
    />
  );

  const conflict = latest ? (
    <div className="callout callout--warning" role="alert" data-testid="coupon-conflict">
      <p className="callout__title">{t('coupons.conflict')}</p>
      <div className="callout__actions">
        <Button size="small" onClick={() => form.takeLatest(latest)}>
          {t('couponEditor.takeLatest')}
        </Button>
        <Button size="small" onClick={() => form.keepMine(latest)}>
          {t('couponEditor.keepMine')}
        </Button>
      </div>
    </div>
  ) : null;

  return (
    <EditorDialog
      form={form}
      texts={TEXTS}
      onClose={onClose}
      conflict={conflict}
      className="coupon-editor"
      formClassName="product-form coupon-form"
    >
      <InputField
        label={t('couponEditor.name')}
        name="name"
        value={values.name}
        error={problem('name')}
        hint={t('couponEditor.nameHint')}
        maxLength={40}
        autoComplete="off"
        required
        data-autofocus
        onChange={(e) => form.setField('name', e.currentTarget.value)}
      />

      <fieldset className="coupon-choice">
        <legend className="field__label">{t('couponEditor.kind')}</legend>
        {COUPON_KINDS.map((kind) => (
          <label key={kind} className="coupon-choice__option">
            <input
              type="radio"
              name="kind"
              value={kind}
              checked={values.kind === kind}
              onChange={() => form.setField('kind', kind)}
            />
            <span>{t(KIND_LABEL[kind])}</span>
          </label>
        ))}
      </fieldset>

      <div className="product-form__row coupon-form__terms">
        {shows('threshold') ? money('threshold', 'couponEditor.threshold', 'couponEditor.thresholdHint') : null}
        {shows('off') ? money('off', 'couponEditor.off') : null}
        {shows('rate') ? (
          <InputField
            label={t('couponEditor.rate')}
            name="rate"
            value={values.rate}
            error={problem('rate')}
            hint={t('couponEditor.rateHint')}
            inputMode="decimal"
            placeholder="8.8"
            autoComplete="off"
            onChange={(e) => form.setField('rate', e.currentTarget.value)}
          />
        ) : null}
        {shows('cap') ? money('cap', 'couponEditor.cap', 'couponEditor.capHint') : null}
      </div>
      {terms ? (
        <p className="coupon-form__preview" data-testid="coupon-preview" aria-live="polite">
          {t('couponEditor.preview', { terms: describeTerms(tr, terms) })}
        </p>
      ) : null}

      <fieldset className="coupon-choice">
        <legend className="field__label">{t('couponEditor.scope')}</legend>
        {COUPON_SCOPES.map((scope) => (
          <label key={scope} className="coupon-choice__option">
            <input
              type="radio"
              name="scope"
              value={scope}
              checked={values.scope === scope}
              onChange={() => form.setField('scope', scope)}
            />
            <span>{t(SCOPE_LABEL[scope])}</span>
          </label>
        ))}
      </fieldset>
      {values.scope === 'products' ? (
        <ProductPicker
          selected={values.productIds}
          onChange={(ids) => form.setField('productIds', ids)}
          error={problem('productIds')}
        />
      ) : null}

      <div className="product-form__row">
        <InputField
          label={t('couponEditor.quantity')}
          name="quantity"
          value={values.quantity}
          error={problem('quantity')}
          hint={t('couponEditor.quantityHint')}
          inputMode="numeric"
          autoComplete="off"
          onChange={(e) => form.setField('quantity', e.currentTarget.value)}
        />
        <InputField
          label={t('couponEditor.perBuyerLimit')}
          name="perBuyerLimit"
          value={values.perBuyerLimit}
          error={problem('perBuyerLimit')}
          inputMode="numeric"
          autoComplete="off"
          onChange={(e) => form.setField('perBuyerLimit', e.currentTarget.value)}
        />
      </div>
      <div className="product-form__row coupon-form__dates">
        <InputField
          label={t('couponEditor.validFrom')}
          name="validFrom"
          type="datetime-local"
          value={values.validFrom}
          error={problem('validFrom')}
          onChange={(e) => form.setField('validFrom', e.currentTarget.value)}
        />
        <InputField
          label={t('couponEditor.validUntil')}
          name="validUntil"
          type="datetime-local"
          value={values.validUntil}
          error={problem('validUntil')}
          onChange={(e) => form.setField('validUntil', e.currentTarget.value)}
        />
      </div>
    </EditorDialog>
  );
}
