// Wires the order methods to the service; the connection says who acts, for each order's history.
import type { JobRunner } from '../jobs/job-runner.ts';
import type { CallContext, StudioServer } from '../protocol/server.ts';
import type { OrderService } from './order-service.ts';
import type { Actor } from './order-store.ts';
import { sessionReport } from './order-report.ts';
import type { Db } from '../db/connection.ts';

export function actorOf(ctx: Pick<CallContext, 'role' | 'deviceId' | 'client'>): Actor {
  return { role: ctx.role, deviceId: ctx.deviceId ?? null, client: ctx.client.slice(0, 64) || 'unknown' };
}

export function registerOrders(server: StudioServer, orders: OrderService, db: Db, _jobs: JobRunner): void {
  server.handle('orders.quote', ({ input }) => orders.quote(input));
  server.handle('orders.create', ({ input, key }, ctx) => orders.create(input, actorOf(ctx), key));
  server.handle('orders.get', ({ id }) => ({ order: orders.get(id), history: orders.store.history(id) }));
  server.handle('orders.list', ({ filter, sort, dir, offset, limit }) => ({
    ...orders.store.list(filter, sort, dir, offset, limit),
    totals: orders.store.totals(filter),
    seq: server.currentSeq(),
  }));
  server.handle('orders.setStatus', ({ id, to, note }, ctx) => orders.setStatus(id, to, actorOf(ctx), note));
  server.handle('orders.report', ({ sessionId }) => sessionReport(db, sessionId));
}
