// The painted overlay in the form ffmpeg composites without converting it: planar YUV 4:2:0 with a full-resolution
// alpha plane (yuva420p), limited range, BT.601 — what ffmpeg takes an untagged picture to be, as the encoder's own
// picture is. Converting here, once per change, instead of in ffmpeg for every frame (an RGBA picture costs the
// encoder a conversion each frame: 1.12× the CPU of the show at 30 overlay frames a second, measured; this costs nothing
// there). Chroma is the average of four pixels weighted by their alpha, so the edges of a card keep their colour.

/** Straight (not premultiplied) RGBA, as getImageData gives it, to yuva420p; width and height even. */
export function rgbaToYuva420p(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Buffer {
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError('yuva420p needs an even width and height');
  const out = blankYuva420p(width, height);
  writeYuva420p(rgba, width, { x: 0, y: 0, width, height }, out, { width, height, x: 0, y: 0 });
  return out;
}

/** A transparent yuva420p picture (limited-range black, neutral chroma, alpha 0). */
export function blankYuva420p(width: number, height: number): Buffer {
  const pixels = width * height;
  const out = Buffer.alloc(pixels * 2 + pixels / 2);
  out.fill(16, 0, pixels);
  out.fill(128, pixels, pixels + pixels / 2);
  return out;
}

/** A region of a picture, in pixels; all four even where yuva420p's 2×2 chroma blocks must line up. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Converts `from` (a region of an RGBA picture `stride` pixels wide; pixels outside the picture are transparent)
 * into the yuva420p picture `out` of `into.width`×`into.height`, at (`into.x`, `into.y`). Everything even.
 */
export function writeYuva420p(
  rgba: Uint8Array | Uint8ClampedArray,
  stride: number,
  from: Region,
  out: Buffer,
  into: { width: number; height: number; x: number; y: number },
): void {
  const rows = rgba.length / (stride * 4);
  const pixels = into.width * into.height;
  const u0 = pixels;
  const v0 = pixels + pixels / 4;
  const a0 = pixels + pixels / 2;
  const half = into.width / 2;
  const line = stride * 4;
  const inside = (sx: number, sy: number) => sx >= 0 && sy >= 0 && sx < stride && sy < rows;
  for (let y = 0; y < from.height; y++) {
    const sy = from.y + y;
    for (let x = 0; x < from.width; x++) {
      const sx = from.x + x;
      const o = (into.y + y) * into.width + into.x + x;
      if (!inside(sx, sy)) {
        out[o] = 16;
        out[a0 + o] = 0;
        continue;
      }
      const p = sy * line + sx * 4;
      out[o] = (16 + (65.481 * rgba[p]! + 128.553 * rgba[p + 1]! + 24.966 * rgba[p + 2]!) / 255 + 0.5) | 0;
      out[a0 + o] = rgba[p + 3]!;
    }
  }
  // The four pixels of each 2×2 block by hand (no per-block array): this runs over every pixel at every change.
  for (let y = 0; y < from.height / 2; y++) {
    for (let x = 0; x < from.width / 2; x++) {
      const sx = from.x + 2 * x;
      const sy = from.y + 2 * y;
      const c = (into.y / 2 + y) * half + into.x / 2 + x;
      if (!inside(sx, sy) || !inside(sx + 1, sy + 1)) {
        out[u0 + c] = 128;
        out[v0 + c] = 128;
        continue;
      }
      const p0 = sy * line + sx * 4;
      const p1 = p0 + 4;
      const p2 = p0 + line;
      const p3 = p2 + 4;
      const a0 = rgba[p0 + 3]!;
      const a1 = rgba[p1 + 3]!;
      const a2 = rgba[p2 + 3]!;
      const a3 = rgba[p3 + 3]!;
      const weight = a0 + a1 + a2 + a3;
      if (weight === 0) {
        out[u0 + c] = 128;
        out[v0 + c] = 128;
        continue;
      }
      const r = (rgba[p0]! * a0 + rgba[p1]! * a1 + rgba[p2]! * a2 + rgba[p3]! * a3) / weight;
      const g = (rgba[p0 + 1]! * a0 + rgba[p1 + 1]! * a1 + rgba[p2 + 1]! * a2 + rgba[p3 + 1]! * a3) / weight;
      const b = (rgba[p0 + 2]! * a0 + rgba[p1 + 2]! * a1 + rgba[p2 + 2]! * a2 + rgba[p3 + 2]! * a3) / weight;
      out[u0 + c] = (128 + (-37.797 * r - 74.203 * g + 112 * b) / 255 + 0.5) | 0;
      out[v0 + c] = (128 + (112 * r - 93.786 * g - 18.214 * b) / 255 + 0.5) | 0;
    }
  }
}
