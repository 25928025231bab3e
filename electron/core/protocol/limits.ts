// Size limits both sides enforce. Plain constants (no zod), so the renderer can import them cheaply.

/** Product pictures. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** A CSV file (≈ 400,000 products). It travels in slices (uploads.append), never as one message. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
/** One slice of an upload, before base64. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/**
 * The largest protocol message after authentication: an upload slice in base64 with room to spare. Anything
 * bigger is refused by the transport before it is parsed.
 */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/** Values (array items, object fields) in one request's params: well above any real one (a 5,000-picture import). */
export const MAX_PARAM_NODES = 50_000;
/** Nesting depth of a request's params. */
export const MAX_PARAM_DEPTH = 32;

/** The most products one bag holds (WeChat Channels allows a few hundred; more is unusable live). */
export const MAX_BAG_ITEMS = 500;

/** Orders' text fields and sizes. */
export const ORDER_LIMITS = {
  buyer: 40,
  phone: 32,
  address: 300,
  note: 300,
  lines: 20,
  quantity: 9999,
  carrier: 40,
  trackingNo: 64,
} as const;
