// One product in the list. The title opens the editor; archive/restore act at once (both are reversible).
import { memo } from 'react';
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { productPrice } from '../../../ui/product-price.ts';
import { useT, type MessageKey } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Thumbnail } from './Thumbnail.tsx';
import { dateFormat } from '../../../i18n/dates.ts';

const LINK_LABEL: Record<NonNullable<Product['linkKind']>, MessageKey> = {
  miniprogram: 'link.miniprogram',
  url: 'link.url',
  article: 'link.article',
};

function formatTime(locale: string, ms: number): string {
  // Local time zone: the seller reads times in their own clock.
  const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } as const;
  return dateFormat(locale, options).format(ms);
}

interface ProductRowProps {
  product: Product;
  busy: boolean;
  onEdit(product: Product): void;
  onArchive(product: Product): void;
  onRestore(product: Product): void;
}

export const ProductRow = memo(function ProductRow({ product, busy, onEdit, onArchive, onRestore }: ProductRowProps) {
  const { t, locale } = useT();
  const title = product.title || t('product.untitled');
  return (
    <tr className={product.archived ? 'is-archived' : undefined} data-product-id={product.id}>
      <td className="col-image">
        <Thumbnail imageId={product.imageId} alt={t('image.alt', { title })} />
      </td>
      <td className="col-title">
        <button
          type="button"
          className="link-button"
          onClick={() => onEdit(product)}
          aria-label={t('product.editNamed', { title })}
        >
          {title}
        </button>
        {product.archived ? <span className="badge badge--muted">{t('product.archived')}</span> : null}
      </td>
      <td className="col-price num">{productPrice(t, product)}</td>
      <td className="col-original num">
        {product.originalPriceFen !== null ? <s className="strike">{displayFen(product.originalPriceFen)}</s> : '—'}
      </td>
      <td className={`col-stock num ${product.stock === 0 ? 'is-soldout' : ''}`}>{product.stock}</td>
      <td className="col-sku mono">{product.sku ?? '—'}</td>
      <td className="col-link">
        {product.linkKind ? (
          <span className={`badge badge--${product.linkKind}`}>{t(LINK_LABEL[product.linkKind])}</span>
        ) : (
          <span className="muted">{t('link.none')}</span>
        )}
      </td>
      <td className="col-updated">
        <time dateTime={new Date(product.updatedAt).toISOString()}>{formatTime(locale, product.updatedAt)}</time>
      </td>
      <td className="col-actions">
        {product.archived ? (
          <Button
            size="small"
            disabled={busy}
            onClick={() => onRestore(product)}
            aria-label={`${t('product.restore')} ${title}`}
          >
            {t('product.restore')}
          </Button>
        ) : (
          <Button
            size="small"
            variant="ghost"
            disabled={busy}
            onClick={() => onArchive(product)}
            aria-label={`${t('product.archive')} ${title}`}
          >
            {t('product.archive')}
          </Button>
        )}
      </td>
    </tr>
  );
});
