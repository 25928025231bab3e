// The product filter: type to search the library (catalog.list), ↑/↓ to pick, Enter to choose, Esc to close.
// A chosen product shows as a chip with a clear button; the search box comes back when it is cleared.
import { useId, useRef, useState } from 'react';
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { useT } from '../../../i18n/index.ts';
import { useProductSearch } from '../../../ui/useProductSearch.ts';

const RESULT_LIMIT = 12;

interface ProductFilterProps {
  value: { id: number; title: string } | null;
  onChange(product: { id: number; title: string } | null): void;
}

export function ProductFilter({ value, onChange }: ProductFilterProps) {
  const { t } = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const results =
    useProductSearch(query, { enabled: open, limit: RESULT_LIMIT, sort: 'title', onResults: () => setHighlight(0) })
      ?.items ?? [];

  function choose(product: Product): void {
    onChange({ id: product.id, title: product.title });
    setOpen(false);
    setQuery('');
  }

  if (value) {
    return (
      <div className="field orders-filter">
        <span className="field__label" id={`${id}-label`}>
          {t('orders.filter.product')}
        </span>
        <span className="orders-chip" aria-labelledby={`${id}-label`}>
          <span className="orders-chip__text">{value.title}</span>
          <button
            type="button"
            className="orders-chip__remove"
            aria-label={t('orders.filter.clearProduct', { title: value.title })}
            onClick={() => {
              onChange(null);
              // The search box replaces the chip: keep the keyboard where it was.
              setTimeout(() => input.current?.focus(), 0);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      </div>
    );
  }

  const listId = `${id}-list`;
  const showList = open && results.length > 0;
  return (
    <div className="field orders-filter orders-combo">
      <label className="field__label" htmlFor={`${id}-input`}>
        {t('orders.filter.product')}
      </label>
      <input
        id={`${id}-input`}
        ref={input}
        className="field__input"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${id}-opt-${highlight}` : undefined}
        placeholder={t('orders.filter.productPlaceholder')}
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setHighlight((h) => (results.length ? (h + step + results.length) % results.length : 0));
          } else if (e.key === 'Enter' && showList) {
            e.preventDefault();
            const product = results[highlight];
            if (product) choose(product);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {showList ? (
        <ul id={listId} role="listbox" className="orders-combo__list" aria-label={t('orders.filter.product')}>
          {results.map((product, i) => (
            <li
              key={product.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === highlight}
              className="orders-combo__option"
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(product);
              }}
            >
              {product.title}
              {product.sku ? <span className="muted mono"> {product.sku}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
