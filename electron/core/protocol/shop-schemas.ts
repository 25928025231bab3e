// The 微信小店 connection (host only: `shop.` is refused to assistants). The AppSecret goes in and never comes
// back out: the status names the AppID only.
import { z } from 'zod';

const outcomeSchema = z.object({
  ok: z.boolean(),
  counts: z.record(z.string(), z.number()),
  /** Why the run stopped: a messages.ts code and its parameters (the shop's errcode and its words among them). */
  error: z
    .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
    .optional(),
  skipped: z
    .array(
      z.object({
        id: z.string(),
        code: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
});

const syncStateSchema = z.object({
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  outcome: outcomeSchema.nullable(),
  /** A run in progress, here or in another process (its start is later than its end). */
  running: z.boolean(),
});

export const shopStatusSchema = z.object({
  connected: z.boolean(),
  appId: z.string().nullable(),
  connectedAt: z.number().int().nullable(),
  /** The data key cannot open the stored AppSecret (see system/secret-box.ts): connect again. */
  secretUnavailable: z.boolean(),
  /** Where the shop's API is (the official host, or LIVECART_WXSHOP_API). */
  api: z.string(),
  /** While a show is live, orders are read from the shop this often. */
  pollSeconds: z.number().int(),
  orders: syncStateSchema,
  products: syncStateSchema,
});
export type ShopStatus = z.infer<typeof shopStatusSchema>;

// An AppID is `wx` and 16 hex digits; an AppSecret 32 characters (the shop's 开发设置 shows both).
export const APP_ID = /^wx[0-9a-f]{16}$/i;

export const shopMethods = {
  'shop.status': { params: z.strictObject({}), result: shopStatusSchema },
  /** Checks the AppID and AppSecret with the shop (a token) before keeping them; refused with the shop's reason. */
  'shop.connect': {
    params: z.strictObject({
      appId: z.string().trim().regex(APP_ID),
      appSecret: z.string().trim().min(16).max(64),
    }),
    result: shopStatusSchema,
  },
  'shop.disconnect': { params: z.strictObject({}), result: shopStatusSchema },
  /** Starts a sync (both kinds when neither is named); answers at once, progress comes as `shop.changed`. */
  'shop.sync': {
    params: z.strictObject({
      products: z.boolean().default(false),
      orders: z.boolean().default(false),
      /** YYYY-MM-DD: read orders updated since that local day instead of since the last run. */
      since: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
    result: shopStatusSchema,
  },
} as const;

export interface ShopEvents {
  'shop.changed': { status: ShopStatus; progress: { phase: string; done: number; total: number } | null };
}
