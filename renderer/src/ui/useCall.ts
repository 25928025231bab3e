// The one way a screen calls the studio: `call(method, params)` resolves with the result, or with undefined after
// the failure was said in the user's language — as a notice, or where the screen shows it (`onError`: a form's
// refusal line), for all its calls or for one. `run(action)` does the same for a store's action (which calls the
// studio and applies the answer itself); an action that answers nothing resolves with true, so "did it work" is
// always `if (await run(...))`. `busy` is true while any of them is in flight, for the button that
// started it. Stores and the API client call `studio.call` themselves: they are not screens and say nothing.
import { useCallback, useRef, useState } from 'react';
import type { MethodName, Params, Result } from '../../../electron/core/protocol/contract.ts';
import { studio } from '../api/index.ts';
import { describeError } from '../i18n/describe.ts';
import { useT } from '../i18n/index.ts';
import { notify } from '../stores/notices.ts';

export interface CallOptions {
  /** Where a failure is said instead of a notice (the error itself too, for a screen that answers some codes). */
  onError?: (message: string, error: unknown) => void;
}

/** What `run` resolves with when the action worked: its answer, or true for an action that answers nothing. */
type Worked<T> = [T] extends [void] ? true : T;

export function useCall(options: CallOptions = {}) {
  const tr = useT();
  const { onError } = options;
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(0);
  const run = useCallback(
    async <T>(action: () => Promise<T>, once: CallOptions = {}): Promise<Worked<T> | undefined> => {
      inFlight.current += 1;
      setBusy(true);
      try {
        const answer = await action();
        return (answer === undefined ? true : answer) as Worked<T>;
      } catch (error) {
        const message = describeError(tr, error);
        const say = once.onError ?? onError;
        if (say) say(message, error);
        else notify('error', message);
        return undefined;
      } finally {
        inFlight.current -= 1;
        if (inFlight.current === 0) setBusy(false);
      }
    },
    [tr, onError],
  );
  const call = useCallback(
    <M extends MethodName>(method: M, params: Params<M>, once?: CallOptions): Promise<Result<M> | undefined> =>
      // Every method answers something (an object), so a call's answer passes through run as it is.
      run(() => studio.call(method, params), once) as Promise<Result<M> | undefined>,
    [run],
  );
  return { call, run, busy };
}
