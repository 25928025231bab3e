// The pairing QR code: the SVG path draws exactly the modules of a standard QR code for the link. Checked
// against a second, independent encoder (`qrcode`) forced to the same mode, level and mask.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import QRCode from 'qrcode';
import { encode } from 'uqr';
import { qrPath } from '../../renderer/src/ui/qr-path.ts';

/** Paints a path made of `M x y h w v1 h-w z` runs back onto a grid. */
function rasterize(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i++) grid[Number(y)]![Number(x) + i] = true;
  }
  return grid;
}

test('runs of dark modules become one subpath each', () => {
  assert.equal(qrPath([[true, true, false, true]]), 'M0 0h2v1h-2zM3 0h1v1h-1z');
  assert.equal(qrPath([[false], [true]]), 'M0 1h1v1h-1z');
  assert.equal(qrPath([[false, false]]), '');
});

test('the drawn code is the standard QR code of the pairing link', () => {
  const link = 'http://192.168.1.20:17880/#token=AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  const ours = encode(link, { ecc: 'M', border: 0 });
  const drawn = rasterize(qrPath(ours.data), ours.size);
  assert.deepEqual(drawn, ours.data, 'the path draws every module and nothing else');
  const reference = QRCode.create([{ data: Buffer.from(link, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: ours.maskPattern as QRCode.QRCodeMaskPattern,
  });
  assert.equal(reference.modules.size, ours.size);
  const expected = Array.from({ length: ours.size }, (_, y) =>
    Array.from({ length: ours.size }, (_, x) => Boolean(reference.modules.get(y, x))),
  );
  assert.deepEqual(drawn, expected);
});
