// Files go to the studio in slices (uploads.begin / uploads.append): no message ever carries a whole file, so the
// studio can refuse anything big before reading it. The call that uses the upload names it by id.
import { UPLOAD_CHUNK_BYTES } from '../../../electron/core/protocol/limits.ts';
import type { UploadKind } from '../../../electron/core/protocol/upload-schemas.ts';
import { readFileAsBase64 } from '../ui/file-transfer.ts';
import { studio } from './index.ts';

/** Sends `file`; `onProgress` hears the bytes sent so far. Resolves with the upload's id. */
export async function uploadFile(
  file: File,
  kind: UploadKind,
  onProgress?: (sent: number, total: number) => void,
): Promise<string> {
  const { uploadId } = await studio.call('uploads.begin', { kind, name: file.name.slice(0, 255), size: file.size });
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const dataBase64 = await readFileAsBase64(file.slice(offset, offset + UPLOAD_CHUNK_BYTES));
    await studio.call('uploads.append', { uploadId, offset, dataBase64 });
    onProgress?.(Math.min(file.size, offset + UPLOAD_CHUNK_BYTES), file.size);
  }
  return uploadId;
}

/** A picture into the library; resolves with its image id (the same picture twice is stored once). */
export async function uploadPicture(file: File): Promise<string> {
  const uploadId = await uploadFile(file, 'image');
  return (await studio.call('catalog.uploadImage', { uploadId })).imageId;
}
