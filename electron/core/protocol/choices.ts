// The fixed choices the contract names (capabilities, coupon kinds, overlay anchors, platforms, picture sizes): plain
// constants without zod, so the renderer can import them without pulling the schemas into its bundle. The schemas
// build their enums from these.

/** What a paired assistant's device may be allowed (see access-schemas.ts for what each one covers). */
export const CAPABILITIES = ['bag', 'orders', 'contacts', 'files', 'show'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const COUPON_KINDS = [
  'threshold', // 满减: spend thresholdFen, get offFen off
  'direct', // 立减: offFen off
  'percent', // 折扣: pay rate/10 折 (88 = 8.8折 = pay 88%), at most capFen off when set
] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];
export const COUPON_SCOPES = ['shop', 'products'] as const;
export type CouponScope = (typeof COUPON_SCOPES)[number];

export const OVERLAY_ANCHORS = [
  'top-left',
  'top-right',
  'middle-left',
  'middle-right',
  'bottom-left',
  'bottom-right',
] as const;
export type OverlayAnchor = (typeof OVERLAY_ANCHORS)[number];

export const PLATFORMS = [
  'wechat',
  'douyin',
  'kuaishou',
  'bilibili',
  'youtube',
  'twitch',
  'facebook',
  'custom',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const VIDEO_PRESETS = ['720p', '1080p', 'vertical'] as const;
export type VideoPreset = (typeof VIDEO_PRESETS)[number];
