// The editor's state machine: values, what the seller touched, issues, saving, and the conflict path.
// An update sends only the touched fields with the version they were based on; when someone else saved
// first the core answers `conflict` and the seller chooses: take the latest, or keep their edits on top of it.
import { useState } from 'react';
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { isCallError, studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { useCatalog } from '../../../stores/catalog.ts';
import { notify } from '../../../stores/notices.ts';
import {
  EMPTY_FORM,
  formFromProduct,
  issuesByField,
  parseForm,
  patchFrom,
  rebase,
  type FieldIssues,
  type FieldName,
  type FormValues,
} from './form.ts';

export function useProductForm(product: Product | null, onDone: () => void) {
  const tr = useT();
  const [base, setBase] = useState<Product | null>(product);
  const [values, setValues] = useState<FormValues>(product ? formFromProduct(product) : EMPTY_FORM);
  const [dirty, setDirty] = useState<ReadonlySet<FieldName>>(new Set());
  const [issues, setIssues] = useState<FieldIssues>({});
  const [formError, setFormError] = useState<{ text: string; issues: Issue[] } | null>(null);
  const [conflict, setConflict] = useState<Product | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // A save elsewhere reaches us as an event before we try to save: warn early, same choices as a conflict.
  const latest = useCatalog((s) => (base ? s.items.find((p) => p.id === base.id) : undefined));
  const stale = !saving && !conflict && base && latest && latest.version > base.version ? latest : null;

  function setField<F extends FieldName>(field: F, value: FormValues[F]): void {
    setValues((v) => ({ ...v, [field]: value }));
    setDirty((d) => new Set(d).add(field));
    setIssues((i) => ({ ...i, [field]: undefined }));
    setFormError(null);
    setNotice(null);
  }

  function setFieldIssue(field: FieldName, issue: Issue | undefined): void {
    setIssues((i) => ({ ...i, [field]: issue }));
  }

  function takeLatest(next: Product): void {
    setBase(next);
    setValues(formFromProduct(next));
    setDirty(new Set());
    setIssues({});
    setFormError(null);
    setConflict(null);
    setNotice(null);
  }

  function keepMine(next: Product): void {
    setValues(rebase(values, dirty, next));
    setBase(next);
    setConflict(null);
    setFormError(null);
    setNotice(tr.t('editor.reapplied'));
  }

  async function save(): Promise<void> {
    if (saving) return;
    const parsed = parseForm(values);
    if (parsed.issues) {
      setIssues(parsed.issues);
      setFormError({ text: tr.t('editor.fixFields'), issues: [] });
      return;
    }
    setSaving(true);
    setFormError(null);
    setNotice(null);
    try {
      let saved: Product;
      if (!base) {
        saved = await studio.call('catalog.create', { input: parsed.input });
        notify('success', tr.t('product.created', { title: saved.title }));
      } else {
        const patch = patchFrom(parsed.input, base);
        if (Object.keys(patch).length === 0) {
          notify('info', tr.t('editor.nothingChanged'));
          onDone();
          return;
        }
        saved = await studio.call('catalog.update', { id: base.id, expectedVersion: base.version, patch });
        notify('success', tr.t('product.saved', { title: saved.title }));
      }
      useCatalog.getState().applyProduct(saved);
      onDone();
    } catch (error) {
      if (isCallError(error, 'conflict') && error.current) {
        setConflict(error.current as Product);
        useCatalog.getState().applyProduct(error.current as Product);
      } else if (isCallError(error) && error.issues.length > 0) {
        const mapped = issuesByField(error.issues);
        setIssues(mapped.fields);
        setFormError({ text: describeError(tr, error), issues: mapped.other });
      } else {
        setFormError({ text: describeError(tr, error), issues: [] });
      }
    } finally {
      setSaving(false);
    }
  }

  return {
    base,
    values,
    dirty,
    issues,
    formError,
    conflict,
    stale,
    saving,
    notice,
    setField,
    setFieldIssue,
    takeLatest,
    keepMine,
    save,
  };
}

export type ProductForm = ReturnType<typeof useProductForm>;
