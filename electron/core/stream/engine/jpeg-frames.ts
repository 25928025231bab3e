// Splits the encoder's MJPEG preview pipe into single JPEG images. In JPEG data every 0xFF byte is followed by
// 0x00 or a marker, so the end-of-image marker FF D9 cannot occur inside an image: it is a safe boundary.
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export class JpegFrames {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: Buffer[] = [];
    for (;;) {
      const start = data.indexOf(SOI);
      if (start < 0) {
        // Keep a trailing 0xFF: it may be the first half of the next frame's start marker.
        data = data.at(-1) === 0xff ? data.subarray(-1) : Buffer.alloc(0);
        break;
      }
      const end = data.indexOf(EOI, start + 2);
      if (end < 0) {
        data = data.subarray(start);
        break;
      }
      frames.push(Buffer.from(data.subarray(start, end + 2)));
      data = data.subarray(end + 2);
    }
    // A frame that never ends is garbage: drop it rather than grow without bound.
    this.pending = data.length > MAX_FRAME_BYTES ? Buffer.alloc(0) : Buffer.from(data);
    return frames;
  }
}

const SOI = Buffer.from([0xff, 0xd8]);
const EOI = Buffer.from([0xff, 0xd9]);
