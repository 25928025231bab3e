// Someone else saved this product first. Say so plainly, show what they changed, and let the seller choose;
// nothing is ever overwritten without them seeing the latest version.
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { Button } from '../../../ui/Button.tsx';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { changedFields, type FieldName } from './form.ts';

const LABEL: Record<FieldName, MessageKey> = {
  title: 'field.title',
  price: 'field.price',
  originalPrice: 'field.original',
  stock: 'field.stock',
  sku: 'field.sku',
  specs: 'field.specs',
  link: 'field.link',
  sellingPoints: 'field.sellingPoints',
  imageId: 'field.image',
};

function shown(product: Product, field: FieldName): string {
  switch (field) {
    case 'price':
      return displayFen(product.priceFen);
    case 'originalPrice':
      return product.originalPriceFen === null ? '—' : displayFen(product.originalPriceFen);
    case 'imageId':
      return product.imageId ? product.imageId.slice(0, 8) : '—';
    case 'specs':
      // Each 规格 with its price and stock: "100g ¥39.90 ×12 · 250g ¥88.00 ×5".
      return product.skus.map((s) => `${s.spec || '—'} ${displayFen(s.priceFen)} ×${s.stock}`).join(' · ');
    default: {
      const value = {
        title: product.title,
        stock: product.stock,
        sku: product.sku,
        link: product.link,
        sellingPoints: product.sellingPoints,
      }[field];
      return value === null || value === '' ? '—' : String(value);
    }
  }
}

interface ConflictNoticeProps {
  /** `conflict`: the save was refused; `stale`: we saw their save arrive before trying. */
  kind: 'conflict' | 'stale';
  base: Product;
  latest: Product;
  onTakeLatest(): void;
  onKeepMine(): void;
}

export function ConflictNotice({ kind, base, latest, onTakeLatest, onKeepMine }: ConflictNoticeProps) {
  const { t, msg } = useT();
  const fields = changedFields(base, latest);
  return (
    <div
      className={`callout callout--${kind === 'conflict' ? 'danger' : 'warning'}`}
      role={kind === 'conflict' ? 'alert' : 'status'}
    >
      <p className="callout__title">{kind === 'conflict' ? msg('conflict') : t('editor.staleNotice')}</p>
      {fields.length > 0 ? (
        <>
          <p>{t('editor.conflictChanges')}</p>
          <ul className="callout__list">
            {fields.map((field) => (
              <li key={field}>
                <strong>{t(LABEL[field])}</strong>：<span className="strike">{shown(base, field)}</span> →{' '}
                {shown(latest, field)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="callout__actions">
        <Button size="small" onClick={onTakeLatest}>
          {t('editor.conflictReload')}
        </Button>
        <Button size="small" variant="primary" onClick={onKeepMine}>
          {t('editor.conflictReapply')}
        </Button>
      </div>
    </div>
  );
}
