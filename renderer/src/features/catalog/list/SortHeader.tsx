// The product list's sortable column header (ui/SortHeader.tsx), bound to the catalog's sort.
import type { ProductSort } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useCatalog } from '../../../stores/catalog.ts';
import { SortHeader as Header } from '../../../ui/SortHeader.tsx';

export function SortHeader({ sort, label, className }: { sort: ProductSort; label: string; className?: string }) {
  const { t } = useT();
  const direction = useCatalog((s) => (s.sort === sort ? s.dir : null));
  const toggleSort = useCatalog((s) => s.toggleSort);
  const hint = t('col.sortHint', { column: label });
  return (
    <Header label={label} direction={direction} onSort={() => toggleSort(sort)} hint={hint} className={className} />
  );
}
