// Wires the product library's protocol methods to its service.
import type { StudioServer } from '../protocol/server.ts';
import { StudioError } from '../protocol/errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { CatalogService } from './catalog-service.ts';
import { exportProductsCsv } from './product-export.ts';
import { importProductsCsv } from './product-import.ts';

export function registerCatalog(server: StudioServer, catalog: CatalogService, jobs: JobRunner): void {
  server.handle('catalog.list', (q) => ({ ...catalog.list(q), seq: server.currentSeq() }));
  server.handle('catalog.get', ({ id }) => catalog.get(id));
  server.handle('catalog.create', ({ input }) => catalog.create(input));
  server.handle('catalog.update', ({ id, expectedVersion, patch }) => catalog.update(id, expectedVersion, patch));
  server.handle('catalog.archive', ({ id, expectedVersion }) => catalog.setArchived(id, expectedVersion, true));
  server.handle('catalog.restore', ({ id, expectedVersion }) => catalog.setArchived(id, expectedVersion, false));
  server.handle('catalog.uploadImage', async ({ dataBase64 }) => ({
    imageId: await catalog.images.save(Buffer.from(dataBase64, 'base64')),
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
  server.handle('catalog.importCsv', ({ dataBase64 }) => {
    const bytes = Buffer.from(dataBase64, 'base64');
    return { jobId: jobs.start('catalog.import', (progress) => importProductsCsv(catalog, bytes, progress)).job.id };
  });
  server.handle('catalog.exportCsv', ({ archived, locale }) => ({
    jobId: jobs.start('catalog.export', (progress) => exportProductsCsv(catalog, { archived, locale }, progress)).job
      .id,
  }));
}
