// The order log's columns, shared by the header and the rows so they line up in one CSS grid.
import type { OrderSort } from '../../../../../electron/core/protocol/contract.ts';
import type { MessageKey } from '../../../i18n/index.ts';

export interface Column {
  key: string;
  label: MessageKey;
  sort?: OrderSort;
  num?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'no', label: 'orders.col.orderNo', sort: 'orderNo' },
  { key: 'time', label: 'orders.col.created', sort: 'created' },
  { key: 'session', label: 'orders.col.session' },
  { key: 'products', label: 'orders.col.products' },
  { key: 'units', label: 'orders.col.units', num: true },
  { key: 'paid', label: 'orders.col.paid', sort: 'paid', num: true },
  { key: 'coupon', label: 'orders.col.coupon' },
  { key: 'buyer', label: 'orders.col.buyer', sort: 'buyer' },
  { key: 'status', label: 'orders.col.status' },
  { key: 'tracking', label: 'orders.col.tracking' },
];

/** Every row is exactly this tall: the virtual list places rows by arithmetic, never by measuring. */
export const ROW_HEIGHT = 44;
export const HEADER_HEIGHT = 40;
