// Add from the library: search as you type, ↑/↓ to choose, Enter to add (the list stays open to add more).
// Products already in the bag stay listed but marked, so "is it in?" is answered by the same search.
import { useEffect, useId, useRef, useState } from 'react';
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { describeError } from '../../../i18n/describe.ts';
import { useT } from '../../../i18n/index.ts';
import { Thumbnail } from '../../catalog/list/Thumbnail.tsx';
import { useCall } from '../../../ui/useCall.ts';
import { useProductSearch } from '../../../ui/useProductSearch.ts';

const RESULTS = 20;

interface ProductPickerProps {
  sessionId: number;
  inBag: ReadonlySet<number>;
}

export function ProductPicker({ sessionId, inBag }: ProductPickerProps) {
  const tr = useT();
  const { t } = tr;
  const { call } = useCall();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [adding, setAdding] = useState<ReadonlySet<number>>(new Set());
  /** Enter pressed before the results for what was typed arrived: add their first match when they do. */
  const enterPending = useRef<string | null>(null);
  const addRef = useRef<(product: Product) => void>(() => undefined);

  const search = useProductSearch(query, {
    enabled: open,
    limit: RESULTS,
    onResults: (found) => {
      const first = found.items[0];
      if (enterPending.current === found.query && first) addRef.current(first);
      enterPending.current = null;
    },
  });
  const results = search && { ...search, error: search.error === null ? null : describeError(tr, search.error) };

  const items = results?.items ?? [];
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const activeItem = items[activeIndex];
  const optionId = (product: Product) => `${listId}-${product.id}`;

  async function add(product: Product): Promise<void> {
    if (inBag.has(product.id) || adding.has(product.id)) return;
    setAdding((s) => new Set(s).add(product.id));
    await call('live.bagAdd', { sessionId, productId: product.id });
    setAdding((s) => {
      const next = new Set(s);
      next.delete(product.id);
      return next;
    });
  }

  useEffect(() => {
    addRef.current = (product) => void add(product);
  });

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (items.length > 0) setActive((activeIndex + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Results still for an earlier query would add the wrong product: wait for the ones for this text.
      if (!open || !results || results.query !== query) {
        enterPending.current = query;
        setOpen(true);
      } else if (activeItem) void add(activeItem);
    } else if (event.key === 'Escape') {
      if (open || query) {
        event.preventDefault();
        if (query) setQuery('');
        else setOpen(false);
      }
    }
  }

  return (
    <div className="picker">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {t('live.addSearch')}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        className="search-input picker__input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && activeItem ? optionId(activeItem) : undefined}
        placeholder={t('live.addPlaceholder')}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          enterPending.current = null;
          setQuery(e.currentTarget.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <ul id={listId} role="listbox" className="picker__list" aria-label={t('live.addResults')}>
          {results === null ? <li className="picker__note muted">{t('live.searching')}</li> : null}
          {results?.error ? <li className="picker__note field__error">{results.error}</li> : null}
          {results && !results.error && items.length === 0 ? (
            <li className="picker__note muted">
              {results.query.trim() ? t('live.noMatches', { query: results.query.trim() }) : t('live.libraryEmpty')}
            </li>
          ) : null}
          {items.map((product, index) => {
            const added = inBag.has(product.id);
            const title = product.title || t('live.untitled');
            return (
              <li
                key={product.id}
                id={optionId(product)}
                role="option"
                aria-selected={index === activeIndex}
                aria-disabled={added || undefined}
                className={`picker__option ${index === activeIndex ? 'is-active' : ''} ${added ? 'is-added' : ''}`}
                // Keep focus in the search box so typing and arrows carry on after a click.
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => void add(product)}
              >
                <Thumbnail imageId={product.imageId} alt="" />
                <span className="picker__title">{title}</span>
                <span className="picker__price num">{displayFen(product.priceFen)}</span>
                <span className={`picker__stock num ${product.stock === 0 ? 'is-out' : ''}`}>
                  {t('live.stockShort', { stock: product.stock })}
                </span>
                {added ? <span className="badge picker__mark">{t('live.inBag')}</span> : null}
                {adding.has(product.id) ? <span className="muted">{t('live.adding')}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
