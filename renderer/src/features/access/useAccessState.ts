// The host's view of assistant access while the settings screen is open: a snapshot, then every
// 'access.changed' (devices connecting and leaving included), and a fresh snapshot after each reconnect.
// Replies and events share one ordered channel, so whichever arrives last is the newest state.
import { useCallback, useEffect, useState } from 'react';
import type { AccessState } from '../../../../electron/core/protocol/contract.ts';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { currentTranslator } from '../../i18n/index.ts';

export function useAccessState(): {
  state: AccessState | null;
  error: string | null;
  /** For replies of our own calls (they carry the state too). */
  apply(state: AccessState): void;
} {
  const [state, setState] = useState<AccessState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let mounted = true;
    const load = () => {
      studio.call('access.state', {}).then(
        (next) => {
          if (!mounted) return;
          setState(next);
          setError(null);
        },
        (failure: unknown) => {
          if (mounted) setError(describeError(currentTranslator(), failure));
        },
      );
    };
    const offChanged = studio.on('access.changed', ({ state: next }) => setState(next));
    const offReady = studio.onReady(load);
    load();
    return () => {
      mounted = false;
      offChanged();
      offReady();
    };
  }, []);

  const apply = useCallback((next: AccessState) => setState(next), []);
  return { state, error, apply };
}
