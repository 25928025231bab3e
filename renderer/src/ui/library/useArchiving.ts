// Archive and restore from a library's rows: a row is busy while its own call is in flight, and only that row.
// The handlers keep their identity and always run the latest `change`, so memoised rows do not render again.
import { useCallback, useEffect, useRef, useState } from 'react';

export function useArchiving<Item extends { id: number }>(change: (item: Item, archive: boolean) => Promise<void>) {
  const [busyIds, setBusyIds] = useState<ReadonlySet<number>>(new Set());
  const latest = useRef(change);
  useEffect(() => {
    latest.current = change;
  });

  const run = useCallback(async (item: Item, archive: boolean) => {
    setBusyIds((ids) => new Set(ids).add(item.id));
    try {
      await latest.current(item, archive);
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(item.id);
        return next;
      });
    }
  }, []);
  const onArchive = useCallback((item: Item) => void run(item, true), [run]);
  const onRestore = useCallback((item: Item) => void run(item, false), [run]);
  return { busyIds, onArchive, onRestore };
}
