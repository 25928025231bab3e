// The order log as a virtual table: a spacer as tall as every row, and only the rows in view (plus overscan)
// rendered, each placed by index × ROW_HEIGHT. One row at a time is in the Tab order (roving tabindex);
// ↑/↓, PageUp/PageDown, Home/End move it, Enter opens the order.
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Order } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { orderAt, useOrders } from '../../../stores/orders.ts';
import { COLUMNS, HEADER_HEIGHT, ROW_HEIGHT } from './columns.ts';
import { OrderRow } from './OrderRow.tsx';
import { SortHeader } from './SortHeader.tsx';

const OVERSCAN = 8;

/** The scroll position and height of the list, updated once per frame while scrolling. */
function useViewport(ref: RefObject<HTMLDivElement | null>) {
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight },
      );
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    measure();
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [ref]);
  return viewport;
}

export function OrderTable({ onOpen }: { onOpen(order: Order): void }) {
  const { t } = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const { top, height } = useViewport(scroller);
  const total = useOrders((s) => s.total);
  const pages = useOrders((s) => s.pages);
  const generation = useOrders((s) => s.generation);
  // The focusable row, remembered per query: a new query starts again from the first row.
  const [activeAt, setActiveAt] = useState({ generation, index: 0 });
  // Set by the arrow keys only (a new object each time), so nothing else ever moves the focus into the table.
  const [focusRequest, setFocusRequest] = useState<{ index: number } | null>(null);
  const active = activeAt.generation === generation ? activeAt.index : 0;
  const setActive = (index: number) => setActiveAt({ generation, index });

  const bodyHeight = Math.max(0, height - HEADER_HEIGHT);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((top + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
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
    const el = scroller.current;
    if (!el || total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    const rowTop = next * ROW_HEIGHT;
    const visible = el.clientHeight - HEADER_HEIGHT;
    if (rowTop < el.scrollTop) el.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > el.scrollTop + visible) el.scrollTop = rowTop + ROW_HEIGHT - visible;
    setActive(next);
    setFocusRequest({ index: next });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (!(event.target instanceof HTMLElement) || !event.target.matches('[role="row"]')) return;
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
  const indexes = new Set<number>();
  for (let i = first; i <= last; i++) indexes.add(i);
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
