// A sortable column header of the order log: a button inside the header cell, aria-sort on the cell.
import type { OrderSort } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useOrders } from '../../../stores/orders.ts';

export function SortHeader({ sort, label, className }: { sort: OrderSort; label: string; className: string }) {
  const { t } = useT();
  const active = useOrders((s) => s.sort === sort);
  const dir = useOrders((s) => s.dir);
  const toggleSort = useOrders((s) => s.toggleSort);
  const ariaSort = active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className="sort-button"
        onClick={() => toggleSort(sort)}
        title={t('orders.sortHint', { column: label })}
      >
        {label}
        <span className={`sort-button__arrow ${active ? 'is-active' : ''}`} aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </div>
  );
}
