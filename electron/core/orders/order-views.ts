// What a paired device is shown of orders. Without "orders" it sees none (their events are hidden); without
// "contacts" it sees buyers by nickname only: phone numbers and addresses are masked in every reply and event.
import type { EventName } from '../protocol/contract.ts';
import type { Order } from '../protocol/order-schemas.ts';
import { allowed, type Principal, type Views } from '../rpc/server.ts';

/** `13812345678` → `•••••••5678`: enough to tell two buyers apart on the phone, not to call them. */
export function maskPhone(phone: string): string {
  return phone.length <= 4 ? '•'.repeat(phone.length) : `${'•'.repeat(phone.length - 4)}${phone.slice(-4)}`;
}

export function maskOrder(order: Order): Order {
  return { ...order, phone: maskPhone(order.phone), address: order.address ? '••••' : '' };
}

const REPLIES: Record<string, (result: unknown) => unknown> = {
  'orders.create': (order) => maskOrder(order as Order),
  'orders.setStatus': (order) => maskOrder(order as Order),
  'orders.get': (result) => {
    const { order, ...rest } = result as { order: Order };
    return { ...rest, order: maskOrder(order) };
  },
  'orders.list': (result) => {
    const { items, ...rest } = result as { items: Order[] };
    return { ...rest, items: items.map(maskOrder) };
  },
};

const ORDER_EVENTS = new Set<EventName>(['orders.changed', 'orders.bulkChanged']);

export const orderViews: Views = {
  reply(who: Principal, method: string, result: unknown): unknown {
    const mask = REPLIES[method];
    return mask && !allowed(who, 'contacts') ? mask(result) : result;
  },
  event(who: Principal, name: EventName, data: unknown): unknown {
    if (!ORDER_EVENTS.has(name)) return data;
    if (!allowed(who, 'orders')) return null;
    if (name === 'orders.changed' && !allowed(who, 'contacts'))
      return { order: maskOrder((data as { order: Order }).order) };
    return data;
  },
};
