// Searching the product library as the user types (catalog.list): debounced, the latest answer only (an older one
// arriving late never replaces it), and what each answer was for. Every product picker uses this one.
import { useEffect, useRef, useState } from 'react';
import type { Params, Product } from '../../../electron/core/protocol/contract.ts';
import { studio } from '../api/index.ts';

const SEARCH_DEBOUNCE_MS = 200;

export interface ProductResults {
  /** What was typed when these were asked for. */
  query: string;
  items: Product[];
  /** Why the search failed, as the caller describes it (null when it did not). */
  error: unknown;
}

interface SearchOptions {
  /** Off while the picker is closed: nothing is asked. */
  enabled?: boolean;
  limit: number;
  sort?: Params<'catalog.list'>['sort'];
  /** Each answer as it arrives (before it shows): to remember titles, or act on Enter pressed early. */
  onResults?(results: ProductResults): void;
}

export function useProductSearch(query: string, options: SearchOptions): ProductResults | null {
  const { enabled = true, limit, sort } = options;
  const [results, setResults] = useState<ProductResults | null>(null);
  const onResults = useRef(options.onResults);
  useEffect(() => {
    onResults.current = options.onResults;
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const timer = setTimeout(() => {
      const answer = (found: ProductResults) => {
        if (!current) return;
        onResults.current?.(found);
        setResults(found);
      };
      studio.call('catalog.list', { query: query.trim(), limit, ...(sort ? { sort, dir: 'asc' as const } : {}) }).then(
        (page) => answer({ query, items: page.items, error: null }),
        (error: unknown) => answer({ query, items: [], error }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [enabled, query, limit, sort]);

  return results;
}
