// The product library's part of the contract: what a product is and what may be asked of the catalogue.
import { z } from 'zod';
import { exportFormatSchema } from './jobs-schemas.ts';
import { MAX_FEN } from './money.ts';
import { uploadIdSchema } from './upload-schemas.ts';

const fen = z.number().int().min(0).max(MAX_FEN);
const optionalText = (max: number) => z.string().max(max).nullable().optional();

const stockCount = z.number().int().min(0).max(1_000_000_000);

/** One 规格 as sent: `id` names an existing SKU of the product (kept, and what its orders name), none a new one. */
export const skuInputSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  /** "5 kg / 红色"; empty only for a product's one SKU. */
  spec: z.string().max(100),
  priceFen: fen,
  originalPriceFen: fen.nullable().optional(),
  stock: stockCount,
  /** 商品编码 */
  code: optionalText(64),
});
export type SkuInput = z.infer<typeof skuInputSchema>;

/** The most 规格 a product may have (微信小店 allows a few hundred; a live bag shows a handful). */
export const MAX_SKUS = 200;

export const productInputSchema = z.strictObject({
  title: z.string().max(200),
  // A product with one SKU may be sent as before: price, crossed-out price, stock and code are its SKU's. With
  // `skus`, those four are the SKUs' and may not be sent beside them.
  priceFen: fen.optional(),
  originalPriceFen: fen.nullable().optional(),
  stock: stockCount.optional(),
  sku: optionalText(64),
  skus: z.array(skuInputSchema).min(1).max(MAX_SKUS).optional(),
  link: optionalText(2000),
  sellingPoints: z.string().max(4000).optional(),
  imageId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .optional(),
});
export type ProductInput = z.infer<typeof productInputSchema>;

export const LINK_KINDS = ['miniprogram', 'url', 'article'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const skuSchema = z.object({
  id: z.number().int(),
  spec: z.string(),
  priceFen: z.number().int(),
  originalPriceFen: z.number().int().nullable(),
  stock: z.number().int(),
  code: z.string().nullable(),
});
export type Sku = z.infer<typeof skuSchema>;

export const productSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  /** The cheapest SKU's price ("¥39.9 起" when the SKUs' prices differ), and its crossed-out price. */
  priceFen: z.number().int(),
  originalPriceFen: z.number().int().nullable(),
  /** Every SKU's stock, summed. */
  stock: z.number().int(),
  /** The 商品编码 of a product with one SKU; null with several (each has its own). */
  sku: z.string().nullable(),
  /** Its 规格, in the order the seller gave them; one with an empty spec for a product without specifications. */
  skus: z.array(skuSchema),
  link: z.string().nullable(),
  linkKind: z.enum(LINK_KINDS).nullable(),
  sellingPoints: z.string(),
  imageId: z.string().nullable(),
  /** The 微信小店 product this one is linked to: its title, prices, stock and 规格 are refreshed from the shop. */
  shopProductId: z.string().nullable(),
  archived: z.boolean(),
  /** Bumped on every change; an update must name the version it was based on. */
  version: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Product = z.infer<typeof productSchema>;

export const PRODUCT_SORTS = ['updated', 'created', 'title', 'price', 'stock', 'sku'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const productListParams = z.strictObject({
  query: z.string().max(200).default(''),
  archived: z.boolean().default(false),
  sort: z.enum(PRODUCT_SORTS).default('updated'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

const idParam = z.number().int().positive();
const versioned = { id: idParam, expectedVersion: z.number().int().positive() };

const imageIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const catalogMethods = {
  'catalog.list': {
    params: productListParams,
    result: z.object({ total: z.number().int(), items: z.array(productSchema), seq: z.number().int() }),
  },
  'catalog.get': { params: z.strictObject({ id: idParam }), result: productSchema },
  'catalog.create': { params: z.strictObject({ input: productInputSchema }), result: productSchema },
  'catalog.update': {
    params: z.strictObject({ ...versioned, patch: productInputSchema.partial() }),
    result: productSchema,
  },
  'catalog.archive': { params: z.strictObject(versioned), result: productSchema },
  'catalog.restore': { params: z.strictObject(versioned), result: productSchema },
  /** A picture sent with uploads.begin/append (kind `image`) becomes a library image. */
  'catalog.uploadImage': {
    params: z.strictObject({ uploadId: uploadIdSchema }),
    result: z.object({ imageId: z.string() }),
  },
  'catalog.thumbnail': {
    params: z.strictObject({ imageId: imageIdSchema }),
    result: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
  /** The picture as uploaded, for print-size uses (a session poster); lists use the thumbnail. */
  'catalog.image': {
    params: z.strictObject({ imageId: imageIdSchema }),
    result: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
  /**
   * A CSV or .xlsx file sent with uploads.begin/append (kind `csv`: any spreadsheet file). Its 图片 cells are matched by name to `pictures`, the files
   * the user picked with it (each already a library image); the core opens no path a client names.
   */
  'catalog.importFile': {
    params: z.strictObject({
      uploadId: uploadIdSchema,
      pictures: z
        .array(z.strictObject({ name: z.string().min(1).max(255), imageId: imageIdSchema }))
        .max(10_000)
        .default([]),
    }),
    result: z.object({ jobId: z.string() }),
  },
  'catalog.exportFile': {
    // Headers in the language of whoever asked (Chinese headers for a Chinese UI).
    params: z.strictObject({
      archived: z.boolean().default(false),
      locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
      format: exportFormatSchema,
    }),
    result: z.object({ jobId: z.string() }),
  },
} as const;
