// Which products a coupon covers: search as you type (through catalog.list), tick results, remove chosen ones.
// Plain checkboxes and buttons, so Tab, Space and screen readers work without a custom listbox.
import { useEffect, useId, useState } from 'react';
import type { Product } from '../../../../../electron/core/protocol/contract.ts';
import { displayFen } from '../../../../../electron/core/protocol/money.ts';
import { isCallError, studio } from '../../../api/index.ts';
import { useT } from '../../../i18n/index.ts';
import { useProductSearch } from '../../../ui/useProductSearch.ts';

const RESULT_LIMIT = 20;

interface ProductPickerProps {
  selected: readonly number[];
  onChange(ids: number[]): void;
  error?: string | undefined;
}

export function ProductPicker({ selected, onChange, error }: ProductPickerProps) {
  const { t } = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [known, setKnown] = useState<ReadonlyMap<number, Product | null>>(new Map());
  const results =
    useProductSearch(query, {
      limit: RESULT_LIMIT,
      sort: 'title',
      onResults: (found) => setKnown((map) => new Map([...map, ...found.items.map((p) => [p.id, p] as const)])),
    })?.items ?? null;

  // Chosen products the search has not shown yet (editing an existing coupon): fetch their titles once.
  useEffect(() => {
    const missing = selected.filter((productId) => !known.has(productId));
    if (missing.length === 0) return;
    let cancelled = false;
    void Promise.all(
      missing.map((productId) =>
        studio.call('catalog.get', { id: productId }).then(
          (product) => [productId, product] as const,
          (err: unknown) => [productId, isCallError(err, 'not_found') ? null : undefined] as const,
        ),
      ),
    ).then((found) => {
      if (cancelled) return;
      // A failed lookup (not "not found") adds nothing, so this effect does not run again in a loop.
      const settled = found.filter((entry): entry is readonly [number, Product | null] => entry[1] !== undefined);
      if (settled.length > 0) setKnown((map) => new Map([...map, ...settled]));
    });
    return () => {
      cancelled = true;
    };
  }, [selected, known]);

  const chosen = new Set(selected);
  const toggle = (productId: number, on: boolean) =>
    onChange(on ? [...selected, productId].sort((a, b) => a - b) : selected.filter((x) => x !== productId));
  const titleOf = (productId: number) =>
    known.get(productId)?.title ?? t('couponEditor.unknownProduct', { id: productId });

  return (
    <fieldset
      className={`coupon-picker ${error ? 'field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid="product-picker"
    >
      <legend className="field__label">
        {t('couponEditor.products')} · {t('couponEditor.selected', { count: selected.length })}
      </legend>
      {selected.length > 0 ? (
        <ul className="coupon-picker__chosen">
          {selected.map((productId) => (
            <li
              key={productId}
              className={`coupon-chip ${known.get(productId)?.archived ? 'coupon-chip--warning' : ''}`}
            >
              <span>{titleOf(productId)}</span>
              <button
                type="button"
                className="coupon-chip__remove"
                aria-label={t('couponEditor.removeProduct', { title: titleOf(productId) })}
                onClick={() => toggle(productId, false)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      <label className="visually-hidden" htmlFor={`${id}-search`}>
        {t('couponEditor.productSearch')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        className="field__input"
        placeholder={t('couponEditor.productSearchPlaceholder')}
        value={query}
        autoComplete="off"
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter in the search box must not submit the whole coupon form.
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      {results === null ? (
        <p className="muted">{t('couponEditor.searching')}</p>
      ) : results.length === 0 ? (
        <p className="muted">{t('couponEditor.noProducts')}</p>
      ) : (
        <ul className="coupon-picker__results" aria-label={t('couponEditor.productResults')}>
          {results.map((product) => (
            <li key={product.id}>
              <label className="coupon-picker__result">
                <input
                  type="checkbox"
                  checked={chosen.has(product.id)}
                  onChange={(e) => toggle(product.id, e.currentTarget.checked)}
                />
                <span className="coupon-picker__title">{product.title}</span>
                <span className="coupon-picker__price">{displayFen(product.priceFen)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
