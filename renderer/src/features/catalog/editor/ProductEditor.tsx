// Create or edit one product in a side panel; the frame (save keys, Esc asking first, notices) is the shared
// editor dialog's, the fields and the conflict notice that names what changed are the product's.
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { bindText } from '../../../ui/form/bind-text.ts';
import { EditorDialog } from '../../../ui/form/EditorDialog.tsx';
import { useVersionedForm } from '../../../ui/form/useVersionedForm.ts';
import { Button } from '../../../ui/Button.tsx';
import { AreaField, InputField } from '../../../ui/Field.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { ImageField } from './ImageField.tsx';
import { specsFromFlat } from './form.ts';
import { PRODUCT_FORM } from './product-form.ts';
import { SpecTable } from './SpecTable.tsx';

interface ProductEditorProps {
  product: Product | null;
  onClose(): void;
}

export function ProductEditor({ product, onClose }: ProductEditorProps) {
  const tr = useT();
  const { t } = tr;
  const form = useVersionedForm(PRODUCT_FORM, product, onClose);
  const { values, issues, base } = form;

  const problem = (field: keyof typeof issues) => {
    const issue = issues[field];
    return issue ? describeIssue(tr, issue) : undefined;
  };
  const text = bindText(values, problem, form.setField);

  // A refused save (`conflict`) or a newer version seen before saving (`stale`): one notice with the same two
  // choices, mounted anew when its kind changes so that a conflict is announced as an alert.
  const latest = form.conflict ?? form.stale;
  const kind = form.conflict ? 'conflict' : 'stale';
  const conflict =
    latest && base ? (
      <ConflictNotice
        key={kind}
        kind={kind}
        base={base}
        latest={latest}
        onTakeLatest={() => form.takeLatest(latest)}
        onKeepMine={() => form.keepMine(latest)}
      />
    ) : null;

  return (
    <EditorDialog
      form={form}
      texts={PRODUCT_FORM.texts}
      onClose={onClose}
      conflict={conflict}
      formClassName="product-form"
    >
      {product?.shopProductId ? (
        <p className="callout" data-testid="shop-linked">
          {t('editor.shopLinked')}
        </p>
      ) : null}
      <InputField
        label={t('field.title')}
        maxLength={200}
        autoComplete="off"
        required
        data-autofocus
        {...text('title')}
      />
      {values.specs.length > 0 ? (
        <SpecTable rows={values.specs} issues={issues} onChange={(rows) => form.setField('specs', rows)} />
      ) : (
        <>
          <div className="product-form__row">
            <InputField
              label={t('field.price')}
              inputMode="decimal"
              placeholder="99.00"
              autoComplete="off"
              required
              {...text('price')}
            />
            <InputField
              label={t('field.original')}
              hint={t('field.originalHint')}
              inputMode="decimal"
              autoComplete="off"
              {...text('originalPrice')}
            />
            <InputField label={t('field.stock')} inputMode="numeric" autoComplete="off" required {...text('stock')} />
          </div>
          <InputField
            label={t('field.sku')}
            hint={t('field.skuHint')}
            maxLength={64}
            autoComplete="off"
            {...text('sku')}
          />
          <Button variant="secondary" onClick={() => form.setField('specs', specsFromFlat(values, base ?? null))}>
            {t('specs.add')}
          </Button>
        </>
      )}
      <InputField
        label={t('field.link')}
        hint={t('field.linkHint')}
        maxLength={2000}
        autoComplete="off"
        {...text('link')}
      />
      <AreaField label={t('field.sellingPoints')} rows={4} maxLength={4000} {...text('sellingPoints')} />
      <ImageField
        imageId={values.imageId}
        title={values.title}
        issue={issues.imageId}
        onChange={(imageId) => form.setField('imageId', imageId)}
        onIssue={(issue) => form.setFieldIssue('imageId', issue)}
      />
    </EditorDialog>
  );
}
