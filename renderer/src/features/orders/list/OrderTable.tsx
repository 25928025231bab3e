// The order log as a virtual table (@tanstack/react-virtual): a body as tall as every row, and only the rows in view
// (plus overscan) rendered, each placed by index × ROW_HEIGHT under the sticky header. One row at a time is in the
// Tab order (roving tabindex); ↑/↓, PageUp/PageDown, Home/End move it, Enter opens the order.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { orderAt, useOrders } from '../../../stores/orders.ts';
import { COLUMNS, HEADER_HEIGHT, ROW_HEIGHT } from './columns.ts';
import { OrderRow } from './OrderRow.tsx';
import { SortHeader } from './SortHeader.tsx';

const OVERSCAN = 8;

export function OrderTable({ onOpen }: { onOpen(order: Order): void }) {
  const { t } = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const total = useOrders((s) => s.total);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here: this component is not memoized
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The rows start below the sticky header, which also covers the top of the view.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const pages = useOrders((s) => s.pages);
  const generation = useOrders((s) => s.generation);
  // The focusable row, remembered per query: a new query starts again from the first row.
  const [activeAt, setActiveAt] = useState({ generation, index: 0 });
  // Set by the arrow keys only (a new object each time), so nothing else ever moves the focus into the table.
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);
  const active = activeAt.generation === generation ? activeAt.index : 0;
  const setActive = (index: number) => setActiveAt({ generation, index });

  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const current = Math.min(active, Math.max(0, total - 1));

  useEffect(() => useOrders.getState().view(first, Math.max(first, last)), [first, last, generation]);

  // A new query starts at the top.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [generation]);

  useEffect(() => {
    if (!focusRequest) return;
    body.current?.querySelector<HTMLElement>(`[data-index="${focusRequest.index}"]`)?.focus({ preventScroll: true });
  }, [focusRequest]);

  function moveTo(index: number): void {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setActive(next);
    setFocusRequest({ index: next });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (!(event.target instanceof HTMLElement) || !event.target.matches('[role="row"]')) return;
    const bodyHeight = (scroller.current?.clientHeight ?? 0) - HEADER_HEIGHT;
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: total - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const order = orderAt(pages, current);
      if (order) {
        event.preventDefault();
        onOpen(order);
      }
    }
  }

  const rows: ReactNode[] = [];
  const indexes = new Set<number>(items.map((item) => item.index));
  // The focusable row stays rendered even when scrolled away, so focus is never dropped to the page.
  if (total > 0) indexes.add(current);
  for (const i of [...indexes].sort((a, b) => a - b)) {
    rows.push(<OrderRow key={i} index={i} order={orderAt(pages, i)} focusable={i === current} onOpen={onOpen} />);
  }

  return (
    <div
      ref={scroller}
      className="orders-table"
      role="table"
      aria-label={t('orders.tableLabel')}
      aria-rowcount={total + 1}
      data-testid="orders-table"
    >
      <div role="rowgroup" className="orders-table__head">
        <div role="row" className="orders-row orders-row--head" aria-rowindex={1}>
          {COLUMNS.map((column) => {
            const className = `orders-cell col-${column.key} ${column.num ? 'num' : ''}`;
            return column.sort ? (
              <SortHeader key={column.key} sort={column.sort} label={t(column.label)} className={className} />
            ) : (
              <div key={column.key} role="columnheader" className={className}>
                {t(column.label)}
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={body}
        role="rowgroup"
        className="orders-table__body"
        style={{ height: total * ROW_HEIGHT }}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const index = Number((event.target as HTMLElement).dataset.index);
          if (Number.isInteger(index) && index !== current) setActive(index);
        }}
      >
        {rows}
      </div>
    </div>
  );
}
