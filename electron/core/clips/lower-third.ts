// The reel's lower-third: the product and its price drawn by the overlay code (the same card viewers saw during
// the show, in the host's theme and place), alone on a transparent picture of the reel's size, as a PNG that
// ffmpeg draws over the product's part. No coupon, logo or ticker: the reel outlives the show's coupons.
import type { OverlayCard, OverlaySettings } from '../protocol/overlay-schemas.ts';
import { OverlayPainter, type ImageBytes } from '../overlay/overlay-painter.ts';
import type { Frame } from '../overlay/shared/overlay-layout.ts';

export interface LowerThirdProduct {
  productId: number;
  linkNo: number;
  title: string;
  priceFen: number;
  originalPriceFen: number | null;
  imageId: string | null;
}

export async function paintLowerThird(
  frame: Frame,
  product: LowerThirdProduct,
  settings: OverlaySettings,
  imageBytes: ImageBytes,
): Promise<Buffer> {
  const off = { on: false, anchor: 'top-left', scale: 1 } as const;
  const only = (layout: OverlaySettings['landscape']) => ({
    card: { ...layout.card, on: true },
    coupon: off,
    logo: off,
    ticker: { on: false, edge: layout.ticker.edge },
  });
  const cardOnly: OverlaySettings = {
    ...settings,
    enabled: true,
    tickerText: '',
    logoImageId: null,
    landscape: only(settings.landscape),
    vertical: only(settings.vertical),
  };
  const card: OverlayCard = { ...product, stock: 1, soldOut: false, coupon: null };
  const painter = new OverlayPainter(frame, imageBytes);
  // No stock line: the video outlives the show, and its stock with it.
  painter.draw({ card, coupon: null }, cardOnly, { now: 0, ticker: 'static', stock: false });
  return painter.png();
}
