// Create or edit one product in a side panel; the frame (save keys, Esc asking first, notices) is the shared
// editor dialog's, the fields and the conflict notice that names what changed are the product's.
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { EditorDialog, type EditorDialogTexts } from '../../../ui/form/EditorDialog.tsx';
import { Button } from '../../../ui/Button.tsx';
import { AreaField, InputField } from '../../../ui/Field.tsx';
import { ConflictNotice } from './ConflictNotice.tsx';
import { ImageField } from './ImageField.tsx';
import { specsFromFlat } from './form.ts';
import { SpecTable } from './SpecTable.tsx';
import { useProductForm } from './useProductForm.ts';

const TEXTS: EditorDialogTexts = {
  edit: 'editor.edit',
  new: 'editor.new',
  saveHint: 'editor.saveHint',
  cancel: 'editor.cancel',
  save: 'editor.save',
  saving: 'editor.saving',
  dirtyClose: 'editor.dirtyClose',
  discard: 'editor.discard',
  keepEditing: 'editor.keepEditing',
};

interface ProductEditorProps {
  product: Product | null;
  onClose(): void;
}

export function ProductEditor({ product, onClose }: ProductEditorProps) {
  const tr = useT();
  const { t } = tr;
  const form = useProductForm(product, onClose);
  const { values, issues, base } = form;

  const problem = (field: keyof typeof issues) => {
    const issue = issues[field];
    return issue ? describeIssue(tr, issue) : undefined;
  };

  const conflict = (
    <>
      {form.conflict && base ? (
        <ConflictNotice
          kind="conflict"
          base={base}
          latest={form.conflict}
          onTakeLatest={() => form.takeLatest(form.conflict as Product)}
          onKeepMine={() => form.keepMine(form.conflict as Product)}
        />
      ) : null}
      {form.stale && base ? (
        <ConflictNotice
          kind="stale"
          base={base}
          latest={form.stale}
          onTakeLatest={() => form.takeLatest(form.stale as Product)}
          onKeepMine={() => form.keepMine(form.stale as Product)}
        />
      ) : null}
    </>
  );

  return (
    <EditorDialog form={form} texts={TEXTS} onClose={onClose} conflict={conflict} formClassName="product-form">
      {product?.shopProductId ? (
        <p className="callout" data-testid="shop-linked">
          {t('editor.shopLinked')}
        </p>
      ) : null}
      <InputField
        label={t('field.title')}
        name="title"
        value={values.title}
        error={problem('title')}
        maxLength={200}
        autoComplete="off"
        required
        data-autofocus
        onChange={(e) => form.setField('title', e.currentTarget.value)}
      />
      {values.specs.length > 0 ? (
        <SpecTable rows={values.specs} issues={issues} onChange={(rows) => form.setField('specs', rows)} />
      ) : (
        <>
          <div className="product-form__row">
            <InputField
              label={t('field.price')}
              name="price"
              value={values.price}
              error={problem('price')}
              inputMode="decimal"
              placeholder="99.00"
              autoComplete="off"
              required
              onChange={(e) => form.setField('price', e.currentTarget.value)}
            />
            <InputField
              label={t('field.original')}
              name="originalPrice"
              value={values.originalPrice}
              error={problem('originalPrice')}
              hint={t('field.originalHint')}
              inputMode="decimal"
              autoComplete="off"
              onChange={(e) => form.setField('originalPrice', e.currentTarget.value)}
            />
            <InputField
              label={t('field.stock')}
              name="stock"
              value={values.stock}
              error={problem('stock')}
              inputMode="numeric"
              autoComplete="off"
              required
              onChange={(e) => form.setField('stock', e.currentTarget.value)}
            />
          </div>
          <InputField
            label={t('field.sku')}
            name="sku"
            value={values.sku}
            error={problem('sku')}
            hint={t('field.skuHint')}
            maxLength={64}
            autoComplete="off"
            onChange={(e) => form.setField('sku', e.currentTarget.value)}
          />
          <Button variant="secondary" onClick={() => form.setField('specs', specsFromFlat(values, base ?? null))}>
            {t('specs.add')}
          </Button>
        </>
      )}
      <InputField
        label={t('field.link')}
        name="link"
        value={values.link}
        error={problem('link')}
        hint={t('field.linkHint')}
        maxLength={2000}
        autoComplete="off"
        onChange={(e) => form.setField('link', e.currentTarget.value)}
      />
      <AreaField
        label={t('field.sellingPoints')}
        name="sellingPoints"
        value={values.sellingPoints}
        error={problem('sellingPoints')}
        rows={4}
        maxLength={4000}
        onChange={(e) => form.setField('sellingPoints', e.currentTarget.value)}
      />
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
