// The side panel around a versioned form: title, the notices above the fields, the save/cancel footer.
// Enter or Ctrl/Cmd+S saves; Esc closes, asking first when there are unsaved changes, so a stray Esc during
// a live show never throws work away. The editor brings its fields, its texts and its conflict notice.
import { useId, useState, type ReactNode } from 'react';
import { describeIssue } from '../../i18n/describe.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { Button } from '../Button.tsx';
import { Dialog } from '../Dialog.tsx';
import { useWindowKeydown } from '../keys.ts';
import type { FormError } from './useVersionedForm.ts';

export interface EditorDialogTexts {
  edit: MessageKey;
  new: MessageKey;
  saveHint: MessageKey;
  cancel: MessageKey;
  save: MessageKey;
  saving: MessageKey;
  dirtyClose: MessageKey;
  discard: MessageKey;
  keepEditing: MessageKey;
}

/** The part of a `useVersionedForm` result the frame reads. */
interface EditorFormState {
  base: unknown;
  dirty: ReadonlySet<unknown>;
  saving: boolean;
  notice: string | null;
  formError: FormError | null;
  save(): Promise<void>;
}

interface EditorDialogProps {
  form: EditorFormState;
  texts: EditorDialogTexts;
  onClose(): void;
  /** Shown above the notice and error: the editor's own way of saying someone else saved first. */
  conflict: ReactNode;
  className?: string;
  formClassName: string;
  /** The fields. */
  children: ReactNode;
}

export function EditorDialog({
  form,
  texts,
  onClose,
  conflict,
  className,
  formClassName,
  children,
}: EditorDialogProps) {
  const tr = useT();
  const { t } = tr;
  const formId = useId();
  const [confirmingClose, setConfirmingClose] = useState(false);

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
      <span className="muted dialog__hint">{t(texts.saveHint)}</span>
      <Button onClick={requestClose}>{t(texts.cancel)}</Button>
      <Button variant="primary" type="submit" form={formId} disabled={form.saving}>
        {form.saving ? t(texts.saving) : t(texts.save)}
      </Button>
    </>
  );

  return (
    <Dialog
      title={form.base ? t(texts.edit) : t(texts.new)}
      variant="panel"
      onRequestClose={requestClose}
      closeLabel={t('common.close')}
      footer={footer}
      className={className}
    >
      {confirmingClose ? (
        <div className="callout callout--warning" role="alert">
          <p className="callout__title">{t(texts.dirtyClose)}</p>
          <div className="callout__actions">
            <Button size="small" variant="danger" onClick={onClose}>
              {t(texts.discard)}
            </Button>
            <Button size="small" onClick={() => setConfirmingClose(false)}>
              {t(texts.keepEditing)}
            </Button>
          </div>
        </div>
      ) : null}
      {conflict}
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
        className={formClassName}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.save();
        }}
      >
        {children}
      </form>
    </Dialog>
  );
}
