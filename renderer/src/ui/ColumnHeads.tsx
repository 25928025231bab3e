// A table's header row: each column's label, numbers right-aligned (`num`) so they line up with their cells.

export interface ColumnHead {
  label: string;
  num?: boolean;
}

export function ColumnHeads({ columns }: { columns: readonly ColumnHead[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
