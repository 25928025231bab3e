// Create or edit one product in a side panel. Enter or Ctrl/Cmd+S saves; Esc closes (asking first when
// there are unsaved changes, so a stray Esc during a live show never throws work away).
import { useId, useState } from 'react';
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { AreaField, InputField } from '../../../ui/Field.tsx';
import { useWindowKeydown } from '../../../ui/keys.ts';
import { ConflictNotice } from './ConflictNotice.tsx';
import { ImageField } from './ImageField.tsx';
import { useProductForm } from './useProductForm.ts';

interface ProductEditorProps {
  product: Product | null;
  onClose(): void;
}

export function ProductEditor({ product, onClose }: ProductEditorProps) {
  const tr = useT();
  const { t } = tr;
  const form = useProductForm(product, onClose);
  const { values, issues, base } = form;
  const formId = useId();
  const [confirmingClose, setConfirmingClose] = useState(false);

  const problem = (field: keyof typeof issues) => {
    const issue = issues[field];
    return issue ? describeIssue(tr, issue) : undefined;
  };

  function requestClose(): void {
    if (form.dirty.size === 0 || confirmingClose) onClose();
    else setConfirmingClose(true);
  }

  useWindowKeydown((event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void form.save();
    }
  });

  const footer = (
    <>
      <span className="muted dialog__hint">{t('editor.saveHint')}</span>
      <Button onClick={requestClose}>{t('editor.cancel')}</Button>
      <Button variant="primary" type="submit" form={formId} disabled={form.saving}>
        {form.saving ? t('editor.saving') : t('editor.save')}
      </Button>
    </>
  );

  return (
    <Dialog
      title={base ? t('editor.edit') : t('editor.new')}
      variant="panel"
      onRequestClose={requestClose}
      closeLabel={t('common.close')}
      footer={footer}
    >
      {confirmingClose ? (
        <div className="callout callout--warning" role="alert">
          <p className="callout__title">{t('editor.dirtyClose')}</p>
          <div className="callout__actions">
            <Button size="small" variant="danger" onClick={onClose}>
              {t('editor.discard')}
            </Button>
            <Button size="small" onClick={() => setConfirmingClose(false)}>
              {t('editor.keepEditing')}
            </Button>
          </div>
        </div>
      ) : null}
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
      {form.notice ? (
        <p className="callout callout--info" role="status">
          {form.notice}
        </p>
      ) : null}
      {form.formError ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">{form.formError.text}</p>
          {form.formError.issues.length > 0 ? (
            <ul className="callout__list">
              {form.formError.issues.map((issue, i) => (
                <li key={i}>
                  {issue.path} · {describeIssue(tr, issue)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <form
        id={formId}
        className="product-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.save();
        }}
      >
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
      </form>
    </Dialog>
  );
}
