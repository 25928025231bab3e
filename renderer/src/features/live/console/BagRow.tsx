// One product in the bag, as the assistant runs it: link number, picture, price, stock left, 上架/售罄,
// 讲解. The row itself is focusable: Alt+↑/↓ moves it (focus follows), ↑/↓ walks between rows.
import { memo, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { BagItem } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { productPrice } from '../../../ui/product-price.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { Thumbnail } from '../../catalog/list/Thumbnail.tsx';

/** Stock at or below this is shown as running low. */
const LOW_STOCK = 5;

type Flags = { listed?: boolean; soldOut?: boolean };

export interface BagRowActions {
  move(productId: number, toIndex: number): void;
  focusRow(index: number): void;
  set(productId: number, flags: Flags): Promise<void>;
  explain(productId: number): void;
  stop(): void;
  remove(productId: number): void;
  dragStart(productId: number): void;
  dragOver(index: number): void;
  drop(index: number): void;
  dragEnd(): void;
}

interface BagRowProps {
  item: BagItem;
  index: number;
  count: number;
  live: boolean;
  editable: boolean;
  explaining: boolean;
  dragging: boolean;
  dropTarget: 'before' | 'after' | null;
  actions: BagRowActions;
}

export const BagRow = memo(function BagRow({
  item,
  index,
  count,
  live,
  editable,
  explaining,
  dragging,
  dropTarget,
  actions,
}: BagRowProps) {
  const { t } = useT();
  // A flipped switch shows its new state until the core's answer (the bag event, or a refusal) arrives.
  const [pending, setPending] = useState<Flags>({});
  const listed = pending.listed ?? item.listed;
  const soldOut = pending.soldOut ?? item.soldOut;
  const { product } = item;
  const title = product.title || t('live.untitled');
  const link = t('live.linkNo', { no: item.linkNo });
  const out = product.stock === 0;
  const low = !out && product.stock <= LOW_STOCK;
  const explainBlocked = !live ? t('live.explainNeedsLive') : !item.listed ? t('live.explainNeedsListed') : null;

  function flip(flags: Flags): void {
    setPending((p) => ({ ...p, ...flags }));
    void actions.set(item.productId, flags).finally(() =>
      setPending((p) => {
        const next = { ...p };
        for (const key of Object.keys(flags) as Array<keyof Flags>) delete next[key];
        return next;
      }),
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>): void {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    const step = event.key === 'ArrowUp' ? -1 : 1;
    if (event.altKey && editable) {
      event.preventDefault();
      const to = index + step;
      if (to >= 0 && to < count) actions.move(item.productId, to);
    } else if (!event.altKey && !event.ctrlKey && !event.metaKey && event.target === event.currentTarget) {
      event.preventDefault();
      actions.focusRow(index + step);
    }
  }

  const classes = [
    'bag-row',
    explaining ? 'is-explaining' : '',
    item.listed ? '' : 'is-delisted',
    dragging ? 'is-dragging' : '',
    dropTarget ? `is-drop-${dropTarget}` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <li
      className={classes}
      data-product-id={item.productId}
      data-link-no={item.linkNo}
      tabIndex={0}
      aria-label={`${link} ${title}`}
      aria-current={explaining ? 'true' : undefined}
      draggable={editable}
      onKeyDown={onKeyDown}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', String(item.productId));
        actions.dragStart(item.productId);
      }}
      onDragOver={(e: DragEvent) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        actions.dragOver(index);
      }}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        actions.drop(index);
      }}
      onDragEnd={() => actions.dragEnd()}
    >
      <span className="bag-row__link" aria-hidden="true">
        {t('live.linkBadge', { no: item.linkNo })}
      </span>
      <Thumbnail imageId={product.imageId} alt="" />
      <div className="bag-row__info">
        <span className="bag-row__title">
          {title}
          {explaining ? <span className="badge badge--live bag-row__now">{t('live.explainingNow')}</span> : null}
        </span>
        <span className="bag-row__facts">
          <span className="bag-row__price">{productPrice(t, product)}</span>
          {product.originalPriceFen !== null ? <s className="strike">{displayFen(product.originalPriceFen)}</s> : null}
          <span className={`bag-row__stock ${out ? 'is-out' : low ? 'is-low' : ''}`} data-testid="stock">
            {out ? '⚠ ' : ''}
            {t('live.stockLeft', { stock: product.stock })}
          </span>
          {item.soldOut || out ? <span className="badge bag-row__soldout">{t('live.soldOut')}</span> : null}
          {!item.listed ? <span className="badge">{t('live.delisted')}</span> : null}
        </span>
      </div>
      <div className="bag-row__controls">
        <label className="toggle bag-row__toggle">
          <input
            type="checkbox"
            checked={listed}
            disabled={!editable}
            onChange={(e) => flip({ listed: e.currentTarget.checked })}
          />
          <span>{t('live.listed')}</span>
        </label>
        {/* No stock left is 售罄 whatever the switch said: ticked, and only a restock in the library undoes it. */}
        <label className="toggle bag-row__toggle" title={out ? t('live.soldOutByStock') : undefined}>
          <input
            type="checkbox"
            checked={soldOut || out}
            disabled={!editable || out}
            aria-describedby={out ? `soldout-${item.productId}` : undefined}
            onChange={(e) => flip({ soldOut: e.currentTarget.checked })}
          />
          <span>{t('live.soldOut')}</span>
          {out ? (
            <span id={`soldout-${item.productId}`} className="visually-hidden">
              {t('live.soldOutByStock')}
            </span>
          ) : null}
        </label>
        {explaining ? (
          <Button variant="primary" className="bag-row__explain" onClick={() => actions.stop()}>
            {t('live.stopExplaining')}
          </Button>
        ) : (
          <Button
            className="bag-row__explain"
            disabled={explainBlocked !== null}
            title={explainBlocked ?? undefined}
            onClick={() => actions.explain(item.productId)}
          >
            {t('live.explain')}
          </Button>
        )}
        {editable ? (
          <span className="bag-row__order">
            <Button
              size="small"
              variant="ghost"
              className="btn--icon"
              disabled={index === 0}
              aria-label={t('live.moveUp', { link })}
              aria-keyshortcuts="Alt+ArrowUp"
              onClick={() => actions.move(item.productId, index - 1)}
            >
              <span aria-hidden="true">↑</span>
            </Button>
            <Button
              size="small"
              variant="ghost"
              className="btn--icon"
              disabled={index === count - 1}
              aria-label={t('live.moveDown', { link })}
              aria-keyshortcuts="Alt+ArrowDown"
              onClick={() => actions.move(item.productId, index + 1)}
            >
              <span aria-hidden="true">↓</span>
            </Button>
            <Button
              size="small"
              variant="ghost"
              className="btn--icon"
              aria-label={t('live.removeNamed', { link, title })}
              onClick={() => actions.remove(item.productId)}
            >
              <span aria-hidden="true">×</span>
            </Button>
          </span>
        ) : null}
      </div>
    </li>
  );
});
