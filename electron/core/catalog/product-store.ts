// The products table: SQL in, Product objects out. No validation here (see product-rules.ts).
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import { recordMeta } from '../db/record-meta.ts';
import type { LinkKind, Product, ProductSort, Sku } from '../protocol/catalog-schemas.ts';
import { SkuStore, sameSkus, skusEdited, type SkuFields } from './sku-store.ts';

export interface ProductRow {
  id: number;
  title: string;
  price_fen: number;
  original_price_fen: number | null;
  stock: number;
  sku: string | null;
  link: string | null;
  link_kind: LinkKind | null;
  selling_points: string;
  image_id: string | null;
  shop_product_id: string | null;
  archived_at: number | null;
  version: number;
  /** Bumped only when what a person edits changes (not by stock an order takes or returns): see import. */
  edit_version: number;
  created_at: number;
  updated_at: number;
}

/**
 * What is stored for a product, already validated and normalised. Price, crossed-out price, stock and code are the
 * summary of `skus` (product-rules.ts computes it the way the database's triggers keep it).
 */
export interface ProductFields {
  title: string;
  skus: SkuFields[];
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
  sku: string | null;
  link: string | null;
  linkKind: LinkKind | null;
  sellingPoints: string;
  imageId: string | null;
}

export interface ListQuery {
  query: string;
  archived: boolean;
  sort: ProductSort;
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<ProductSort, string> = {
  updated: 'updated_at',
  created: 'id',
  title: 'title',
  price: 'price_fen',
  stock: 'stock',
  sku: 'sku',
};

export function toProduct(row: ProductRow, skus: Sku[]): Product {
  return {
    id: row.id,
    title: row.title,
    priceFen: row.price_fen,
    originalPriceFen: row.original_price_fen,
    stock: row.stock,
    sku: row.sku,
    skus,
    link: row.link,
    linkKind: row.link_kind,
    sellingPoints: row.selling_points,
    imageId: row.image_id,
    shopProductId: row.shop_product_id,
    ...recordMeta(row),
  };
}

// Parameters are named as ProductFields names them, so the fields bind as they are (their skus are not a column).
const INSERT_SQL = `INSERT INTO products (title, price_fen, original_price_fen, stock, sku, link, link_kind, selling_points, image_id, created_at, updated_at)
  VALUES (@title, @priceFen, @originalPriceFen, @stock, @sku, @link, @linkKind, @sellingPoints, @imageId, @now, @now)`;

/** True when storing `fields` would change nothing about `p`. */
export function sameFields(p: Product, f: ProductFields): boolean {
  return (
    p.title === f.title &&
    sameSkus(p.skus, f.skus) &&
    p.link === f.link &&
    p.sellingPoints === f.sellingPoints &&
    p.imageId === f.imageId
  );
}

/** `%`, `_` and `\` in what the seller typed are literal, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class ProductStore {
  private readonly byId;
  private readonly editVersionStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly archiveStmt;
  private readonly countStmt;
  private readonly insertQuietStmt;
  private readonly db: Db;
  readonly skus: SkuStore;
  private readonly listStatements = new Map<string, Statement<Record<string, string | number>, unknown>>();

  constructor(db: Db) {
    this.db = db;
    this.skus = new SkuStore(db);
    this.byId = db.prepare<[number], ProductRow>('SELECT * FROM products WHERE id = ?');
    this.editVersionStmt = db.prepare<[number], { edit_version: number }>(
      'SELECT edit_version FROM products WHERE id = ?',
    );
    this.insertStmt = db.prepare<[ProductFields & { now: number }], ProductRow>(`${INSERT_SQL} RETURNING *`);
    this.insertQuietStmt = db.prepare<[ProductFields & { now: number }]>(INSERT_SQL);
    // The version check lives in the WHERE clause: a stale edit updates nothing instead of overwriting.
    this.updateStmt = db.prepare<
      [ProductFields & { id: number; expected: number; now: number; skus_edited: number }],
      ProductRow
    >(
      `UPDATE products SET title = @title, price_fen = @priceFen, original_price_fen = @originalPriceFen, stock = @stock,
         sku = @sku, link = @link, link_kind = @linkKind, selling_points = @sellingPoints, image_id = @imageId,
         version = version + 1, updated_at = @now,
         edit_version = edit_version + (title IS NOT @title OR price_fen IS NOT @priceFen
           OR original_price_fen IS NOT @originalPriceFen OR sku IS NOT @sku OR link IS NOT @link
           OR selling_points IS NOT @sellingPoints OR image_id IS NOT @imageId OR @skus_edited)
       WHERE id = @id AND version = @expected RETURNING *`,
    );
    this.archiveStmt = db.prepare<{ id: number; expected: number; archived: number | null; now: number }, ProductRow>(
      `UPDATE products SET archived_at = @archived, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @expected RETURNING *`,
    );
    this.countStmt = db.prepare<[], { active: number; archived: number }>(
      `SELECT coalesce(sum(archived_at IS NULL), 0) AS active, coalesce(sum(archived_at IS NOT NULL), 0) AS archived FROM products`,
    );
  }

  get(id: number): Product | undefined {
    const row = this.byId.get(id);
    return row && toProduct(row, this.skus.of(id));
  }

  private withSkus(rows: ProductRow[]): Product[] {
    const skus = this.skus.ofMany(rows.map((row) => row.id));
    return rows.map((row) => toProduct(row, skus.get(row.id) ?? []));
  }

  /** How many times what a person edits has changed (see ProductRow.edit_version). */
  editVersionOf(id: number): number | undefined {
    return this.editVersionStmt.get(id)?.edit_version;
  }

  /** The product with this 商品编码: a product with one SKU by its code, or the product of the SKU that has it. */
  getBySku(sku: string): Product | undefined {
    // Two indexed lookups, not a join: on 100,000 products the join took 4× as long per code (imports ask per row).
    const owner = this.skus.withCode(sku);
    return owner && this.get(owner.productId);
  }

  /** The product and its SKUs, in one transaction (a savepoint inside a caller's). */
  insert(fields: ProductFields, now: number): Product {
    return this.db.transaction(() => {
      const row = this.insertStmt.get({ ...fields, now })!;
      this.skus.insertAll(row.id, fields.skus, now);
      return this.get(row.id)!;
    })();
  }

  /**
   * For bulk imports, inside their one transaction (Writer.bulk): no RETURNING, no object built per row (a
   * third of the import's time otherwise), no savepoint per row.
   */
  insertQuiet(fields: ProductFields, now: number): void {
    const id = Number(this.insertQuietStmt.run({ ...fields, now }).lastInsertRowid);
    this.skus.insertAll(id, fields.skus, now);
  }

  /** Returns undefined when `expected` is no longer the current version. One transaction, as insert. */
  update(id: number, expected: number, fields: ProductFields, now: number): Product | undefined {
    return this.db.transaction(() => {
      const before = this.skus.of(id);
      const skus_edited = Number(skusEdited(before, fields.skus));
      const row = this.updateStmt.get({ ...fields, id, expected, now, skus_edited });
      if (!row) return undefined;
      this.skus.replace(id, fields.skus, now);
      return this.get(id);
    })();
  }

  setArchived(id: number, expected: number, archived: boolean, now: number): Product | undefined {
    const row = this.archiveStmt.get({ id, expected, archived: archived ? now : null, now });
    return row && toProduct(row, this.skus.of(id));
  }

  counts(): { active: number; archived: number } {
    return this.countStmt.get()!;
  }

  list(q: ListQuery): { total: number; items: Product[] } {
    const where = [q.archived ? 'archived_at IS NOT NULL' : 'archived_at IS NULL'];
    const params: Record<string, string | number> = { limit: q.limit, offset: q.offset };
    const text = q.query.trim();
    if (text) {
      where.push(
        `(title LIKE @like ESCAPE '\\' OR sku LIKE @like ESCAPE '\\' OR selling_points LIKE @like ESCAPE '\\')`,
      );
      params.like = likePattern(text);
    }
    const whereSql = where.join(' AND ');
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    // id as the tie-breaker keeps paging stable when many rows share a sort value.
    const order = `${SORT_COLUMNS[q.sort]} ${dir}, id ${dir}`;
    const total = this.cached<{ n: number }>(`SELECT count(*) AS n FROM products WHERE ${whereSql}`).get(params)!.n;
    const rows = this.cached<ProductRow>(
      `SELECT * FROM products WHERE ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    ).all(params);
    return { total, items: this.withSkus(rows) };
  }

  /** The list's SQL varies only by filter and sort (a few dozen texts): prepare each once, not per keystroke. */
  private cached<Row>(sql: string): Statement<Record<string, string | number>, Row> {
    let statement = this.listStatements.get(sql);
    if (!statement) this.listStatements.set(sql, (statement = this.db.prepare(sql)));
    return statement as Statement<Record<string, string | number>, Row>;
  }

  /** Every product, in id order, a page at a time (exports never hold the whole table in memory). */
  *iterate(archived: boolean | 'all', pageSize = 2000): Generator<Product> {
    for (const { product } of this.iterateWithEditVersion(archived, pageSize)) yield product;
  }

  /** The same with each product's edit version (an export writes it, for the re-import). */
  *iterateWithEditVersion(
    archived: boolean | 'all',
    pageSize = 2000,
  ): Generator<{ product: Product; editVersion: number }> {
    let page: ProductRow[] = [];
    const flush = function* (this: ProductStore) {
      const products = this.withSkus(page);
      for (const [i, product] of products.entries()) yield { product, editVersion: page[i]!.edit_version };
      page = [];
    }.bind(this);
    for (const row of this.iterateRows(archived, pageSize)) {
      page.push(row);
      if (page.length === pageSize) yield* flush();
    }
    yield* flush();
  }

  /** Every product as stored, in id order, a page at a time. */
  private *iterateRows(archived: boolean | 'all', pageSize = 2000): Generator<ProductRow> {
    const filter = archived === 'all' ? '' : archived ? 'AND archived_at IS NOT NULL' : 'AND archived_at IS NULL';
    const page = this.db.prepare<[number, number], ProductRow>(
      `SELECT * FROM products WHERE id > ? ${filter} ORDER BY id LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after, pageSize);
      yield* rows;
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.id;
    }
  }

  count(archived: boolean | 'all'): number {
    const c = this.counts();
    return archived === 'all' ? c.active + c.archived : archived ? c.archived : c.active;
  }
}
