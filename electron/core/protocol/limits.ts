// Size limits both sides enforce. Plain constants (no zod), so the renderer can import them cheaply.

/** Product pictures. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** A CSV sent through the protocol (≈ 400,000 products); base64 makes the message a third larger. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

/** The most products one bag holds (WeChat Channels allows a few hundred; more is unusable live). */
export const MAX_BAG_ITEMS = 500;
