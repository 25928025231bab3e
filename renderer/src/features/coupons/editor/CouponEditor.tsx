// Create or edit one coupon in a side panel. The kind decides which term fields show; the frame (save keys,
// Esc asking first, notices) is the shared editor dialog's.
import type { Coupon, CouponKind, CouponScope } from '../../../../../electron/core/protocol/contract.ts';
import { COUPON_KINDS, COUPON_SCOPES } from '../../../../../electron/core/protocol/choices.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { bindText } from '../../../ui/form/bind-text.ts';
import { EditorDialog } from '../../../ui/form/EditorDialog.tsx';
import { useVersionedForm } from '../../../ui/form/useVersionedForm.ts';
import { InputField } from '../../../ui/Field.tsx';
import { describeTerms } from '../describe.ts';
import { CouponChoice } from './CouponChoice.tsx';
import { COUPON_FORM } from './coupon-form.ts';
import { KIND_FIELDS, termsFromForm, type FieldName } from './form.ts';
import { ProductPicker } from './ProductPicker.tsx';

const KIND_LABEL: Record<CouponKind, MessageKey> = {
  threshold: 'couponEditor.kind.threshold',
  direct: 'couponEditor.kind.direct',
  percent: 'couponEditor.kind.percent',
};
const SCOPE_LABEL: Record<CouponScope, MessageKey> = {
  shop: 'couponEditor.scope.shop',
  products: 'couponEditor.scope.products',
};

interface CouponEditorProps {
  coupon: Coupon | null;
  onClose(): void;
}

export function CouponEditor({ coupon, onClose }: CouponEditorProps) {
  const tr = useT();
  const { t } = tr;
  const form = useVersionedForm(COUPON_FORM, coupon, onClose);
  const { values, issues } = form;

  const problem = (field: FieldName) => {
    const list = issues[field];
    return list && list.length > 0 ? list.map((issue) => describeIssue(tr, issue)).join('；') : undefined;
  };
  const text = bindText(values, problem, form.setField);
  const shows = (field: FieldName) => KIND_FIELDS[values.kind].includes(field);
  const terms = termsFromForm(values);
  const latest = form.conflict ?? form.stale;

  const money = (field: 'threshold' | 'off' | 'cap', label: MessageKey, hint?: MessageKey) => (
    <InputField
      label={t(label)}
      hint={hint ? t(hint) : undefined}
      inputMode="decimal"
      autoComplete="off"
      {...text(field)}
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
      texts={COUPON_FORM.texts}
      onClose={onClose}
      conflict={conflict}
      className="coupon-editor"
      formClassName="product-form coupon-form"
    >
      <InputField
        label={t('couponEditor.name')}
        hint={t('couponEditor.nameHint')}
        maxLength={40}
        autoComplete="off"
        required
        data-autofocus
        {...text('name')}
      />

      <CouponChoice
        legend="couponEditor.kind"
        name="kind"
        choices={COUPON_KINDS}
        labels={KIND_LABEL}
        value={values.kind}
        onChange={(kind) => form.setField('kind', kind)}
      />

      <div className="product-form__row coupon-form__terms">
        {shows('threshold') ? money('threshold', 'couponEditor.threshold', 'couponEditor.thresholdHint') : null}
        {shows('off') ? money('off', 'couponEditor.off') : null}
        {shows('rate') ? (
          <InputField
            label={t('couponEditor.rate')}
            hint={t('couponEditor.rateHint')}
            inputMode="decimal"
            placeholder="8.8"
            autoComplete="off"
            {...text('rate')}
          />
        ) : null}
        {shows('cap') ? money('cap', 'couponEditor.cap', 'couponEditor.capHint') : null}
      </div>
      {terms ? (
        <p className="coupon-form__preview" data-testid="coupon-preview" aria-live="polite">
          {t('couponEditor.preview', { terms: describeTerms(tr, terms) })}
        </p>
      ) : null}

      <CouponChoice
        legend="couponEditor.scope"
        name="scope"
        choices={COUPON_SCOPES}
        labels={SCOPE_LABEL}
        value={values.scope}
        onChange={(scope) => form.setField('scope', scope)}
      />
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
          hint={t('couponEditor.quantityHint')}
          inputMode="numeric"
          autoComplete="off"
          {...text('quantity')}
        />
        <InputField
          label={t('couponEditor.perBuyerLimit')}
          inputMode="numeric"
          autoComplete="off"
          {...text('perBuyerLimit')}
        />
      </div>
      <div className="product-form__row coupon-form__dates">
        <InputField label={t('couponEditor.validFrom')} type="datetime-local" {...text('validFrom')} />
        <InputField label={t('couponEditor.validUntil')} type="datetime-local" {...text('validUntil')} />
      </div>
    </EditorDialog>
  );
}
