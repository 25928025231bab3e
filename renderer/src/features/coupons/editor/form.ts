// The coupon form as text the seller types, and its translation to and from the protocol. Money is typed in
// yuan (parsed with the protocol's parser), 折 as "8.8", times as datetime-local text in the seller's own
// clock. The form only parses; the rules (off ≤ threshold, products exist, end after start…) are the core's,
// and its issues land on the fields through `issuesByField`.
import type { Issue } from '../../../../../electron/core/protocol/errors.ts';
import type { Coupon, CouponInput, CouponKind, CouponScope } from '../../../../../electron/core/protocol/contract.ts';
import { formatFen, parseYuanToFen } from '../../../../../electron/core/protocol/money.ts';
import type { FormRules, Parsed } from '../../../ui/form/form-rules.ts';

export interface CouponFormValues {
  name: string;
  kind: CouponKind;
  threshold: string;
  off: string;
  rate: string;
  cap: string;
  scope: CouponScope;
  productIds: number[];
  quantity: string;
  perBuyerLimit: string;
  validFrom: string;
  validUntil: string;
}
export type FieldName = keyof CouponFormValues;
export type FieldIssues = Partial<Record<FieldName, Issue[]>>;

type InputKey = keyof CouponInput;
const INPUT_KEY: Record<FieldName, InputKey> = {
  name: 'name',
  kind: 'kind',
  threshold: 'thresholdFen',
  off: 'offFen',
  rate: 'rate',
  cap: 'capFen',
  scope: 'scope',
  productIds: 'productIds',
  quantity: 'quantity',
  perBuyerLimit: 'perBuyerLimit',
  validFrom: 'validFrom',
  validUntil: 'validUntil',
};
const FIELDS = Object.keys(INPUT_KEY) as FieldName[];

/** The term fields each kind shows (the others are hidden and sent as null). */
export const KIND_FIELDS: Record<CouponKind, readonly FieldName[]> = {
  threshold: ['threshold', 'off'],
  direct: ['off'],
  percent: ['rate', 'cap'],
};

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → `2026-06-01T20:00` in local time, what <input type="datetime-local"> shows. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `2026-06-01T20:00` (local) → epoch ms, or null for anything else. Built from parts: no string parsing quirks. */
export function fromLocalInput(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map((part) => Number(part ?? 0)) as number[] as [
    0,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = new Date(y, mo - 1, d, h, mi, s).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** "8.8" (or "8.8折", "9", "0.5") → tenths of 折 (88, 90, 5); null unless 0.1…9.9 with at most one decimal. */
export function parseZhe(text: string): number | null {
  const m = /^(\d)(?:\.(\d))?$/.exec(text.trim().replace(/折$/, '').trim());
  if (!m) return null;
  const rate = Number(m[1]) * 10 + Number(m[2] ?? 0);
  return rate >= 1 && rate <= 99 ? rate : null;
}

function zheInput(rate: number): string {
  return rate % 10 === 0 ? String(rate / 10) : `${Math.trunc(rate / 10)}.${rate % 10}`;
}

/** A new coupon: valid from now (to the minute) for a week, one per buyer. */
export function emptyForm(now = Date.now()): CouponFormValues {
  const from = Math.floor(now / 60_000) * 60_000;
  return {
    name: '',
    kind: 'threshold',
    threshold: '',
    off: '',
    rate: '',
    cap: '',
    scope: 'shop',
    productIds: [],
    quantity: '',
    perBuyerLimit: '1',
    validFrom: toLocalInput(from),
    validUntil: toLocalInput(from + 7 * DAY_MS),
  };
}

export function formFromCoupon(c: Coupon): CouponFormValues {
  const money = (fen: number | null) => (fen === null ? '' : formatFen(fen));
  return {
    name: c.name,
    kind: c.kind,
    threshold: money(c.thresholdFen),
    off: money(c.offFen),
    rate: c.rate === null ? '' : zheInput(c.rate),
    cap: money(c.capFen),
    scope: c.scope,
    productIds: c.productIds.slice().sort((a, b) => a - b),
    quantity: c.quantity === null ? '' : String(c.quantity),
    perBuyerLimit: String(c.perBuyerLimit),
    validFrom: toLocalInput(c.validFrom),
    validUntil: toLocalInput(c.validUntil),
  };
}

/** Parses what was typed; returns the full input, or the issues to show next to the fields. */
export function parseForm(values: CouponFormValues): Parsed<CouponInput, FieldIssues> {
  const issues: FieldIssues = {};
  const flag = (field: FieldName, code: string, params?: Record<string, string | number>) => {
    issues[field] = [{ path: field, code, ...(params ? { params } : {}) }];
  };
  const uses = (field: FieldName) => KIND_FIELDS[values.kind].includes(field);

  if (values.name.trim() === '') flag('name', 'required');

  const money = (field: 'threshold' | 'off' | 'cap', required: boolean): number | null => {
    if (!uses(field)) return null;
    const text = values[field];
    if (text.trim() === '') {
      if (required) flag(field, 'required');
      return null;
    }
    const fen = parseYuanToFen(text);
    if (fen === null) flag(field, 'price_invalid', { value: text });
    else if (fen === 0) flag(field, 'amount_not_positive');
    return fen;
  };
  const thresholdFen = money('threshold', true);
  const offFen = money('off', true);
  const capFen = money('cap', false);

  let rate: number | null = null;
  if (uses('rate')) {
    if (values.rate.trim() === '') flag('rate', 'required');
    else if ((rate = parseZhe(values.rate)) === null) flag('rate', 'coupon_rate_invalid');
  }

  let quantity: number | null = null;
  if (values.quantity.trim() !== '') {
    quantity = /^\d{1,8}$/.test(values.quantity.trim()) ? Number(values.quantity.trim()) : null;
    if (quantity === null || quantity < 1) flag('quantity', 'coupon_quantity_invalid');
  }

  const limitText = values.perBuyerLimit.trim();
  const perBuyerLimit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : 0;
  if (perBuyerLimit < 1 || perBuyerLimit > 100) flag('perBuyerLimit', 'coupon_limit_invalid');

  const validFrom = fromLocalInput(values.validFrom);
  if (validFrom === null) flag('validFrom', 'coupon_time_invalid');
  const validUntil = fromLocalInput(values.validUntil);
  if (validUntil === null) flag('validUntil', 'coupon_time_invalid');

  if (Object.keys(issues).length > 0) return { input: null, issues };
  return {
    input: {
      name: values.name.trim(),
      kind: values.kind,
      thresholdFen,
      offFen,
      rate,
      capFen,
      scope: values.scope,
      productIds: values.scope === 'products' ? values.productIds : [],
      quantity,
      perBuyerLimit,
      validFrom: validFrom!,
      validUntil: validUntil!,
    },
    issues: null,
  };
}

const same = (a: CouponFormValues[FieldName], b: CouponFormValues[FieldName]) =>
  Array.isArray(a) && Array.isArray(b) ? a.join() === b.join() : a === b;

/**
 * Only what the seller changed relative to the version they started from, compared as typed (so an untouched
 * start time is not "changed" by losing its seconds). A coupon switched to shop-wide sends its empty list.
 */
export function patchFrom(input: CouponInput, values: CouponFormValues, base: Coupon): Partial<CouponInput> {
  const before = formFromCoupon(base);
  const patch: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = field === 'productIds' && values.scope === 'shop' ? [] : values[field];
    if (!same(value, before[field])) patch[INPUT_KEY[field]] = input[INPUT_KEY[field]];
  }
  return patch as Partial<CouponInput>;
}

/** The latest coupon with the seller's own edits laid on top ("keep my changes"). */
export function rebase(values: CouponFormValues, dirty: ReadonlySet<FieldName>, latest: Coupon): CouponFormValues {
  const next = formFromCoupon(latest);
  for (const field of dirty) (next as unknown as Record<string, unknown>)[field] = values[field];
  return next;
}

/** Maps the core's issue paths (`rate`, `input.offFen`, `patch.productIds`) onto form fields. */
export function issuesByField(issues: readonly Issue[]): { fields: FieldIssues; other: Issue[] } {
  const fields: FieldIssues = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const segments = issue.path.split('.');
    const field = FIELDS.find((f) => segments.includes(INPUT_KEY[f]));
    if (field) (fields[field] ??= []).push(issue);
    else other.push(issue);
  }
  return { fields, other };
}

/** The terms as typed, when they parse: for the live preview under the fields. */
export function termsFromForm(values: CouponFormValues) {
  const fen = (text: string) => (text.trim() === '' ? null : parseYuanToFen(text));
  const terms = {
    kind: values.kind,
    thresholdFen: values.kind === 'threshold' ? fen(values.threshold) : null,
    offFen: values.kind === 'percent' ? null : fen(values.off),
    rate: values.kind === 'percent' ? parseZhe(values.rate) : null,
    capFen: values.kind === 'percent' ? fen(values.cap) : null,
  };
  const complete =
    values.kind === 'threshold'
      ? terms.thresholdFen !== null && terms.offFen !== null
      : values.kind === 'direct'
        ? terms.offFen !== null
        : terms.rate !== null && (values.cap.trim() === '' || terms.capFen !== null);
  return complete ? terms : null;
}

/** The coupon form's rules, as the shared versioned-form machine takes them. */
export const COUPON_RULES: FormRules<Coupon, CouponFormValues, FieldName, CouponInput, FieldIssues> = {
  // A function, not a constant: a new coupon is valid from the moment its editor opens.
  emptyForm: () => emptyForm(),
  formFrom: formFromCoupon,
  parseForm,
  patchFrom,
  rebase,
  issuesByField,
};
