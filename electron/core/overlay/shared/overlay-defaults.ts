// What a host gets before touching anything. Landscape: the card bottom-left, the coupon bottom-right, the logo
// top-left, the ticker along the bottom. Vertical (视频号 and 抖音 viewers on phones): the platform draws its own
// buttons and comments over the bottom third and its title bar over the top, so the card sits above the comments
// (layout keeps out of those areas) and the ticker runs under the title bar.
import type { OverlaySettings } from '../../protocol/overlay-schemas.ts';

export const DEFAULT_OVERLAY_SETTINGS: OverlaySettings = {
  enabled: true,
  theme: 'light',
  accent: '#E4393C',
  language: 'zh-CN',
  tickerText: '',
  tickerSpeed: 120,
  logoImageId: null,
  landscape: {
    card: { on: true, anchor: 'bottom-left', scale: 1 },
    coupon: { on: true, anchor: 'bottom-right', scale: 1 },
    logo: { on: true, anchor: 'top-left', scale: 1 },
    ticker: { on: true, edge: 'bottom' },
  },
  vertical: {
    card: { on: true, anchor: 'bottom-left', scale: 1 },
    coupon: { on: true, anchor: 'middle-right', scale: 1 },
    logo: { on: true, anchor: 'top-right', scale: 1 },
    ticker: { on: true, edge: 'top' },
  },
};

/** The scene when nothing is explained and no coupon pushed. */
export const EMPTY_SCENE = { card: null, coupon: null } as const;
