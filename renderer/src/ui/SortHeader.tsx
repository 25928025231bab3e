// A sortable column header: a button inside the header cell (a <th>, or a grid's columnheader), with aria-sort on
// the cell. Which column sorts and how is the list's own (its store); this is only how a header looks and behaves.
interface SortHeaderProps {
  label: string;
  /** This column sorts the list now, and which way; null when another column does. */
  direction: 'asc' | 'desc' | null;
  onSort(): void;
  /** The button's tooltip ("sort by …"). */
  hint: string;
  /** A table's <th>, or a div with the columnheader role (a virtual list's grid). */
  cell?: 'th' | 'columnheader';
  className?: string;
}

export function SortHeader({ label, direction, onSort, hint, cell = 'th', className }: SortHeaderProps) {
  const ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
  const button = (
    <button type="button" className="sort-button" onClick={onSort} title={hint}>
      {label}
      <span className={`sort-button__arrow ${direction ? 'is-active' : ''}`} aria-hidden="true">
        {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
      </span>
    </button>
  );
  return cell === 'th' ? (
    <th scope="col" aria-sort={ariaSort} className={className}>
      {button}
    </th>
  ) : (
    <div role="columnheader" aria-sort={ariaSort} className={className}>
      {button}
    </div>
  );
}
