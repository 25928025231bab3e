// 正在讲解: the host's cue card — the product in big type (link number, title, price against the crossed-out
// price, stock left, selling points) and the coupons that apply to it right now. `full` is the same card
// filling the screen, for a second monitor facing the host.
import type { SessionDetail } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { productPrice } from '../../../ui/product-price.ts';
import { hasSpecs } from '../../../../../electron/core/protocol/sku-view.ts';
import { useT } from '../../../i18n/index.ts';
import { useCoupons } from '../../../stores/coupons.ts';
import { Button } from '../../../ui/Button.tsx';
import { Thumbnail } from '../../catalog/list/Thumbnail.tsx';
import { describeCoupon } from '../../coupons/describe.ts';
import { clockShort } from '../../../ui/clock.ts';
import { useNow } from '../../../ui/useNow.ts';
import { activeCouponsFor, nextListed } from './cue.ts';

interface CueCardProps {
  detail: SessionDetail;
  variant: 'card' | 'full';
  onStep(direction: 'next' | 'previous'): void;
  onStop(): void;
}

function Elapsed({ since }: { since: number }) {
  const now = useNow();
  return <span className="cue__elapsed">{clockShort(now - since)}</span>;
}

export function CueCard({ detail, variant, onStep, onStop }: CueCardProps) {
  const tr = useT();
  const { t } = tr;
  const coupons = useCoupons((s) => s.all);
  const { explaining, bag, pushes, session } = detail;
  const item = explaining ? bag.find((i) => i.productId === explaining.productId) : undefined;
  const live = session.state === 'live';
  const next = nextListed(bag, explaining?.productId ?? null);
  const applicable = item ? activeCouponsFor(item.productId, pushes, coupons) : [];
  const product = item?.product;

  return (
    <section
      className={`cue cue--${variant} ${item ? 'is-on' : ''}`}
      aria-labelledby={`cue-title-${variant}`}
      data-testid={`cue-${variant}`}
    >
      <header className="cue__header">
        <h2 id={`cue-title-${variant}`} className="cue__label">
          {t('live.explainingNow')}
        </h2>
        {explaining ? <Elapsed since={explaining.startedAt} /> : null}
      </header>
      {item && product && explaining ? (
        <div className="cue__body" aria-live="polite">
          <div className="cue__top">
            {variant === 'card' ? <Thumbnail imageId={product.imageId} alt="" size="large" /> : null}
            <div className="cue__headline">
              <span className="cue__link">{t('live.linkNo', { no: explaining.linkNo })}</span>
              <p className="cue__title">{product.title || explaining.title}</p>
            </div>
          </div>
          <p className="cue__prices">
            <span className="cue__price">{productPrice(t, product)}</span>
            {product.originalPriceFen !== null ? (
              <s className="cue__original strike">{displayFen(product.originalPriceFen)}</s>
            ) : null}
            <span className={`cue__stock ${product.stock === 0 ? 'is-out' : ''}`}>
              {t('live.stockLeft', { stock: product.stock })}
            </span>
            {item.soldOut || product.stock === 0 ? <span className="badge">{t('live.soldOut')}</span> : null}
          </p>
          {hasSpecs(product) ? (
            <ul className="cue__specs" aria-label={t('live.specs')}>
              {product.skus.map((s) => (
                <li key={s.id} className={s.stock === 0 ? 'is-out' : undefined}>
                  {t('live.specLine', { spec: s.spec, price: displayFen(s.priceFen), stock: s.stock })}
                </li>
              ))}
            </ul>
          ) : null}
          {product.sellingPoints ? <p className="cue__points">{product.sellingPoints}</p> : null}
          {applicable.length > 0 ? (
            <ul className="cue__coupons" aria-label={t('live.activeCoupons')}>
              {applicable.map((coupon) => (
                <li key={coupon.id} className="cue__coupon">
                  <strong>{coupon.name}</strong> <span>{describeCoupon(tr, coupon)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="cue__idle muted">{live ? t('live.nothingExplainingHint') : t('live.explainNeedsLive')}</p>
      )}
      {next ? (
        <p className="cue__next muted">
          {t('live.upNext', { link: t('live.linkNo', { no: next.linkNo }), title: next.product.title })}
        </p>
      ) : null}
      {live ? (
        <div className="cue__controls">
          <Button onClick={() => onStep('previous')} aria-keyshortcuts="PageUp">
            ‹ {t('live.previous')}
          </Button>
          <Button onClick={() => onStep('next')} aria-keyshortcuts="PageDown">
            {t('live.next')} ›
          </Button>
          {explaining ? (
            <Button onClick={onStop} aria-keyshortcuts=".">
              {t('live.stopExplaining')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
