// Under the link number: which product Enter would order (the one on air, or the link typed) with its price and
// stock left — or why there is none. Announced politely, so a link number typed blind is confirmed aloud.
import type { Sku } from '../../../../../electron/core/protocol/catalog-schemas.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { productPrice } from '../../../ui/product-price.ts';
import { useT } from '../../../i18n/index.ts';
import type { EntryProduct } from './entry-product.ts';

interface EntryProductLineProps {
  id: string;
  product: EntryProduct;
  /** The 规格 chosen, for a product with several: its price and stock are the ones that count. */
  sku: Sku | null;
  error: string | undefined;
  hint: string;
}

export function EntryProductLine({ id, product, sku, error, hint }: EntryProductLineProps) {
  const { t } = useT();
  let body;
  if (product.ok) {
    const { item, following } = product;
    const stock = sku?.stock ?? item.product.stock;
    const out = stock === 0;
    const price = sku ? displayFen(sku.priceFen) : productPrice(t, item.product);
    body = (
      <>
        <span className="order-entry__source">{t(following ? 'orderEntry.following' : 'orderEntry.picked')}</span>
        <strong className="order-entry__link-no">{t('live.linkNo', { no: item.linkNo })}</strong>
        <span className="order-entry__title">{item.product.title || t('live.untitled')}</span>
        {sku ? <span className="order-entry__spec">{sku.spec}</span> : null}
        <span className="order-entry__price">{price}</span>
        <span className={`order-entry__stock ${out ? 'is-out' : ''}`}>{t('live.stockLeft', { stock })}</span>
        {out || item.soldOut ? <span className="badge order-entry__soldout">{t('live.soldOut')}</span> : null}
      </>
    );
  } else if (error) {
    body = <span className="field__error">{error}</span>;
  } else {
    body = <span className="muted">{hint}</span>;
  }
  return (
    <p id={id} className="order-entry__product" aria-live="polite" data-testid="order-entry-product">
      {body}
    </p>
  );
}
