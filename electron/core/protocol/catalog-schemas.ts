// The product library's part of the contract: what a product is and what may be asked of the catalogue.
import { z } from 'zod';
import { MAX_FEN } from './money.ts';
import { uploadIdSchema } from './upload-schemas.ts';

const fen = z.number().int().min(0).max(MAX_FEN);
const optionalText = (max: number) => z.string().max(max).nullable().optional();

export const productInputSchema = z.strictObject({
  title: z.string().max(200),
  priceFen: fen,
  originalPriceFen: fen.nullable().optional(),
  stock: z.number().int().min(0).max(1_000_000_000),
  sku: optionalText(64),
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

export const productSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  priceFen: z.number().int(),
  originalPriceFen: z.number().int().nullable(),
  stock: z.number().int(),
  sku: z.string().nullable(),
  link: z.string().nullable(),
  linkKind: z.enum(LINK_KINDS).nullable(),
  sellingPoints: z.string(),
  imageId: z.string().nullable(),
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
   * A CSV sent with uploads.begin/append (kind `csv`). Its 图片 cells are matched by name to `pictures`, the files
   * the user picked with it (each already a library image); the core opens no path a client names.
   */
  'catalog.importCsv': {
    params: z.strictObject({
      uploadId: uploadIdSchema,
      pictures: z
        .array(z.strictObject({ name: z.string().min(1).max(255), imageId: imageIdSchema }))
        .max(10_000)
        .default([]),
    }),
    result: z.object({ jobId: z.string() }),
  },
  'catalog.exportCsv': {
    // Headers in the language of whoever asked (Chinese headers for a Chinese UI).
    params: z.strictObject({ archived: z.boolean().default(false), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    result: z.object({ jobId: z.string() }),
  },
} as const;
