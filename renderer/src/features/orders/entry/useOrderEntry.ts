// The quick entry's state and its one action: what is typed, which product and price that means, and placing
// the order — once per Enter however fast it is pressed, with a key that makes a retry after a dropped
// connection safe. After an order the buyer and quantity clear and focus returns for the next buyer.
import { useEffect, useRef, useState } from 'react';
import type { Sku } from '../../../../../electron/core/protocol/catalog-schemas.ts';
import type {
  CouponChoice,
  OrderInput,
  QuoteInput,
  SessionDetail,
} from '../../../../../electron/core/protocol/contract.ts';
import { ORDER_LIMITS } from '../../../../../electron/core/protocol/limits.ts';
import { isCallError } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { useCoupons } from '../../../stores/coupons.ts';
import { notify } from '../../../stores/notices.ts';
import { useCall } from '../../../ui/useCall.ts';
import { AttemptKeys } from './attempt-key.ts';
import { entryProduct, parseQuantity, type EntryProduct } from './entry-product.ts';
import { useRecentOrders } from './recent-orders.ts';
import { useOrderQuote, type QuoteView } from './useOrderQuote.ts';

export interface Draft {
  link: string;
  /** The chosen 规格's id, for a product with several ('' none yet). */
  sku: string;
  buyer: string;
  quantity: string;
  phone: string;
  address: string;
  note: string;
  coupon: CouponChoice;
}

export type FieldName = keyof Draft;

const EMPTY: Draft = { link: '', sku: '', buyer: '', quantity: '1', phone: '', address: '', note: '', coupon: 'best' };

export interface OrderEntry {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  product: EntryProduct;
  /** The product's 规格 when it has several (one must be chosen), else empty. */
  skus: Sku[];
  /** The 规格 chosen among them. */
  sku: Sku | null;
  quantity: number | null;
  quote: QuoteView;
  /** Field problems, shown once the assistant pressed Enter (a bad link number shows at once). */
  errors: Partial<Record<FieldName, string>>;
  /** Why the last Enter placed no order (the core's words), or that the outcome is unknown. */
  failure: string | null;
  busy: boolean;
  submit(): Promise<void>;
  /** Where typing starts: the buyer, or the link number when there is nothing to follow. */
  firstField(): FieldName;
}

export function useOrderEntry(detail: SessionDetail, focusField: (name: FieldName) => void): OrderEntry {
  const tr = useT();
  const { t } = tr;
  const { session, bag, explaining, pushes } = detail;
  const coupons = useCoupons((s) => s.all);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { call, busy } = useCall();
  const sending = useRef(false);
  const keys = useRef(new AttemptKeys());
  // What submit() and the hotkey read after an await or from outside a render: always the latest.
  const latest = useRef({ draft, explaining });
  useEffect(() => {
    latest.current = { draft, explaining };
  });

  const product = entryProduct(draft.link, bag, explaining);
  const quantity = parseQuantity(draft.quantity, ORDER_LIMITS.quantity);
  // A 规格 chosen for one product is not a choice for the next (the link typed, or the one on air, changed).
  // (Reset while rendering, React's way for state that follows a value: no extra render with the stale choice.)
  const productId = product.ok ? product.item.productId : null;
  const [choiceFor, setChoiceFor] = useState(productId);
  if (choiceFor !== productId) {
    setChoiceFor(productId);
    if (draft.sku !== '') setDraft((d) => ({ ...d, sku: '' }));
  }
  const skus = product.ok && product.item.product.skus.length > 1 ? product.item.product.skus : [];
  const sku = skus.find((s) => String(s.id) === draft.sku) ?? null;
  const line =
    product.ok && quantity !== null && (skus.length === 0 || sku)
      ? { productId: product.item.productId, quantity, ...(sku ? { skuId: sku.id } : {}) }
      : null;
  const buyer = draft.buyer.trim();
  const quoteInput: QuoteInput | null = line
    ? { sessionId: session.id, lines: [line], buyer, coupon: draft.coupon }
    : null;
  // Asked again when the price, the running coupons or their terms and claims change (not on every bag event).
  const running = pushes
    .filter((p) => p.stoppedAt === null)
    .map((p) => `${p.couponId}@${p.pushedAt}v${coupons.find((c) => c.id === p.couponId)?.version ?? 0}`);
  const revision = `${product.ok ? product.item.product.version : ''}|${running.join(',')}`;
  const quote = useOrderQuote(quoteInput, revision);

  const errors: Partial<Record<FieldName, string>> = {};
  if (!product.ok && (attempted || product.reason !== 'nothing_explaining')) {
    errors.link =
      product.reason === 'digits'
        ? t('orderEntry.linkDigits')
        : product.reason === 'unknown_link'
          ? tr.msg('order_unknown_link', { linkNo: product.linkNo ?? '' })
          : session.state === 'live'
            ? t('orderEntry.nothingExplaining')
            : t('orderEntry.linkRequired');
  }
  if (attempted && skus.length > 0 && !sku) errors.sku = t('orderEntry.skuRequired');
  if (attempted && !buyer) errors.buyer = t('orderEntry.buyerRequired');
  if (quantity === null && (attempted || draft.quantity.trim() !== '')) {
    errors.quantity = t('orderEntry.quantityInvalid', { max: ORDER_LIMITS.quantity });
  }
  const chosen =
    typeof draft.coupon === 'number' ? quote.quote?.coupons.find((c) => c.couponId === draft.coupon) : null;
  if (chosen?.refusal) errors.coupon = t('orderEntry.couponCannotUse', { reason: tr.msg(chosen.refusal) });

  function update(patch: Partial<Draft>): void {
    setDraft((d) => ({ ...d, ...patch }));
    setFailure(null);
  }

  function firstField(): FieldName {
    const { draft: now, explaining: onAir } = latest.current;
    return now.link.trim() === '' && !onAir ? 'link' : 'buyer';
  }

  async function submit(): Promise<void> {
    if (sending.current) return;
    setAttempted(true);
    setFailure(null);
    const missing = { link: !product.ok, sku: skus.length > 0 && !sku, buyer: !buyer, quantity: quantity === null };
    const invalid = (['link', 'sku', 'buyer', 'quantity'] as const).find((name) => missing[name]);
    if (invalid || !line) {
      focusField(invalid ?? 'link');
      return;
    }
    const input: OrderInput = {
      sessionId: session.id,
      lines: [line],
      buyer,
      coupon: draft.coupon,
      ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
      ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    };
    sending.current = true;
    const order = await call(
      'orders.create',
      { input, key: keys.current.keyFor(input) },
      {
        onError: (message, error) => {
          // Dropped mid-call, or written but not confirmed by the disk: the order may exist. Keep the key, so
          // pressing Enter again (after a restart, too) answers that order instead of placing a second one.
          if (isCallError(error, 'disconnected')) setFailure(t('orderEntry.unsure'));
          else if (isCallError(error, 'write_unconfirmed')) setFailure(message);
          else {
            keys.current.settled();
            setFailure(message);
          }
        },
      },
    );
    sending.current = false;
    if (!order) return;
    keys.current.settled();
    useRecentOrders.getState().apply(order);
    notify('success', t('orderEntry.created', { orderNo: order.orderNo, buyer: order.buyer, quantity: order.units }));
    // The link clears too: the next claim is most often for whatever is on air by then (see the report).
    setDraft(EMPTY);
    setAttempted(false);
    latest.current = { ...latest.current, draft: EMPTY };
    focusField(firstField());
  }

  return { draft, update, product, skus, sku, quantity, quote, errors, failure, busy, submit, firstField };
}
