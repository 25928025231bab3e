// An order's life: the one table of allowed status changes, shared by the core (which refuses the others) and
// the UI (which only offers these). Runtime-neutral.

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * pending (待付款) → paid (已付款) → shipped (已发货) → completed (已完成); an unpaid order is cancelled (已取消),
 * a paid one refunded (已退款), even after delivery (an after-sale refund). Cancelled and refunded are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'refunded'],
  shipped: ['completed', 'refunded'],
  completed: ['refunded'],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** The goods go back on the shelf: the order's units return to stock. */
export function returnsStock(to: OrderStatus): boolean {
  return to === 'cancelled' || to === 'refunded';
}

/** Counted in sales (GMV, units, the report): every order not cancelled. Refunds stay visible as refunds. */
export function countsAsSale(status: OrderStatus): boolean {
  return status !== 'cancelled';
}
