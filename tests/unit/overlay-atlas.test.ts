// The atlas the encoder composites: a slot per element, packed apart inside a picture much smaller than the frame,
// each slot over its element's box and inside the picture, the pixels under each slot copied into it (transparent
// when hidden or outside the picture), elements never drawn larger than the slot they started the show with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  fillAtlas,
  movedSlots,
  placeAll,
  planAtlas,
  slotPlaces,
  withinLimits,
} from '../../electron/core/overlay/overlay-atlas.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay, type Box } from '../../electron/core/overlay/shared/overlay-layout.ts';
import { rgbaToYuva420p } from '../../electron/core/overlay/yuva.ts';
import type { OverlaySettings } from '../../electron/core/protocol/overlay-schemas.ts';

const apart = (a: Box, b: Box) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

function landscape(change: (l: OverlaySettings['landscape']) => OverlaySettings['landscape']): OverlaySettings {
  return { ...DEFAULT_OVERLAY_SETTINGS, landscape: change(DEFAULT_OVERLAY_SETTINGS.landscape) };
}

for (const frame of [
  { width: 1280, height: 720 },
  { width: 720, height: 1280 },
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
]) {
  test(`${frame.width}×${frame.height}: a slot per element, apart, inside the atlas, at most 40 % of the picture`, () => {
    const { atlas, slots } = planAtlas(DEFAULT_OVERLAY_SETTINGS, frame);
    assert.deepEqual(slots.map((s) => s.name).sort(), ['card', 'coupon', 'logo', 'ticker']);
    const all = placeAll(DEFAULT_OVERLAY_SETTINGS, frame);
    for (const slot of slots) {
      const box = all[slot.name as 'card']!;
      assert.ok(slot.width >= box.width && slot.height >= box.height, `${slot.name} holds its box`);
      assert.ok(slot.x + slot.width <= atlas.width && slot.y + slot.height <= atlas.height, slot.name);
      for (const n of [slot.x, slot.y, slot.width, slot.height]) assert.equal(n % 2, 0, 'on even pixels');
    }
    for (let i = 0; i < slots.length; i++)
      for (let j = i + 1; j < slots.length; j++) assert.ok(apart(slots[i]!, slots[j]!), `${i} and ${j} overlap`);
    assert.ok(atlas.width * atlas.height <= 0.4 * frame.width * frame.height, JSON.stringify(atlas));
  });
}

test('a slot for an element switched off too (the host may switch it on mid-show), kept where it was', () => {
  const frame = { width: 1280, height: 720 };
  const off = landscape((l) => ({ ...l, coupon: { ...l.coupon, on: false } }));
  const shape = planAtlas(off, frame);
  assert.ok(shape.slots.some((s) => s.name === 'coupon'));
  const on = slotPlaces(shape, placeOverlay(DEFAULT_OVERLAY_SETTINGS, frame), frame, null);
  const kept = slotPlaces(shape, placeOverlay(off, frame), frame, on);
  assert.deepEqual(kept.coupon, on.coupon);
  assert.deepEqual(movedSlots(on, kept), []);
});

test('places: over each box, inside the picture; a move is seen slot by slot', () => {
  const frame = { width: 1280, height: 720 };
  const shape = planAtlas(DEFAULT_OVERLAY_SETTINGS, frame);
  const placed = placeOverlay(DEFAULT_OVERLAY_SETTINGS, frame);
  const places = slotPlaces(shape, placed, frame, null);
  assert.deepEqual(places.card, { x: placed.card!.x, y: placed.card!.y });
  assert.deepEqual(places.ticker, { x: 0, y: 720 - placed.ticker!.height });
  const moved = landscape((l) => ({ ...l, card: { ...l.card, anchor: 'top-right' } }));
  const after = slotPlaces(shape, placeOverlay(moved, frame), frame, places);
  assert.deepEqual(movedSlots(places, after), ['card']);
  // A box pushed partly out of the picture (three big elements stacked in one corner): its slot stays inside.
  const crowded = landscape((l) => ({
    ...l,
    card: { ...l.card, anchor: 'top-left', scale: 1 },
    coupon: { ...l.coupon, anchor: 'top-left', scale: 1 },
    logo: { ...l.logo, anchor: 'top-left', scale: 2 },
  }));
  const tight = planAtlas(crowded, frame);
  for (const [name, at] of Object.entries(slotPlaces(tight, placeOverlay(crowded, frame), frame, null))) {
    const slot = tight.slots.find((s) => s.name === name)!;
    assert.ok(at.x >= 0 && at.y >= 0, name);
    assert.ok(at.x + slot.width <= frame.width && at.y + slot.height <= frame.height, name);
  }
});

test('no element grows past its slot during the show; smaller is drawn as asked', () => {
  const frame = { width: 1280, height: 720 };
  const { limits } = planAtlas(DEFAULT_OVERLAY_SETTINGS, frame);
  assert.deepEqual(limits, { card: 1, coupon: 1, logo: 1 });
  const bigger = landscape((l) => ({ ...l, card: { ...l.card, scale: 1.5 }, logo: { ...l.logo, scale: 0.5 } }));
  const drawn = withinLimits(bigger, frame, limits);
  assert.equal(drawn.landscape.card.scale, 1);
  assert.equal(drawn.landscape.logo.scale, 0.5);
  assert.equal(drawn.vertical, bigger.vertical, 'the other layout untouched');
});

test('the atlas: each slot holds the picture under its place, converted; hidden slots and the rest transparent', () => {
  const shape = {
    atlas: { width: 6, height: 2 },
    slots: [
      { name: 'a', x: 0, y: 0, width: 2, height: 2 },
      { name: 'b', x: 2, y: 0, width: 4, height: 2 },
    ],
  };
  // The 8×4 frame: opaque white at (2..3, 2..3), opaque red from x = 6; the rest transparent.
  const rgba = new Uint8Array(8 * 4 * 4);
  for (let y = 0; y < 4; y++)
    for (let x = 0; x < 8; x++) {
      if (x >= 2 && x < 4 && y >= 2) rgba.set([255, 255, 255, 255], (y * 8 + x) * 4);
      if (x >= 6) rgba.set([255, 0, 0, 255], (y * 8 + x) * 4);
    }
  const asked: string[] = [];
  // What the painter gives: the region's pixels, row by row.
  const read = (r: { x: number; y: number; width: number; height: number }) => {
    asked.push(`${r.x},${r.y} ${r.width}×${r.height}`);
    const out = new Uint8Array(r.width * r.height * 4);
    for (let y = 0; y < r.height; y++)
      out.set(rgba.subarray(((r.y + y) * 8 + r.x) * 4, ((r.y + y) * 8 + r.x + r.width) * 4), y * r.width * 4);
    return out;
  };
  const places = { a: { x: 2, y: 2 }, b: { x: 4, y: 0 } };
  const atlas = fillAtlas(shape, read, places);
  assert.deepEqual(asked, ['2,2 2×2', '4,0 4×2'], 'only the slots are read from the painting');
  const direct = rgbaToYuva420p(rgba, 8, 4);
  const lumaAt = (buf: Buffer, width: number, x: number, y: number) => buf[y * width + x];
  const alphaAt = (buf: Buffer, width: number, height: number, x: number, y: number) =>
    buf[width * height * 1.5 + y * width + x];
  assert.equal(lumaAt(atlas, 6, 0, 0), lumaAt(direct, 8, 2, 2), 'slot a: the white under its place');
  assert.equal(alphaAt(atlas, 6, 2, 1, 1), 255);
  assert.equal(alphaAt(atlas, 6, 2, 2, 0), 0, 'slot b: transparent where the frame is (x = 4, 5)');
  assert.equal(lumaAt(atlas, 6, 4, 0), lumaAt(direct, 8, 6, 0), 'slot b: the red from x = 6');
  assert.equal(alphaAt(atlas, 6, 2, 5, 1), 255);
  const v = (buf: Buffer, width: number, height: number, cx: number, cy: number) =>
    buf[width * height * 1.25 + cy * (width / 2) + cx];
  assert.equal(v(atlas, 6, 2, 2, 0), v(direct, 8, 4, 3, 0), 'chroma too');
  const hidden = fillAtlas(shape, read, places, new Set(['b']));
  assert.equal(alphaAt(hidden, 6, 2, 5, 0), 0, 'a hidden slot is transparent');
  assert.equal(alphaAt(hidden, 6, 2, 0, 0), 255, 'the others drawn');
});
