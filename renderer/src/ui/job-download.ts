// Saves a finished job's file as a download, fetched a slice at a time: a million-row export never travels
// as one message, and the browser keeps the slices in a Blob rather than one giant string.
import { studio } from '../api/index.ts';
import { downloadBlob } from './file-transfer.ts';

const CHUNK = 4 * 1024 * 1024;

function decodeBase64(dataBase64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Downloads the job's file; `onProgress` gets bytes fetched so far and the total. Returns the file name. */
export async function downloadJobFile(
  jobId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let size = Infinity;
  let fileName = 'export.csv';
  let mime = 'application/octet-stream';
  while (offset < size) {
    const chunk = await studio.call('jobs.resultChunk', { id: jobId, offset, length: CHUNK });
    ({ fileName, mime, size } = chunk);
    const bytes = decodeBase64(chunk.dataBase64);
    if (bytes.byteLength === 0) break;
    parts.push(bytes);
    offset += bytes.byteLength;
    onProgress?.(offset, size);
  }
  downloadBlob(fileName, new Blob(parts, { type: mime }));
  return fileName;
}
