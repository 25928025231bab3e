// A sortable column header: a button inside the <th>, with aria-sort on the header cell.
import type { ProductSort } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useCatalog } from '../../../stores/catalog.ts';

interface SortHeaderProps {
  sort: ProductSort;
  label: string;
  className?: string;
}

export function SortHeader({ sort, label, className }: SortHeaderProps) {
  const { t } = useT();
  const active = useCatalog((s) => s.sort === sort);
  const dir = useCatalog((s) => s.dir);
  const toggleSort = useCatalog((s) => s.toggleSort);
  const ariaSort = active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className="sort-button"
        onClick={() => toggleSort(sort)}
        title={t('col.sortHint', { column: label })}
      >
        {label}
        <span className={`sort-button__arrow ${active ? 'is-active' : ''}`} aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
