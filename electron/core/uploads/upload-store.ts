// Files on their way in, held in memory until the call that uses them takes them. Bounded per connection and per
// principal (the host; each paired device, over all its connections), so no device can use up what the host needs
// for its own import; a connection that leaves takes its unfinished uploads with it, and an upload left idle expires.
import crypto from 'node:crypto';
import { refused, StudioError } from '../protocol/errors.ts';
import { MAX_CSV_BYTES, MAX_IMAGE_BYTES } from '../protocol/limits.ts';
import type { UploadKind } from '../protocol/upload-schemas.ts';

const MAX_BYTES: Record<UploadKind, number> = { csv: MAX_CSV_BYTES, image: MAX_IMAGE_BYTES };
/** Uploads one connection may have open at once (a CSV and its pictures go one after another). */
export const MAX_OPEN_PER_CONNECTION = 4;
/** Bytes announced by one principal's open uploads together: a full-size CSV and its pictures fit. */
export const MAX_OPEN_BYTES = 128 * 1024 * 1024;
const IDLE_MS = 10 * 60_000;

interface Upload {
  owner: number;
  principal: string;
  kind: UploadKind;
  name: string;
  size: number;
  chunks: Buffer[];
  received: number;
  touchedAt: number;
}

export interface FinishedUpload {
  name: string;
  bytes: Buffer;
}

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** `owner` is the connection; `principal` who is behind it ('host', or 'device:<id>'). */
  begin(owner: number, principal: string, kind: UploadKind, name: string, size: number): string {
    this.expire();
    if (size > MAX_BYTES[kind])
      throw new StudioError('too_large', `a ${kind} upload is at most ${MAX_BYTES[kind]} bytes`);
    const open = [...this.uploads.values()];
    const mine = open.filter((u) => u.owner === owner).length;
    const announced = open.filter((u) => u.principal === principal).reduce((sum, u) => sum + u.size, 0);
    if (mine >= MAX_OPEN_PER_CONNECTION || announced + size > MAX_OPEN_BYTES) {
      throw refused('uploads_busy', 'too many uploads are open; finish or cancel one first');
    }
    const id = crypto.randomBytes(12).toString('base64url');
    this.uploads.set(id, { owner, principal, kind, name, size, chunks: [], received: 0, touchedAt: this.now() });
    return id;
  }

  append(owner: number, id: string, offset: number, bytes: Buffer): { received: number; size: number } {
    this.expire();
    const upload = this.mine(owner, id);
    if (offset !== upload.received) {
      throw refused('upload_offset', `expected offset ${upload.received}`, { expected: upload.received });
    }
    if (upload.received + bytes.byteLength > upload.size) {
      this.uploads.delete(id);
      throw new StudioError('too_large', 'more bytes than announced');
    }
    upload.chunks.push(bytes);
    upload.received += bytes.byteLength;
    upload.touchedAt = this.now();
    return { received: upload.received, size: upload.size };
  }

  /** The whole file, once all of it arrived; the upload is gone afterwards. */
  take(owner: number, id: string, kind: UploadKind): FinishedUpload {
    const upload = this.mine(owner, id);
    if (upload.kind !== kind) throw new StudioError('bad_request', `upload ${id} is not a ${kind}`);
    if (upload.received !== upload.size) {
      throw refused('upload_incomplete', `upload ${id} has ${upload.received} of ${upload.size} bytes`);
    }
    this.uploads.delete(id);
    return { name: upload.name, bytes: Buffer.concat(upload.chunks, upload.size) };
  }

  /** A connection ended: its unfinished uploads go. */
  dropOwner(owner: number): void {
    for (const [id, upload] of this.uploads) if (upload.owner === owner) this.uploads.delete(id);
  }

  openCount(): number {
    return this.uploads.size;
  }

  private mine(owner: number, id: string): Upload {
    const upload = this.uploads.get(id);
    // Another connection's upload is as unknown as a made-up id.
    if (!upload || upload.owner !== owner) throw new StudioError('not_found', `no upload ${id}`);
    return upload;
  }

  private expire(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const [id, upload] of this.uploads) if (upload.touchedAt < cutoff) this.uploads.delete(id);
  }
}
