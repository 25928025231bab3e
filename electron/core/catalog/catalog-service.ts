// The product library's operations. Every change is one SQLite statement or transaction, then one event.
import type { Db } from '../db/connection.ts';
import { isBusy, type WriteGate } from '../db/write-gate.ts';
import type { ImageStore } from '../media/image-store.ts';
import { StudioError } from '../protocol/errors.ts';
import type { Product, ProductInput } from '../protocol/catalog-schemas.ts';
import type { Publish } from '../publish.ts';
import { productFields, type RuleContext } from './product-rules.ts';
import { ProductStore, type ListQuery } from './product-store.ts';

export class CatalogService {
  readonly store: ProductStore;
  readonly images: ImageStore;
  readonly rules: RuleContext;
  private readonly db: Db;
  private readonly publish: Publish;
  private readonly now: () => number;

  /** Shared with every writer on this connection: a bulk import holds it while it writes. */
  readonly gate: WriteGate;

  constructor(db: Db, images: ImageStore, publish: Publish, gate: WriteGate, now: () => number = Date.now) {
    this.db = db;
    this.gate = gate;
    this.store = new ProductStore(db);
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

  create(input: ProductInput): Product | Promise<Product> {
    return this.gate.run(() => {
      const product = this.store.insert(productFields(input, this.rules), this.now());
      this.publish('catalog.productChanged', { product });
      return product;
    });
  }

  update(id: number, expectedVersion: number, patch: Partial<ProductInput>): Product | Promise<Product> {
    return this.gate.run(() => this.updateNow(id, expectedVersion, patch));
  }

  setArchived(id: number, expectedVersion: number, archived: boolean): Product | Promise<Product> {
    return this.gate.run(() => this.setArchivedNow(id, expectedVersion, archived));
  }

  /**
   * One transaction that may span many event-loop turns (`work` yields). Only for a holder of the gate:
   * nobody else writes meanwhile, so no other change can land inside it.
   */
  async bulkTransaction(work: () => Promise<void>): Promise<void> {
    if (!this.gate.held) throw new Error('bulkTransaction needs the write gate');
    const begin = () => this.db.exec('BEGIN IMMEDIATE');
    // Another process writing (a CLI command): wait for it without blocking the thread.
    try {
      begin();
    } catch (error) {
      if (!isBusy(error)) throw error;
      await this.gate.retryWhileBusy(begin);
    }
    try {
      await work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private updateNow(id: number, expectedVersion: number, patch: Partial<ProductInput>): Product {
    const current = this.get(id);
    this.assertVersion(current, expectedVersion);
    const product = this.store.update(id, expectedVersion, productFields(patch, this.rules, current), this.now());
    if (!product) throw this.conflict(id);
    this.publish('catalog.productChanged', { product });
    return product;
  }

  private setArchivedNow(id: number, expectedVersion: number, archived: boolean): Product {
    const current = this.get(id);
    this.assertVersion(current, expectedVersion);
    if (current.archived === archived) return current;
    const product = this.store.setArchived(id, expectedVersion, archived, this.now());
    if (!product) throw this.conflict(id);
    this.publish('catalog.productChanged', { product });
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
