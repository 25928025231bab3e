// The overlay as the encoder reads it: only the elements' boxes (the card, the coupon banner, the logo, the ticker's
// band), each in a slot of one small raw picture (the atlas), which ffmpeg cuts apart and lays over the picture at
// each slot's place. Reading and blending a full-size overlay every frame cost the encoder ~6 % more CPU for a
// picture that is three quarters transparent; the slots are about a quarter of it (measured: README, "The overlay").
//
// A slot's size is fixed for the encoder's life (the atlas is on its command line), its place is not: the host moves
// an element mid-show and the encoder is told the new place (stream-engine.ts). So each slot is sized for its
// element as the show starts, and an element never grows past it during that show (`scaleLimits`).
import type { OverlaySettings } from '../protocol/overlay-schemas.ts';
import type { EncoderOverlay, OverlayPlaces } from '../stream/engine/encoder-args.ts';
import {
  layoutOf,
  orientationOf,
  placeOverlay,
  type Box,
  type Frame,
  type PlacedOverlay,
} from './shared/overlay-layout.ts';
import { blankYuva420p, writeYuva420p, type Region } from './yuva.ts';

export const SLOT_NAMES = ['card', 'coupon', 'logo', 'ticker'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
type Scaled = 'card' | 'coupon' | 'logo';
export type ScaleLimits = Record<Scaled, number>;

export type AtlasShape = Pick<EncoderOverlay, 'atlas' | 'slots'>;

/** Every element placed as if on (a slot exists for each, so the host can switch one on mid-show). */
export function placeAll(settings: OverlaySettings, frame: Frame): PlacedOverlay {
  const key = orientationOf(frame);
  const l = layoutOf(settings, frame);
  const on = <T extends { on: boolean }>(element: T): T => ({ ...element, on: true });
  const all = { card: on(l.card), coupon: on(l.coupon), logo: on(l.logo), ticker: on(l.ticker) };
  return placeOverlay({ ...settings, [key]: all }, frame);
}

/**
 * A slot for a box, never past the picture. Boxes are placed on even pixels (overlay-layout.ts) and pictures have
 * even sizes (yuv420), so every slot, and every place one moves to, lines up with the picture's 2×2 colour blocks.
 */
function slotSize(box: Box, frame: Frame): { width: number; height: number } {
  return { width: Math.min(box.width, frame.width), height: Math.min(box.height, frame.height) };
}

/** The atlas for a show starting with these settings: slots packed in rows as wide as the picture, tallest first. */
export function planAtlas(settings: OverlaySettings, frame: Frame): AtlasShape & { limits: ScaleLimits } {
  const placed = placeAll(settings, frame);
  const wanted = SLOT_NAMES.map((name) => ({ name, ...slotSize(placed[name]!, frame) })).sort(
    (a, b) => b.height - a.height,
  );
  const slots: EncoderOverlay['slots'] = [];
  let x = 0;
  let y = 0;
  let row = 0;
  for (const slot of wanted) {
    if (x + slot.width > frame.width) {
      y += row;
      x = 0;
      row = 0;
    }
    slots.push({ name: slot.name, x, y, width: slot.width, height: slot.height });
    x += slot.width;
    row = Math.max(row, slot.height);
  }
  const layout = layoutOf(settings, frame);
  return {
    atlas: { width: frame.width, height: y + row },
    slots,
    limits: { card: layout.card.scale, coupon: layout.coupon.scale, logo: layout.logo.scale },
  };
}

/** The settings as drawn during this show: no element larger than its slot (the scale it started with at most). */
export function withinLimits(settings: OverlaySettings, frame: Frame, limits: ScaleLimits): OverlaySettings {
  const key = orientationOf(frame);
  const l = layoutOf(settings, frame);
  const cap = <T extends { scale: number }>(element: T, name: Scaled): T =>
    element.scale > limits[name] ? { ...element, scale: limits[name] } : element;
  return {
    ...settings,
    [key]: { ...l, card: cap(l.card, 'card'), coupon: cap(l.coupon, 'coupon'), logo: cap(l.logo, 'logo') },
  };
}

/**
 * Where each slot goes in the picture: over its element's box, kept inside the picture (a box partly outside it shows
 * what is inside). An element switched off keeps its slot where it was (`previous`), transparent.
 */
export function slotPlaces(
  shape: AtlasShape,
  placed: PlacedOverlay,
  frame: Frame,
  previous: OverlayPlaces | null,
): OverlayPlaces {
  const places: OverlayPlaces = {};
  for (const slot of shape.slots) {
    const box = placed[slot.name as SlotName];
    if (!box) {
      places[slot.name] = previous?.[slot.name] ?? { x: 0, y: 0 };
      continue;
    }
    places[slot.name] = {
      x: Math.max(0, Math.min(box.x, frame.width - slot.width)),
      y: Math.max(0, Math.min(box.y, frame.height - slot.height)),
    };
  }
  return places;
}

/**
 * The atlas's pixels: each slot the painted picture under its place (`read` gives a region of it as RGBA, row by row;
 * places are inside the picture), or transparent when `hidden` has it.
 */
export function fillAtlas(
  shape: AtlasShape,
  read: (region: Region) => Uint8Array | Uint8ClampedArray,
  places: OverlayPlaces,
  hidden: ReadonlySet<string> = new Set(),
): Buffer {
  const out = blankYuva420p(shape.atlas.width, shape.atlas.height);
  for (const slot of shape.slots) {
    if (hidden.has(slot.name)) continue;
    const region = { ...places[slot.name]!, width: slot.width, height: slot.height };
    const into = { ...shape.atlas, x: slot.x, y: slot.y };
    writeYuva420p(read(region), slot.width, { x: 0, y: 0, width: slot.width, height: slot.height }, out, into);
  }
  return out;
}

/** The slots whose place differs. */
export function movedSlots(before: OverlayPlaces, after: OverlayPlaces): string[] {
  return Object.keys(after).filter((name) => before[name]?.x !== after[name]!.x || before[name]?.y !== after[name]!.y);
}
