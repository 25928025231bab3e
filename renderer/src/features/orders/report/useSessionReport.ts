// A show's report and its explanation segments, fetched together and refreshed (throttled) as its orders change.
import { useEffect, useState } from 'react';
import type { SessionDetail, SessionReport } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { currentTranslator } from '../../../i18n/index.ts';
import { studioNow } from '../../../ui/useNow.ts';

const REFRESH_THROTTLE_MS = 1000;

export interface ReportData {
  report: SessionReport;
  detail: SessionDetail;
  /** When it was fetched (studio clock): a show still live is drawn up to this moment. */
  loadedAt: number;
}

export function useSessionReport(sessionId: number) {
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let token = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const load = async () => {
      timer = undefined;
      const mine = ++token;
      try {
        const [report, detail] = await Promise.all([
          studio.call('orders.report', { sessionId }),
          studio.call('live.session', { id: sessionId }),
        ]);
        if (closed || mine !== token) return;
        setData({ report, detail, loadedAt: studioNow() });
        setError(null);
      } catch (err) {
        if (!closed && mine === token) setError(describeError(currentTranslator(), err));
      }
    };
    const later = () => {
      if (timer === undefined) timer = setTimeout(() => void load(), REFRESH_THROTTLE_MS);
    };
    void load();
    const offs = [
      studio.on('orders.changed', ({ order }) => {
        if (order.sessionId === sessionId) later();
      }),
      studio.on('orders.bulkChanged', later),
      // An explanation began or ended: its band on the chart, and its clip below.
      studio.on('live.explainChanged', (changed) => {
        if (changed.sessionId === sessionId) later();
      }),
      studio.onReady(() => void load()),
    ];
    return () => {
      closed = true;
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [sessionId]);

  return { data, error };
}
