// 购物袋: add from the library, put in order (drag, Alt+↑/↓, or the arrow buttons on touch screens), list and
// delist, mark sold out, explain. Every change is one call naming its intent; the bag shown is always the
// core's (from live.bagChanged), so two assistants never fight over a stale copy.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BagItem, Segment, Session } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { useLive } from '../../../stores/live.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { useCall } from '../../../ui/useCall.ts';
import { BagRow, type BagRowActions } from './BagRow.tsx';
import { ProductPicker } from './ProductPicker.tsx';

interface BagPanelProps {
  session: Session;
  bag: BagItem[];
  explaining: Segment | null;
}

export function BagPanel({ session, bag, explaining }: BagPanelProps) {
  const { t } = useT();
  const { call } = useCall();
  const listRef = useRef<HTMLOListElement>(null);
  /** The row to keep focused once the bag comes back reordered (React may re-insert the focused node). */
  const focusAfterMove = useRef<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [confirmingRenumber, setConfirmingRenumber] = useState(false);
  const sessionId = session.id;
  const live = session.state === 'live';
  const editable = session.state !== 'ended';
  const inBag = useMemo(() => new Set(bag.map((item) => item.productId)), [bag]);
  const inOrder = bag.every((item, index) => item.linkNo === index + 1);

  useEffect(() => {
    const id = focusAfterMove.current;
    if (id === null) return;
    focusAfterMove.current = null;
    // Only when focus was lost in the move or is still in the list: never pull it out of the search box.
    const active = document.activeElement;
    if (active && active !== document.body && !listRef.current?.contains(active)) return;
    listRef.current?.querySelector<HTMLElement>(`[data-product-id="${id}"]`)?.focus();
  }, [bag]);

  // One object for every row, so memoised rows re-render only when their own item changes.
  const latest = useRef({ bag, dragging });
  useEffect(() => {
    latest.current = { bag, dragging };
  });
  const actions = useMemo<BagRowActions>(
    () => ({
      move(productId, toIndex) {
        focusAfterMove.current = productId;
        useLive.getState().moveNow(productId, toIndex);
        void call('live.bagMove', { sessionId, productId, toIndex });
      },
      focusRow(index) {
        const rows = listRef.current?.querySelectorAll<HTMLElement>('.bag-row');
        rows?.[Math.max(0, Math.min(rows.length - 1, index))]?.focus();
      },
      async set(productId, flags) {
        await call('live.bagSet', { sessionId, productId, ...flags });
      },
      explain(productId) {
        void call('live.explain', { sessionId, productId });
      },
      stop() {
        void call('live.stopExplaining', { sessionId });
      },
      remove(productId) {
        void call('live.bagRemove', { sessionId, productId });
      },
      dragStart(productId) {
        setDragging(productId);
      },
      dragOver(index) {
        setOver(index);
      },
      drop(index) {
        const id = latest.current.dragging;
        setDragging(null);
        setOver(null);
        if (id === null) return;
        const from = latest.current.bag.findIndex((item) => item.productId === id);
        if (from < 0 || from === index) return;
        focusAfterMove.current = id;
        useLive.getState().moveNow(id, index);
        void call('live.bagMove', { sessionId, productId: id, toIndex: index });
      },
      dragEnd() {
        setDragging(null);
        setOver(null);
      },
    }),
    [call, sessionId],
  );

  const fromIndex = dragging === null ? -1 : bag.findIndex((item) => item.productId === dragging);

  return (
    <section className="panel bag-panel" aria-labelledby="bag-title">
      <header className="panel__header">
        <h2 id="bag-title" className="panel__title">
          {t('live.bag')} <span className="muted">{t('live.bagCount', { count: bag.length })}</span>
        </h2>
        {live ? (
          <Button
            size="small"
            disabled={inOrder}
            title={inOrder ? t('live.renumberNotNeeded') : undefined}
            onClick={() => setConfirmingRenumber(true)}
          >
            {t('live.renumber')}
          </Button>
        ) : null}
      </header>
      {editable ? <ProductPicker sessionId={sessionId} inBag={inBag} /> : null}
      {bag.length === 0 ? (
        <p className="bag-panel__empty muted">{t('live.bagEmpty')}</p>
      ) : (
        <>
          {editable ? <p className="bag-panel__hint muted">{t('live.reorderHint')}</p> : null}
          <ol ref={listRef} className="bag-list" aria-label={t('live.bag')}>
            {bag.map((item, index) => (
              <BagRow
                key={item.productId}
                item={item}
                index={index}
                count={bag.length}
                live={live}
                editable={editable}
                explaining={explaining?.productId === item.productId}
                dragging={dragging === item.productId}
                dropTarget={
                  over === index && fromIndex >= 0 && fromIndex !== index
                    ? fromIndex < index
                      ? 'after'
                      : 'before'
                    : null
                }
                actions={actions}
              />
            ))}
          </ol>
        </>
      )}
      {confirmingRenumber ? (
        <ConfirmDialog
          title={t('live.renumberConfirmTitle')}
          confirmLabel={t('live.renumber')}
          onCancel={() => setConfirmingRenumber(false)}
          onConfirm={() => {
            setConfirmingRenumber(false);
            void call('live.bagRenumber', { sessionId });
          }}
        >
          <p>{t('live.renumberConfirmBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
