// Other shows' reports, for comparing their sales with this one's: the same `orders.report` call per show,
// made once when the show is chosen (earlier shows have ended: their minutes no longer change).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SessionReport } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { currentTranslator } from '../../../i18n/index.ts';

export interface ComparedShow {
  sessionId: number;
  /** null while loading, or when it failed (then `error` says why). */
  report: SessionReport | null;
  error: string | null;
}

type Fetched = { report: SessionReport; error: null } | { report: null; error: string };

/** One entry per id, in the order given; a show that failed is asked again when it is chosen again. */
export function useComparedReports(ids: readonly number[]): ComparedShow[] {
  const [fetched, setFetched] = useState<ReadonlyMap<number, Fetched>>(new Map());
  const asked = useRef(new Set<number>());

  useEffect(() => {
    for (const sessionId of ids) {
      if (asked.current.has(sessionId)) continue;
      asked.current.add(sessionId);
      studio.call('orders.report', { sessionId }).then(
        (report) => setFetched((known) => new Map(known).set(sessionId, { report, error: null })),
        (err: unknown) => {
          asked.current.delete(sessionId);
          const error = describeError(currentTranslator(), err);
          setFetched((known) => new Map(known).set(sessionId, { report: null, error }));
        },
      );
    }
  }, [ids]);

  return useMemo(
    () => ids.map((sessionId) => ({ sessionId, report: null, error: null, ...fetched.get(sessionId) })),
    [ids, fetched],
  );
}
