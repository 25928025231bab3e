// The price before Enter: `orders.quote` for what is typed, debounced, and asked again whenever the input or the
// `revision` (the product's price, the running coupons) changes. A reply for an older input is dropped.
import { useEffect, useState } from 'react';
import type { Quote, QuoteInput } from '../../../../../electron/core/protocol/contract.ts';
import { studio } from '../../../api/index.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';

const DEBOUNCE_MS = 150;

export interface QuoteView {
  quote: Quote | null;
  error: string | null;
  /** The quote shown is for an earlier input; a fresh one is on its way. */
  stale: boolean;
}

export function useOrderQuote(input: QuoteInput | null, revision: string): QuoteView {
  const tr = useT();
  const key = input ? JSON.stringify(input) : null;
  const [answer, setAnswer] = useState<{ key: string; quote: Quote | null; error: unknown }>({
    key: '',
    quote: null,
    error: null,
  });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      studio.call('orders.quote', { input: JSON.parse(key) as QuoteInput }).then(
        (quote) => current && setAnswer({ key, quote, error: null }),
        (error: unknown) => current && setAnswer({ key, quote: null, error }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, revision]);

  if (key === null) return { quote: null, error: null, stale: false };
  const fresh = answer.key === key;
  return {
    // An earlier quote stays up while the next one comes, so the figures do not flicker with every key.
    quote: answer.quote,
    error: fresh && answer.error ? describeError(tr, answer.error) : null,
    stale: !fresh,
  };
}
