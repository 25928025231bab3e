// An order's status as a coloured badge (the colour repeats what the words say, never replaces them).
import type { OrderStatus } from '../../../../electron/core/protocol/contract.ts';
import { useT } from '../../i18n/index.ts';
import { statusName } from './format.ts';

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { locale } = useT();
  return <span className={`badge order-status order-status--${status}`}>{statusName(locale, status)}</span>;
}
