// The product table: sortable headers, one page of rows. Columns that matter least hide on narrow screens.
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useCatalog } from '../../../stores/catalog.ts';
import { ProductRow } from './ProductRow.tsx';
import { SortHeader } from './SortHeader.tsx';

interface ProductTableProps {
  busyIds: ReadonlySet<number>;
  onEdit(product: Product): void;
  onArchive(product: Product): void;
  onRestore(product: Product): void;
}

export function ProductTable({ busyIds, onEdit, onArchive, onRestore }: ProductTableProps) {
  const { t } = useT();
  const items = useCatalog((s) => s.items);
  const loading = useCatalog((s) => s.loading);
  return (
    <div className="table-wrap">
      <table className="product-table" aria-busy={loading} aria-label={t('catalog.title')}>
        <thead>
          <tr>
            <th scope="col" className="col-image">
              <span className="visually-hidden">{t('col.image')}</span>
            </th>
            <SortHeader sort="title" label={t('col.title')} className="col-title" />
            <SortHeader sort="price" label={t('col.price')} className="col-price num" />
            <th scope="col" className="col-original num">
              {t('col.original')}
            </th>
            <SortHeader sort="stock" label={t('col.stock')} className="col-stock num" />
            <SortHeader sort="sku" label={t('col.sku')} className="col-sku" />
            <th scope="col" className="col-link">
              {t('col.link')}
            </th>
            <SortHeader sort="updated" label={t('col.updated')} className="col-updated" />
            <th scope="col" className="col-actions">
              <span className="visually-hidden">{t('col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((product) => (
            <ProductRow
              key={product.id}
              product={product}
              busy={busyIds.has(product.id)}
              onEdit={onEdit}
              onArchive={onArchive}
              onRestore={onRestore}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
