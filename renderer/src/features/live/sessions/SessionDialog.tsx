// Create or edit a session: title, when it starts, cover, notes for the announcement, and the promo link the
// poster's QR code opens. A new session opens in the console right away (the bag is the next thing to do).
import { useId, useState } from 'react';
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import type { Session } from '../../../../../electron/core/protocol/contract.ts';
import { isCallError } from '../../../api/index.ts';
import { describeIssue } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { notify } from '../../../stores/notices.ts';
import { useRoute } from '../../../stores/route.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { AreaField, InputField } from '../../../ui/Field.tsx';
import { useCall } from '../../../ui/useCall.ts';
import { ImageField } from '../../catalog/editor/ImageField.tsx';
import {
  formFromSession,
  issuesByField,
  parseSessionForm,
  sessionPatch,
  type SessionField,
  type SessionFormValues,
} from './session-form.ts';

interface SessionDialogProps {
  session: Session | null;
  onClose(): void;
}

export function SessionDialog({ session, onClose }: SessionDialogProps) {
  const tr = useT();
  const { t } = tr;
  const formId = useId();
  const [base, setBase] = useState(session);
  const [values, setValues] = useState<SessionFormValues>(() => formFromSession(session));
  const [issues, setIssues] = useState<Partial<Record<SessionField, Issue>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Session | null>(null);

  function setField<F extends SessionField>(field: F, value: SessionFormValues[F]): void {
    setValues((v) => ({ ...v, [field]: value }));
    setIssues((i) => ({ ...i, [field]: undefined }));
    setFormError(null);
  }

  const problem = (field: SessionField) => {
    const issue = issues[field];
    return issue ? describeIssue(tr, issue) : undefined;
  };

  /** The core's refusal: someone saved first, or where the form is wrong (by field, the rest on the form's line). */
  function refused(message: string, error: unknown): void {
    if (isCallError(error, 'conflict') && error.current) {
      setConflict(error.current as Session);
    } else if (isCallError(error) && error.issues.length > 0) {
      const mapped = issuesByField(error.issues);
      setIssues(mapped.fields);
      setFormError(mapped.other.length > 0 ? mapped.other.map((i) => describeIssue(tr, i)).join('；') : message);
    } else {
      setFormError(message);
    }
  }
  const { call, busy: saving } = useCall({ onError: refused });

  async function save(): Promise<void> {
    if (saving) return;
    const parsed = parseSessionForm(values);
    if (!parsed.input) {
      setIssues(parsed.issues);
      return;
    }
    setFormError(null);
    if (!base) {
      const created = await call('live.createSession', { input: parsed.input });
      if (!created) return;
      notify('success', t('live.created', { title: created.title }));
      onClose();
      useRoute.getState().go('live', String(created.id));
      return;
    }
    const patch = sessionPatch(parsed.input, base);
    if (Object.keys(patch).length > 0) {
      const saved = await call('live.updateSession', { id: base.id, expectedVersion: base.version, patch });
      if (!saved) return;
      notify('success', t('live.saved', { title: saved.title }));
    }
    onClose();
  }

  /** Someone else saved first: start again from theirs (a session has few fields; retyping is cheap). */
  function takeLatest(latest: Session): void {
    setBase(latest);
    setValues(formFromSession(latest));
    setIssues({});
    setConflict(null);
  }

  return (
    <Dialog
      title={base ? t('live.editSession') : t('live.newSession')}
      variant="panel"
      onRequestClose={onClose}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('live.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} disabled={saving}>
            {saving ? t('live.saving') : t('live.save')}
          </Button>
        </>
      }
    >
      {conflict ? (
        <div className="callout callout--danger" role="alert">
          <p className="callout__title">{t('live.sessionConflict')}</p>
          <div className="callout__actions">
            <Button size="small" onClick={() => takeLatest(conflict)}>
              {t('live.takeLatest')}
            </Button>
          </div>
        </div>
      ) : null}
      {formError ? (
        <p className="callout callout--danger" role="alert">
          {formError}
        </p>
      ) : null}
      <form
        id={formId}
        className="session-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <InputField
          label={t('live.field.title')}
          name="title"
          value={values.title}
          error={problem('title')}
          maxLength={100}
          autoComplete="off"
          required
          data-autofocus
          onChange={(e) => setField('title', e.currentTarget.value)}
        />
        <InputField
          label={t('live.field.plannedAt')}
          name="plannedAt"
          type="datetime-local"
          value={values.plannedAt}
          error={problem('plannedAt')}
          hint={t('live.field.plannedAtHint')}
          onChange={(e) => setField('plannedAt', e.currentTarget.value)}
        />
        <ImageField
          label={t('live.field.cover')}
          alt={t('live.coverAlt', { title: values.title || t('live.untitled') })}
          imageId={values.coverImageId}
          title={values.title}
          issue={issues.coverImageId}
          onChange={(imageId) => setField('coverImageId', imageId)}
          onIssue={(issue) => setIssues((i) => ({ ...i, coverImageId: issue }))}
        />
        <AreaField
          label={t('live.field.notes')}
          name="notes"
          value={values.notes}
          error={problem('notes')}
          hint={t('live.field.notesHint')}
          rows={4}
          maxLength={2000}
          onChange={(e) => setField('notes', e.currentTarget.value)}
        />
        <InputField
          label={t('live.field.promoLink')}
          name="promoLink"
          type="url"
          inputMode="url"
          value={values.promoLink}
          error={problem('promoLink')}
          hint={t('live.field.promoLinkHint')}
          maxLength={2000}
          autoComplete="off"
          placeholder="https://"
          onChange={(e) => setField('promoLink', e.currentTarget.value)}
        />
      </form>
    </Dialog>
  );
}
