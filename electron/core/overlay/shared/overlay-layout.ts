// Where each element goes in a picture of a given size: pure, so the encoder's painter, the OBS page and the
// ticker's ffmpeg filter all agree to the pixel. Sizes are set for a 720p picture and scale with the picture's
// short side. Positions depend only on the settings and the size, never on what is shown now: the card does not
// jump when a coupon appears beside it.
import type { OverlayAnchor, OverlayLayout, OverlaySettings } from '../../protocol/overlay-schemas.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Frame {
  width: number;
  height: number;
}

export interface PlacedOverlay {
  orientation: 'landscape' | 'vertical';
  /** Pixels per design unit (1 at 720p). */
  unit: number;
  card: Box | null;
  coupon: Box | null;
  logo: Box | null;
  ticker: Box | null;
}

const MARGIN = 24;
const GAP = 12;
const TICKER_HEIGHT = 44;
/** On phones the platform covers the top (title, viewers) and the bottom (comments, buttons, the bag). */
const VERTICAL_SAFE_TOP = 0.1;
const VERTICAL_SAFE_BOTTOM = 0.28;

/**
 * Whole pixels, and even ones: the encoder composites each box as it is in a picture whose colour comes in 2×2 blocks
 * (yuv420), so a box on an odd pixel would smear its edge's colour into the pixel beside it.
 */
function even(n: number): number {
  return 2 * Math.round(n / 2);
}

export function orientationOf(frame: Frame): PlacedOverlay['orientation'] {
  return frame.width >= frame.height ? 'landscape' : 'vertical';
}

export function layoutOf(settings: OverlaySettings, frame: Frame): OverlayLayout {
  return orientationOf(frame) === 'landscape' ? settings.landscape : settings.vertical;
}

function sizes(orientation: PlacedOverlay['orientation'], frame: Frame, unit: number) {
  const fullWidth = frame.width / unit - 2 * MARGIN;
  return {
    card: { w: orientation === 'landscape' ? 500 : Math.min(fullWidth, 640), h: 196 },
    coupon: { w: orientation === 'landscape' ? 400 : Math.min(fullWidth, 360), h: 100 },
    logo: { w: 180, h: 90 },
  };
}

export function placeOverlay(settings: OverlaySettings, frame: Frame): PlacedOverlay {
  const orientation = orientationOf(frame);
  const layout = layoutOf(settings, frame);
  const unit = Math.min(frame.width, frame.height) / 720;
  const margin = MARGIN * unit;
  let top = orientation === 'vertical' ? frame.height * VERTICAL_SAFE_TOP : margin;
  let bottom = orientation === 'vertical' ? frame.height * (1 - VERTICAL_SAFE_BOTTOM) : frame.height - margin;
  let ticker: Box | null = null;
  if (layout.ticker.on) {
    const height = even(TICKER_HEIGHT * unit);
    // Landscape: along the picture's edge. Vertical: just inside the safe area, where phones do not cover it.
    const y =
      orientation === 'landscape'
        ? layout.ticker.edge === 'top'
          ? 0
          : frame.height - height
        : layout.ticker.edge === 'top'
          ? top
          : bottom - height;
    ticker = { x: 0, y: even(y), width: frame.width, height };
    if (layout.ticker.edge === 'top') top = Math.max(top, y + height + GAP * unit);
    else bottom = Math.min(bottom, y - GAP * unit);
  }
  const size = sizes(orientation, frame, unit);
  const placed: Record<'card' | 'coupon' | 'logo', Box | null> = { card: null, coupon: null, logo: null };
  const byAnchor = new Map<OverlayAnchor, Array<'card' | 'coupon' | 'logo'>>();
  for (const name of ['card', 'coupon', 'logo'] as const) {
    if (!layout[name].on) continue;
    byAnchor.set(layout[name].anchor, [...(byAnchor.get(layout[name].anchor) ?? []), name]);
  }
  for (const [anchor, names] of byAnchor) {
    const boxes = names.map((name) => {
      // Never larger than the picture inside its margins (a vertical card at 2× would run off the side).
      const wanted = layout[name].scale * unit;
      const scale = Math.min(wanted, (frame.width - 2 * margin) / size[name].w, (bottom - top) / size[name].h);
      return { name, width: even(size[name].w * scale), height: even(size[name].h * scale) };
    });
    const total = boxes.reduce((sum, b) => sum + b.height, 0) + GAP * unit * (boxes.length - 1);
    const [vertical, horizontal] = anchor.split('-') as ['top' | 'middle' | 'bottom', 'left' | 'right'];
    // The first named element sits nearest the anchor's edge; the others follow away from it.
    let y = vertical === 'top' ? top : vertical === 'bottom' ? bottom : (top + bottom - total) / 2;
    for (const box of boxes) {
      const x = horizontal === 'left' ? margin : frame.width - margin - box.width;
      const boxY = vertical === 'bottom' ? y - box.height : y;
      placed[box.name] = { x: even(x), y: even(boxY), width: box.width, height: box.height };
      y = vertical === 'bottom' ? y - box.height - GAP * unit : y + box.height + GAP * unit;
    }
  }
  return { orientation, unit, ...placed, ticker };
}
