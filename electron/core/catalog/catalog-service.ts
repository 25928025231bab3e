// The product library's operations. Every change is one SQLite statement or transaction, then one event.
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { ImageStore } from '../media/image-store.ts';
import { StudioError } from '../protocol/errors.ts';
import type { Product, ProductInput } from '../protocol/catalog-schemas.ts';
import type { Publish } from '../publish.ts';
import { productFields, type RuleContext } from './product-rules.ts';
import { ProductStock } from './product-stock.ts';
import { ProductStore, type ListQuery } from './product-store.ts';

export class CatalogService {
  readonly store: ProductStore;
  /** Stock taken and put back by orders. */
  readonly stock: ProductStock;
  readonly images: ImageStore;
  readonly rules: RuleContext;
  private readonly db: Db;
  private readonly publish: Publish;
  private readonly now: () => number;

  /** The studio's one writer: a bulk import holds it while it writes. */
  readonly writer: Writer;

  constructor(db: Db, images: ImageStore, publish: Publish, writer: Writer, now: () => number = Date.now) {
    this.db = db;
    this.writer = writer;
    this.store = new ProductStore(db);
    this.stock = new ProductStock(db);
    this.images = images;
    this.publish = publish;
    this.now = now;
    this.rules = {
      skuOwner: (sku) => this.store.skus.withCode(sku)?.productId,
      imageExists: (id) => this.images.exists(id),
    };
  }

  list(q: ListQuery): { total: number; items: Product[] } {
    return this.store.list(q);
  }

  get(id: number): Product {
    const product = this.store.get(id);
    if (!product) throw new StudioError('not_found', `product ${id} not found`);
    return product;
  }

  create(input: ProductInput): Promise<Product> {
    return this.writer.write((emit) => {
      const product = this.store.insert(productFields(input, this.rules), this.now());
      emit('catalog.productChanged', { product });
      return product;
    });
  }

  update(id: number, expectedVersion: number, patch: Partial<ProductInput>): Promise<Product> {
    return this.writer.write((emit) => this.updateNow(emit, id, expectedVersion, patch));
  }

  setArchived(id: number, expectedVersion: number, archived: boolean): Promise<Product> {
    return this.writer.write((emit) => this.setArchivedNow(emit, id, expectedVersion, archived));
  }

  private updateNow(emit: Publish, id: number, expectedVersion: number, patch: Partial<ProductInput>): Product {
    const current = this.get(id);
    this.assertVersion(current, expectedVersion);
    const product = this.store.update(id, expectedVersion, productFields(patch, this.rules, current), this.now());
    if (!product) throw this.conflict(id);
    emit('catalog.productChanged', { product });
    return product;
  }

  private setArchivedNow(emit: Publish, id: number, expectedVersion: number, archived: boolean): Product {
    const current = this.get(id);
    this.assertVersion(current, expectedVersion);
    if (current.archived === archived) return current;
    const product = this.store.setArchived(id, expectedVersion, archived, this.now());
    if (!product) throw this.conflict(id);
    emit('catalog.productChanged', { product });
    return product;
  }

  /** This data directory's id (see the meta table): the prefix of exported product refs. */
  studioId(): string {
    return (this.db.prepare(`SELECT value FROM meta WHERE key = 'studio_id'`).get() as { value: string }).value;
  }

  publishBulk(counts: { created: number; updated: number }): void {
    this.publish('catalog.bulkChanged', counts);
  }

  private assertVersion(current: Product, expectedVersion: number): void {
    if (current.version !== expectedVersion) throw this.conflict(current.id);
  }

  private conflict(id: number): StudioError {
    return new StudioError('conflict', `product ${id} was changed by someone else`, { current: this.store.get(id) });
  }
}
