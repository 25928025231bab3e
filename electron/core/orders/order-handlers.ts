// Wires the order methods to the service; the connection says who acts, for each order's history.
import { ownerOf, type JobRunner, type Progress } from '../jobs/job-runner.ts';
import type { UploadStore } from '../uploads/upload-store.ts';
import { allowed, type CallContext, type StudioServer } from '../rpc/server.ts';
import type { OrderService } from './order-service.ts';
import type { Actor } from './order-store.ts';
import { sessionReport } from './order-report.ts';
import type { Db } from '../db/connection.ts';
import { exportFileName } from '../csv/export-file.ts';
import { exportOrders } from './order-export.ts';
import { importShipping } from './order-ship-import.ts';
import { importOrderFile, type OrderFileContext } from './order-file-import.ts';

export function actorOf(ctx: Pick<CallContext, 'role' | 'deviceId' | 'client'>): Actor {
  // Only the host and assistants reach order methods (the overlay page's token calls nothing here).
  return {
    role: ctx.role === 'host' ? 'host' : 'assistant',
    deviceId: ctx.deviceId ?? null,
    client: ctx.client.slice(0, 64) || 'unknown',
  };
}

export function registerOrders(
  server: StudioServer,
  orders: OrderService,
  db: Db,
  jobs: JobRunner,
  uploads: UploadStore,
  files: Omit<OrderFileContext, 'now'>,
): void {
  server.handle('orders.quote', ({ input }) => orders.quote(input));
  server.handle('orders.create', ({ input, key }, ctx) => orders.create(input, actorOf(ctx), key));
  server.handle('orders.get', ({ id }) => ({ order: orders.get(id), history: orders.store.history(id) }));
  server.handle('orders.list', ({ filter, sort, dir, offset, limit }, ctx) => {
    const contacts = allowed(ctx, 'contacts');
    return server.snapshot(() => ({
      ...orders.store.list(filter, sort, dir, offset, limit, contacts),
      totals: orders.store.totals(filter, contacts),
    }));
  });
  server.handle('orders.setStatus', ({ id, to, note, shipment }, ctx) =>
    orders.setStatus(id, to, actorOf(ctx), note, shipment),
  );
  server.handle('orders.report', ({ sessionId }) => sessionReport(db, sessionId));
  // The export reads the database file through its own read-only connection (see order-export.ts).
  server.handle('orders.exportFile', ({ filter, locale, format }, ctx) => {
    const { job } = jobs.start(
      'orders.export',
      async (progress) => {
        const out = jobs.tempPath(`.${format}`);
        const contacts = allowed(ctx, 'contacts');
        const { rows } = await exportOrders(db.name, { filter, locale, format, out, contacts }, progress);
        return { summary: { rows }, file: { ...exportFileName('orders', format), path: out } };
      },
      ownerOf(ctx),
    );
    return { jobId: job.id };
  });
  server.handle('orders.shipFile', ({ uploadId }, ctx) => {
    jobs.assertIdle('orders.ship'); // before the upload is used up: "busy" leaves it there to try again
    const { bytes } = uploads.take(ctx.connectionId, uploadId, 'csv');
    const actor = actorOf(ctx);
    const work = (progress: Progress) => importShipping(orders, bytes, actor, progress);
    return { jobId: jobs.start('orders.ship', work, ownerOf(ctx)).job.id };
  });
  server.handle('orders.importFile', ({ uploadId }, ctx) => {
    jobs.assertIdle('orders.import');
    const { bytes } = uploads.take(ctx.connectionId, uploadId, 'csv');
    const work = (progress: Progress) => importOrderFile(files, bytes, progress);
    return { jobId: jobs.start('orders.import', work, ownerOf(ctx)).job.id };
  });
}
