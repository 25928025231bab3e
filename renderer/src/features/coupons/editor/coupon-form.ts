// The coupon editor's form: the shared versioned-form machine (the same conflict choices as the product editor:
// take the latest, or keep my edits on top of it) fed with the coupon form's rules (form.ts), store and calls.
import type { Coupon, CouponInput } from '../../../../../electron/core/protocol/contract.ts';
import { useCoupons } from '../../../stores/coupons.ts';
import { editorTexts } from '../../../ui/form/editor-texts.ts';
import type { VersionedFormSpec } from '../../../ui/form/useVersionedForm.ts';
import { COUPON_RULES, type CouponFormValues, type FieldIssues, type FieldName } from './form.ts';

export const COUPON_FORM = {
  rules: COUPON_RULES,
  useLatest: (id) => useCoupons((s) => (id === undefined ? undefined : s.all.find((c) => c.id === id))),
  apply: (coupon) => useCoupons.getState().apply(coupon),
  create: (call, input) => call('coupons.create', { input }),
  update: (call, base, patch) => call('coupons.update', { id: base.id, expectedVersion: base.version, patch }),
  texts: editorTexts('couponEditor'),
  saved: (t, coupon, created) => t(created ? 'coupons.created' : 'coupons.saved', { name: coupon.name }),
} satisfies VersionedFormSpec<Coupon, CouponFormValues, FieldName, CouponInput, FieldIssues>;
