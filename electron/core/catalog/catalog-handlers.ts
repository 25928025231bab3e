// Wires the product library's protocol methods to its service.
import type { StudioServer } from '../rpc/server.ts';
import { StudioError } from '../protocol/errors.ts';
import { ownerOf, type JobRunner, type Progress } from '../jobs/job-runner.ts';
import type { UploadStore } from '../uploads/upload-store.ts';
import type { CatalogService } from './catalog-service.ts';
import { exportProductsFile } from './product-export.ts';
import { importProducts } from './product-import.ts';

export function registerCatalog(
  server: StudioServer,
  catalog: CatalogService,
  jobs: JobRunner,
  uploads: UploadStore,
): void {
  server.handle('catalog.list', (q) => server.snapshot(() => catalog.list(q)));
  server.handle('catalog.get', ({ id }) => catalog.get(id));
  server.handle('catalog.create', ({ input }) => catalog.create(input));
  server.handle('catalog.update', ({ id, expectedVersion, patch }) => catalog.update(id, expectedVersion, patch));
  server.handle('catalog.archive', ({ id, expectedVersion }) => catalog.setArchived(id, expectedVersion, true));
  server.handle('catalog.restore', ({ id, expectedVersion }) => catalog.setArchived(id, expectedVersion, false));
  server.handle('catalog.uploadImage', async ({ uploadId }, ctx) => ({
    imageId: await catalog.images.save(uploads.take(ctx.connectionId, uploadId, 'image').bytes),
  }));
  server.handle('catalog.thumbnail', ({ imageId }) => {
    const thumb = catalog.images.thumbnail(imageId);
    if (!thumb) throw new StudioError('not_found', 'image not found');
    return { mime: thumb.mime, dataBase64: thumb.bytes.toString('base64') };
  });
  server.handle('catalog.image', ({ imageId }) => {
    const image = catalog.images.original(imageId);
    if (!image) throw new StudioError('not_found', 'image not found');
    return { mime: image.mime, dataBase64: image.bytes.toString('base64') };
  });
  // The pictures were sent beforehand (catalog.uploadImage); the 图片 column is matched to them by name, and no
  // path a client writes is ever opened.
  server.handle('catalog.importFile', ({ uploadId, pictures }, ctx) => {
    jobs.assertIdle('catalog.import'); // before the upload is used up: "busy" leaves it there to try again
    const { bytes } = uploads.take(ctx.connectionId, uploadId, 'csv');
    const options = { pictures: { kind: 'picked' as const, pictures } };
    const work = (progress: Progress) => importProducts(catalog, bytes, progress, options);
    return { jobId: jobs.start('catalog.import', work, ownerOf(ctx)).job.id };
  });
  server.handle('catalog.exportFile', ({ archived, locale, format }, ctx) => {
    const work = (progress: Progress) => exportProductsFile(catalog, { archived, locale, format }, progress);
    return { jobId: jobs.start('catalog.export', work, ownerOf(ctx)).job.id };
  });
}
