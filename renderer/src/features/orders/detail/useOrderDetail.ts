// One order with its history, kept current: refetched when an event names it, after a batch, on resync.
import { useCallback, useEffect, useState } from 'react';
import type { Order, OrderHistoryEntry } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { currentTranslator } from '../../../i18n/index.ts';

export interface OrderDetailState {
  order: Order;
  history: OrderHistoryEntry[];
}

export function useOrderDetail(id: number, initial: Order) {
  const [detail, setDetail] = useState<OrderDetailState>({ order: initial, history: [] });
  const [historyLoaded, setHistoryLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let token = 0;
    let closed = false;
    const load = async () => {
      const mine = ++token;
      try {
        const next = await studio.call('orders.get', { id });
        if (closed || mine !== token) return;
        setDetail(next);
        setHistoryLoaded(true);
        setError(null);
      } catch (err) {
        if (!closed && mine === token) setError(describeError(currentTranslator(), err));
      }
    };
    void load();
    const offs = [
      studio.on('orders.changed', ({ order }) => {
        if (order.id === id) void load();
      }),
      studio.on('orders.bulkChanged', () => void load()),
      studio.onReady(() => void load()),
    ];
    return () => {
      closed = true;
      offs.forEach((off) => off());
    };
  }, [id, tick]);

  const refetch = useCallback(() => setTick((n) => n + 1), []);
  return { ...detail, historyLoaded, error, refetch };
}
