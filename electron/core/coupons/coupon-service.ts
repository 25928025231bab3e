// The coupon library's operations. Every change is one SQLite statement or transaction, then one event.
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { Db } from '../db/connection.ts';
import type { Writer } from '../db/writer.ts';
import type { Coupon } from '../protocol/coupon-schemas.ts';
import { StudioError } from '../protocol/errors.ts';
import {
  couponFields,
  pushRefusal,
  type CouponCreate,
  type CouponPatch,
  type CouponRuleContext,
} from './coupon-rules.ts';
import { CouponStore } from './coupon-store.ts';

export class CouponService {
  readonly store: CouponStore;
  readonly rules: CouponRuleContext;
  private readonly writer: Writer;
  private readonly now: () => number;

  constructor(db: Db, catalog: CatalogService, writer: Writer, now: () => number = Date.now) {
    this.store = new CouponStore(db);
    this.writer = writer;
    this.now = now;
    this.rules = {
      productState: (id) => {
        const product = catalog.store.get(id);
        return product === undefined ? undefined : product.archived ? 'archived' : 'active';
      },
    };
  }

  list(archived: boolean): Coupon[] {
    return this.store.list(archived);
  }

  get(id: number): Coupon {
    const coupon = this.store.get(id);
    if (!coupon) throw new StudioError('not_found', `coupon ${id} not found`);
    return coupon;
  }

  /** For the live room (see CouponAccess): why a push would be refused now, or null. */
  pushRefusal(coupon: Coupon, nowMs: number): string | null {
    return pushRefusal(coupon, nowMs);
  }

  create(input: CouponCreate): Promise<Coupon> {
    return this.writer.write((emit) => {
      const coupon = this.store.insert(couponFields(input, this.rules), this.now());
      emit('coupons.changed', { coupon });
      return coupon;
    });
  }

  update(id: number, expectedVersion: number, patch: CouponPatch): Promise<Coupon> {
    return this.writer.write((emit) => {
      const current = this.get(id);
      this.assertVersion(current, expectedVersion);
      const coupon = this.store.update(id, expectedVersion, couponFields(patch, this.rules, current), this.now());
      if (!coupon) throw this.conflict(id);
      emit('coupons.changed', { coupon });
      return coupon;
    });
  }

  setArchived(id: number, expectedVersion: number, archived: boolean): Promise<Coupon> {
    return this.writer.write((emit) => {
      const current = this.get(id);
      this.assertVersion(current, expectedVersion);
      if (current.archived === archived) return current;
      const coupon = this.store.setArchived(id, expectedVersion, archived, this.now());
      if (!coupon) throw this.conflict(id);
      emit('coupons.changed', { coupon });
      return coupon;
    });
  }

  private assertVersion(current: Coupon, expectedVersion: number): void {
    if (current.version !== expectedVersion) throw this.conflict(current.id);
  }

  private conflict(id: number): StudioError {
    return new StudioError('conflict', `coupon ${id} was changed by someone else`, { current: this.store.get(id) });
  }
}
