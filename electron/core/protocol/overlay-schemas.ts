// The overlay's part of the contract: how the host places and themes what is drawn over the picture, and the scene
// drawn (the product being explained, the coupon pushed), which the OBS page receives with its read-only token.
// The drawing itself is runtime-neutral and shared by the encoder's painter and the page (core/overlay/shared/).
import { z } from 'zod';
import { OVERLAY_ANCHORS, type OverlayAnchor } from './choices.ts';

export { OVERLAY_ANCHORS, type OverlayAnchor };

const element = z.strictObject({
  on: z.boolean(),
  anchor: z.enum(OVERLAY_ANCHORS),
  /** Size against the default (1 = the size drawn for a 720p picture, scaled with the picture). */
  scale: z.number().min(0.5).max(2),
});
export type OverlayElement = z.infer<typeof element>;

const layoutSchema = z.strictObject({
  card: element,
  coupon: element,
  logo: element,
  ticker: z.strictObject({ on: z.boolean(), edge: z.enum(['top', 'bottom']) }),
});
export type OverlayLayout = z.infer<typeof layoutSchema>;

export const overlaySettingsSchema = z.strictObject({
  /** Off: the picture is the bare camera (and the OBS page is empty). */
  enabled: z.boolean(),
  theme: z.enum(['light', 'dark']),
  accent: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** The viewers' language (the studio's own may differ). */
  language: z.enum(['zh-CN', 'en']),
  /** 滚动字幕: one line, scrolled right to left. */
  tickerText: z.string().max(200),
  /** Pixels per second at 720p. */
  tickerSpeed: z.number().int().min(20).max(400),
  logoImageId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Where things go in a landscape picture, and in a vertical one (phones: the platform's own buttons cover more). */
  landscape: layoutSchema,
  vertical: layoutSchema,
});
export type OverlaySettings = z.infer<typeof overlaySettingsSchema>;

const couponTerms = {
  kind: z.enum(['threshold', 'direct', 'percent']),
  thresholdFen: z.number().int().nullable(),
  offFen: z.number().int().nullable(),
  rate: z.number().int().nullable(),
  capFen: z.number().int().nullable(),
};

/** What is drawn now, from the live show's bag. Null parts are not drawn. */
export const overlaySceneSchema = z.object({
  card: z
    .object({
      productId: z.number().int(),
      linkNo: z.number().int(),
      title: z.string(),
      priceFen: z.number().int(),
      originalPriceFen: z.number().int().nullable(),
      /** Its 规格 cost different amounts: the price is the cheapest's, drawn "¥39.9 起" / "from ¥39.9". */
      priceFrom: z.boolean().optional(),
      stock: z.number().int(),
      soldOut: z.boolean(),
      imageId: z.string().nullable(),
      /** The pushed coupon that takes most off this product, if one applies. */
      coupon: z.object(couponTerms).nullable(),
    })
    .nullable(),
  coupon: z
    .object({
      ...couponTerms,
      name: z.string(),
      /** How many can still be claimed; null when unlimited. */
      left: z.number().int().nullable(),
      endsAt: z.number().int(),
    })
    .nullable(),
});
export type OverlayScene = z.infer<typeof overlaySceneSchema>;
export type OverlayCard = NonNullable<OverlayScene['card']>;
export type OverlayCoupon = NonNullable<OverlayScene['coupon']>;

export const overlayStateSchema = z.object({
  settings: overlaySettingsSchema,
  scene: overlaySceneSchema,
  /** The studio's time when the scene was made (the page's countdowns run on it). */
  serverTime: z.number().int(),
  /**
   * While a show composites the overlay: the largest size each element takes in its picture (the encoder's room for
   * it is set as the show starts, overlay/overlay-atlas.ts); larger shows from the next show. Null without a show.
   */
  showLimits: z
    .object({
      orientation: z.enum(['landscape', 'vertical']),
      card: z.number(),
      coupon: z.number(),
      logo: z.number(),
    })
    .nullable(),
});
export type OverlayState = z.infer<typeof overlayStateSchema>;

export const overlayMethods = {
  /** The settings and the scene (the host, and the OBS page's read-only token). */
  'overlay.state': { params: z.strictObject({}), result: overlayStateSchema },
  'overlay.saveSettings': { params: z.strictObject({ settings: overlaySettingsSchema }), result: overlayStateSchema },
  /**
   * The OBS page's address with its token (host only), served on this machine's loopback; `rotate` makes a new
   * token and closes the pages open with the old one. `problem` (a message code) says why there is no address.
   */
  'overlay.pageLink': {
    params: z.strictObject({ rotate: z.boolean().default(false) }),
    result: z.object({ url: z.string().nullable(), problem: z.string().nullable() }),
  },
  /** A picture the overlay draws now (the explained product's, the logo): nothing else of the library. */
  'overlay.image': {
    params: z.strictObject({ imageId: z.string().regex(/^[0-9a-f]{64}$/) }),
    result: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
} as const;

export interface OverlayEvents {
  'overlay.changed': OverlayState;
}
