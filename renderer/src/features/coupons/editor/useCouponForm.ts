// The coupon editor's state: values, what the seller touched, issues, saving, and the conflict path (the same
// choices as the product editor: take the latest, or keep my edits on top of it).
import { useState } from 'react';
import type { Coupon } from '../../../../../electron/core/protocol/contract.ts';
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import { isCallError, studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { useCoupons } from '../../../stores/coupons.ts';
import { notify } from '../../../stores/notices.ts';
import {
  emptyForm,
  formFromCoupon,
  issuesByField,
  parseForm,
  patchFrom,
  rebase,
  type CouponFormValues,
  type FieldIssues,
  type FieldName,
} from './form.ts';

export function useCouponForm(coupon: Coupon | null, onDone: () => void) {
  const tr = useT();
  const [base, setBase] = useState<Coupon | null>(coupon);
  const [values, setValues] = useState<CouponFormValues>(() => (coupon ? formFromCoupon(coupon) : emptyForm()));
  const [dirty, setDirty] = useState<ReadonlySet<FieldName>>(new Set());
  const [issues, setIssues] = useState<FieldIssues>({});
  const [formError, setFormError] = useState<{ text: string; issues: Issue[] } | null>(null);
  const [conflict, setConflict] = useState<Coupon | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // Someone else's save reaches us as an event before we save: offer the same choices as a conflict, early.
  const latest = useCoupons((s) => (base ? s.all.find((c) => c.id === base.id) : undefined));
  const stale = !saving && !conflict && base && latest && latest.version > base.version ? latest : null;

  function setField<F extends FieldName>(field: F, value: CouponFormValues[F]): void {
    setValues((v) => ({ ...v, [field]: value }));
    setDirty((d) => new Set(d).add(field));
    setIssues((i) => ({ ...i, [field]: undefined }));
    setFormError(null);
    setNotice(null);
  }

  function takeLatest(next: Coupon): void {
    setBase(next);
    setValues(formFromCoupon(next));
    setDirty(new Set());
    setIssues({});
    setFormError(null);
    setConflict(null);
    setNotice(null);
  }

  function keepMine(next: Coupon): void {
    setValues(rebase(values, dirty, next));
    setBase(next);
    setConflict(null);
    setFormError(null);
    setNotice(tr.t('couponEditor.reapplied'));
  }

  async function save(): Promise<void> {
    if (saving) return;
    const parsed = parseForm(values);
    if (parsed.issues) {
      setIssues(parsed.issues);
      setFormError({ text: tr.t('couponEditor.fixFields'), issues: [] });
      return;
    }
    setSaving(true);
    setFormError(null);
    setNotice(null);
    try {
      let saved: Coupon;
      if (!base) {
        saved = await studio.call('coupons.create', { input: parsed.input });
        notify('success', tr.t('coupons.created', { name: saved.name }));
      } else {
        const patch = patchFrom(parsed.input, values, base);
        if (Object.keys(patch).length === 0) {
          notify('info', tr.t('couponEditor.nothingChanged'));
          onDone();
          return;
        }
        saved = await studio.call('coupons.update', { id: base.id, expectedVersion: base.version, patch });
        notify('success', tr.t('coupons.saved', { name: saved.name }));
      }
      useCoupons.getState().apply(saved);
      onDone();
    } catch (error) {
      if (isCallError(error, 'conflict') && error.current) {
        const current = error.current as Coupon;
        setConflict(current);
        useCoupons.getState().apply(current);
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
    takeLatest,
    keepMine,
    save,
  };
}

export type CouponForm = ReturnType<typeof useCouponForm>;
