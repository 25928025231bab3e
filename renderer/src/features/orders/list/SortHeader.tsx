// The order log's sortable column header (ui/SortHeader.tsx), bound to the log's sort; a grid's columnheader.
import type { OrderSort } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useOrders } from '../../../stores/orders.ts';
import { SortHeader as Header } from '../../../ui/SortHeader.tsx';

export function SortHeader({ sort, label, className }: { sort: OrderSort; label: string; className: string }) {
  const { t } = useT();
  const direction = useOrders((s) => (s.sort === sort ? s.dir : null));
  const toggleSort = useOrders((s) => s.toggleSort);
  const hint = t('orders.sortHint', { column: label });
  return (
    <Header
      label={label}
      direction={direction}
      onSort={() => toggleSort(sort)}
      hint={hint}
      cell="columnheader"
      className={className}
    />
  );
}
