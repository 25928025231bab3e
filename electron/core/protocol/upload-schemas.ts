// Files from a client (a CSV, a picture) travel in slices: no message ever carries a whole file, so the message
// limit stays small for everyone. An upload belongs to the connection that began it and is consumed by the
// call that uses it (catalog.importFile, catalog.uploadImage, orders.shipFile).
import { z } from 'zod';
import { MAX_CSV_BYTES, UPLOAD_CHUNK_BYTES } from './limits.ts';

export const UPLOAD_KINDS = ['csv', 'image'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** Base64 of at most `maxBytes` bytes. */
export const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const uploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const uploadMethods = {
  /** Announces a file: its kind and size (checked against that kind's limit before a byte is sent). */
  'uploads.begin': {
    params: z.strictObject({
      kind: z.enum(UPLOAD_KINDS),
      name: z.string().max(255),
      size: z.number().int().min(1).max(MAX_CSV_BYTES),
    }),
    result: z.object({ uploadId: z.string() }),
  },
  /** The next slice; `offset` must be what was received so far (a resent slice is refused, not doubled). */
  'uploads.append': {
    params: z.strictObject({
      uploadId: uploadIdSchema,
      offset: z.number().int().min(0),
      dataBase64: base64(UPLOAD_CHUNK_BYTES),
    }),
    result: z.object({ received: z.number().int(), size: z.number().int() }),
  },
} as const;
