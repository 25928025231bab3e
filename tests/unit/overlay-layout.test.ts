// Where the overlay's elements go: inside the picture, apart from each other, out of the areas phones cover in a
// vertical picture, stacked when two share a corner, at the same place whatever is shown, and scaled with the picture.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay, type Box } from '../../electron/core/overlay/shared/overlay-layout.ts';
import { OverlayPainter } from '../../electron/core/overlay/overlay-painter.ts';
import { rgbaToYuva420p } from '../../electron/core/overlay/yuva.ts';
import type { OverlaySettings } from '../../electron/core/protocol/overlay-schemas.ts';

const inside = (box: Box, w: number, h: number) =>
  box.x >= 0 && box.y >= 0 && box.x + box.width <= w && box.y + box.height <= h;
const apart = (a: Box, b: Box) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

for (const [w, h] of [
  [1280, 720],
  [1920, 1080],
  [720, 1280],
  [1080, 1920],
] as const) {
  test(`the defaults at ${w}×${h}: every element inside the picture and apart from the others`, () => {
    const placed = placeOverlay(DEFAULT_OVERLAY_SETTINGS, { width: w, height: h });
    const boxes = [placed.card, placed.coupon, placed.logo, placed.ticker].filter((b): b is Box => b !== null);
    assert.equal(boxes.length, 4);
    for (const box of boxes) assert.ok(inside(box, w, h), JSON.stringify(box));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) assert.ok(apart(boxes[i]!, boxes[j]!), `${i} and ${j} overlap`);
    assert.equal(placed.unit, Math.min(w, h) / 720);
    if (h > w) {
      // Phones: the platform's title bar over the top 10 %, comments and buttons over the bottom 28 %.
      for (const box of boxes) {
        assert.ok(box.y >= h * 0.1 - 1, `${JSON.stringify(box)} under the title bar`);
        assert.ok(box.y + box.height <= h * 0.72 + 1, `${JSON.stringify(box)} under the comments`);
      }
    }
  });
}

test('two elements at one corner are stacked, the first nearest the corner; an element switched off takes no room', () => {
  const settings: OverlaySettings = {
    ...DEFAULT_OVERLAY_SETTINGS,
    landscape: {
      ...DEFAULT_OVERLAY_SETTINGS.landscape,
      coupon: { on: true, anchor: 'bottom-left', scale: 1 },
      logo: { on: false, anchor: 'top-left', scale: 1 },
    },
  };
  const placed = placeOverlay(settings, { width: 1280, height: 720 });
  assert.equal(placed.logo, null);
  assert.ok(placed.coupon!.y + placed.coupon!.height <= placed.card!.y, 'the coupon above the card');
  assert.equal(placed.coupon!.x, placed.card!.x);
  const bigger = placeOverlay(
    { ...settings, landscape: { ...settings.landscape, card: { on: true, anchor: 'bottom-left', scale: 1.5 } } },
    { width: 1280, height: 720 },
  );
  assert.equal(bigger.card!.width, Math.round(placed.card!.width * 1.5));
});

test('the painter draws the picture’s size: transparent where nothing is drawn, the card where it is', () => {
  const frame = { width: 640, height: 360 };
  const pictureBytes = (() => {
    const canvas = createCanvas(8, 8);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#00FF00';
    ctx.fillRect(0, 0, 8, 8);
    return canvas.toBuffer('image/png');
  })();
  const painter = new OverlayPainter(frame, (id) => (id === 'p'.repeat(64) ? pictureBytes : null));
  const scene = {
    card: {
      productId: 1,
      linkNo: 3,
      title: '福鼎白茶',
      priceFen: 3990,
      originalPriceFen: null,
      stock: 3,
      soldOut: false,
      imageId: 'p'.repeat(64),
      coupon: null,
    },
    coupon: null,
  };
  const rgba = painter.paint(scene, DEFAULT_OVERLAY_SETTINGS, { now: 0, ticker: 'band' });
  assert.equal(rgba.length, 640 * 360 * 4);
  const pixel = (x: number, y: number) => [...rgba.subarray((y * 640 + x) * 4, (y * 640 + x) * 4 + 4)];
  assert.deepEqual(pixel(320, 20), [0, 0, 0, 0], 'the middle top is left to the camera');
  const card = placeOverlay(DEFAULT_OVERLAY_SETTINGS, frame).card!;
  const inset = Math.round(12 * 0.5);
  assert.deepEqual(pixel(card.x + inset + 20, card.y + inset + 20), [0, 255, 0, 255], 'the product’s picture');
});

test('yuva420p for ffmpeg: limited-range BT.601, alpha kept per pixel, chroma weighted by alpha', () => {
  // 2×2 blocks: white opaque; pure green opaque; a transparent pixel beside three opaque red ones; all transparent.
  const rgba = new Uint8Array(4 * 2 * 4);
  const set = (x: number, y: number, px: number[]) => rgba.set(px, (y * 4 + x) * 4);
  set(0, 0, [255, 255, 255, 255]);
  set(1, 0, [255, 255, 255, 255]);
  set(0, 1, [255, 255, 255, 255]);
  set(1, 1, [255, 255, 255, 255]);
  set(2, 0, [255, 0, 0, 255]);
  set(3, 0, [255, 0, 0, 255]);
  set(2, 1, [255, 0, 0, 255]);
  set(3, 1, [0, 0, 0, 0]);
  const yuva = rgbaToYuva420p(rgba, 4, 2);
  assert.equal(yuva.length, 8 + 2 + 2 + 8);
  assert.deepEqual([...yuva.subarray(0, 8)], [235, 235, 81, 81, 235, 235, 81, 16], 'luma: white 235, red 81, black 16');
  assert.deepEqual([...yuva.subarray(8, 10)], [128, 90], 'U: white neutral; red, its transparent pixel not counted');
  assert.deepEqual([...yuva.subarray(10, 12)], [128, 240], 'V: white neutral, red 240');
  assert.deepEqual([...yuva.subarray(12)], [255, 255, 255, 255, 255, 255, 255, 0]);
  assert.throws(() => rgbaToYuva420p(new Uint8Array(3 * 2 * 4), 3, 2), RangeError);
});

test('no element larger than the picture inside its margins; every box on even pixels (yuv420 colour blocks)', () => {
  for (const frame of [
    { width: 720, height: 1280 },
    { width: 1280, height: 720 },
    { width: 854, height: 480 },
  ]) {
    const layout = (l: OverlaySettings['vertical']) => ({
      ...l,
      card: { ...l.card, scale: 2 },
      coupon: { ...l.coupon, scale: 2 },
      logo: { ...l.logo, scale: 2 },
    });
    const huge = {
      ...DEFAULT_OVERLAY_SETTINGS,
      vertical: layout(DEFAULT_OVERLAY_SETTINGS.vertical),
      landscape: layout(DEFAULT_OVERLAY_SETTINGS.landscape),
    };
    const placed = placeOverlay(huge, frame);
    const margin = 24 * placed.unit;
    for (const box of [placed.card, placed.coupon, placed.logo, placed.ticker]) {
      assert.ok(box);
      assert.ok(box.width <= frame.width - 2 * margin || box === placed.ticker, JSON.stringify(box));
      for (const n of [box.x, box.y, box.width, box.height]) assert.equal(n % 2, 0, JSON.stringify(box));
    }
  }
});
