// A product file's rows gathered into products: a product with 规格 is a row per 规格, its own cells (title, link,
// selling points, picture) repeated on each row or left blank after the first. Pure: no DB.
import { IssueList } from '../protocol/errors.ts';
import { MAX_SKUS } from '../protocol/catalog-schemas.ts';
import type { ProductCsvColumn, ProductRow } from './product-csv.ts';

/** One product's rows, in file order; the first holds the product's own cells. */
export type RowGroup = readonly [ProductRow, ...ProductRow[]];

// The product's own cells, which every row of a group must agree on (a blank cell agrees).
const OWN: ReadonlyArray<[ProductCsvColumn, 'title' | 'link' | 'sellingPoints' | 'imagePath']> = [
  ['title', 'title'],
  ['link', 'link'],
  ['sellingPoints', 'sellingPoints'],
  ['image', 'imagePath'],
];

/**
 * Rows that name the same exported product (商品ID) are one product; so are rows with a 规格 and the same title in
 * a file without 商品ID (a sheet of one's own). A row without either is a product of its own, as before 规格.
 */
export function groupRows(rows: readonly ProductRow[], column: (key: ProductCsvColumn) => string | undefined) {
  const groups: ProductRow[][] = [];
  const byKey = new Map<string, ProductRow[]>();
  for (const row of rows) {
    const key = row.ref !== null ? `ref:${row.ref}` : row.spec !== '' ? `title:${row.title}` : null;
    const group = key === null ? undefined : byKey.get(key);
    if (group) group.push(row);
    else {
      const fresh = [row];
      groups.push(fresh);
      if (key !== null) byKey.set(key, fresh);
    }
  }
  const issues = new IssueList();
  for (const group of groups) {
    const [first, ...rest] = group as unknown as RowGroup;
    for (const row of rest) {
      for (const [key, field] of OWN) {
        const value = row[field];
        if (value === null || value === first[field]) continue;
        const path = column(key) ?? key;
        issues.push({
          path,
          code: 'csv_group_differs',
          line: row.line,
          params: { column: path, firstLine: first.line },
        });
      }
    }
    if (group.length > MAX_SKUS) {
      const path = column('spec') ?? 'spec';
      issues.push({ path, code: 'csv_too_many_specs', line: group[MAX_SKUS]!.line, params: { max: MAX_SKUS } });
    }
  }
  return { groups: groups as unknown as RowGroup[], issues };
}
