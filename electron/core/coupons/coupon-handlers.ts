// Wires the coupon library's protocol methods to its service.
import type { StudioServer } from '../rpc/server.ts';
import type { CouponService } from './coupon-service.ts';

export function registerCoupons(server: StudioServer, coupons: CouponService): void {
  server.handle('coupons.list', ({ archived }) => server.snapshot(() => ({ items: coupons.list(archived) })));
  server.handle('coupons.create', ({ input }) => coupons.create(input));
  server.handle('coupons.update', ({ id, expectedVersion, patch }) => coupons.update(id, expectedVersion, patch));
  server.handle('coupons.archive', ({ id, expectedVersion }) => coupons.setArchived(id, expectedVersion, true));
  server.handle('coupons.restore', ({ id, expectedVersion }) => coupons.setArchived(id, expectedVersion, false));
}
