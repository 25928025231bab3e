// The coupon editor's state: the shared versioned-form machine (the same conflict choices as the product
// editor: take the latest, or keep my edits on top of it) fed with the coupon's form translation and calls.
import type { Coupon, CouponInput } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { useCoupons } from '../../../stores/coupons.ts';
import { useVersionedForm, type VersionedFormSpec } from '../../../ui/form/useVersionedForm.ts';
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

function useLatestCoupon(id: number | undefined): Coupon | undefined {
  return useCoupons((s) => (id === undefined ? undefined : s.all.find((c) => c.id === id)));
}

const COUPON_FORM: VersionedFormSpec<Coupon, CouponFormValues, FieldName, CouponInput, FieldIssues> = {
  // A function, not a constant: a new coupon is valid from the moment its editor opens.
  emptyForm: () => emptyForm(),
  formFrom: formFromCoupon,
  parseForm,
  patchFrom,
  rebase,
  issuesByField,
  useLatest: useLatestCoupon,
  apply: (coupon) => useCoupons.getState().apply(coupon),
  create: (input) => studio.call('coupons.create', { input }),
  update: (base, patch) => studio.call('coupons.update', { id: base.id, expectedVersion: base.version, patch }),
  texts: {
    reapplied: 'couponEditor.reapplied',
    fixFields: 'couponEditor.fixFields',
    nothingChanged: 'couponEditor.nothingChanged',
    created: (t, saved) => t('coupons.created', { name: saved.name }),
    saved: (t, saved) => t('coupons.saved', { name: saved.name }),
  },
};

export function useCouponForm(coupon: Coupon | null, onDone: () => void) {
  return useVersionedForm(COUPON_FORM, coupon, onDone);
}

export type CouponForm = ReturnType<typeof useCouponForm>;
