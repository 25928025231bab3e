// A screen's search-as-you-type box: a label for screen readers, and Esc that clears the text before it leaves.
import type { Ref } from 'react';

interface SearchBoxProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  inputRef: Ref<HTMLInputElement>;
  onChange(value: string): void;
}

export function SearchBox({ id, label, placeholder, value, inputRef, onChange }: SearchBoxProps) {
  return (
    <div className="toolbar__search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        type="search"
        className="search-input"
        placeholder={placeholder}
        value={value}
        autoComplete="off"
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Esc in the search box clears it first; a second Esc leaves it.
          if (e.key === 'Escape' && value) {
            e.preventDefault();
            onChange('');
          }
        }}
      />
    </div>
  );
}
