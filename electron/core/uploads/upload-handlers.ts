// Wires the upload methods: each connection's uploads are its own, and go when it does.
import { ownerOf } from '../jobs/job-runner.ts';
import type { StudioServer } from '../rpc/server.ts';
import type { UploadStore } from './upload-store.ts';

export function registerUploads(server: StudioServer, uploads: UploadStore): void {
  server.handle('uploads.begin', ({ kind, name, size }, ctx) => ({
    uploadId: uploads.begin(ctx.connectionId, ownerOf(ctx), kind, name, size),
  }));
  server.handle('uploads.append', ({ uploadId, offset, dataBase64 }, ctx) =>
    uploads.append(ctx.connectionId, uploadId, offset, Buffer.from(dataBase64, 'base64')),
  );
  server.onDisconnect((connectionId) => uploads.dropOwner(connectionId));
}
