// Calls from the console: the outcome reaches the screen through the live.* events (every window sees the
// same show), so a call only has to say when it failed, and why, in the seller's language.
import { useCallback } from 'react';
import type { MethodName, Params, Result } from '../../../../electron/core/protocol/contract.ts';
import { studio } from '../../api/index.ts';
import { describeError } from '../../i18n/describe.ts';
import { useT } from '../../i18n/index.ts';
import { notify } from '../../stores/notices.ts';

export function useLiveCall() {
  const tr = useT();
  return useCallback(
    async <M extends MethodName>(method: M, params: Params<M>): Promise<Result<M> | undefined> => {
      try {
        return await studio.call(method, params);
      } catch (error) {
        notify('error', describeError(tr, error));
        return undefined;
      }
    },
    [tr],
  );
}
