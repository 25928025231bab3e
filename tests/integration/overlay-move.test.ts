// The host moves the overlay's elements mid-show: the card from the bottom left to the top right, the ticker's band
// from the bottom edge to the top. Real ffmpeg to a real nginx-rtmp on loopback; a player decodes what the ingest
// receives and finds the card at its new place and no longer at the old one, the band darkening the top edge, and
// the show's one encoder still the only one (the slots move by commands, the encoder is never restarted).
import assert from 'node:assert/strict';
import { spawn, type SpawnOptions } from 'node:child_process';
import path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { OverlayOutput } from '../../electron/core/overlay/overlay-output.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay } from '../../electron/core/overlay/shared/overlay-layout.ts';
import type { OverlayScene, OverlaySettings } from '../../electron/core/protocol/overlay-schemas.ts';
import { StreamEngine } from '../../electron/core/stream/engine/stream-engine.ts';
import { hex, IngestPlayer, near, pictureTop, type DecodedFrame } from '../support/ingest-player.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { makePicture, requireTool } from '../support/tools.ts';

const FRAME = { width: 1280, height: 720 };
const ORANGE = '#FF8800';
const SCALE = 4;
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const scene: OverlayScene = {
  card: {
    productId: 1,
    linkNo: 3,
    title: '福鼎白茶 寿眉',
    priceFen: 3990,
    originalPriceFen: null,
    stock: 5,
    soldOut: false,
    imageId: 'orange',
    coupon: null,
  },
  coupon: null,
};

function luma(frame: DecodedFrame, box: { x: number; y: number; width: number; height: number }): number {
  const { r, g, b } = frame.mean(box, SCALE);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

test(
  'moving the card and the ticker mid-show: the picture at the ingest follows, the encoder is not restarted',
  {
    timeout: 180_000,
  },
  async (t: TestContext) => {
    if (!['nginx', 'ffmpeg'].every((tool) => requireTool(t, tool))) return;
    const rtmp = await startRtmpServer();
    cleanups.push(() => rtmp.stop());
    const orange = makePicture(`color=0x${ORANGE.slice(1)}:size=96x96`, 'png-bytes');
    const before: OverlaySettings = { ...DEFAULT_OVERLAY_SETTINGS, tickerText: '今晚全场包邮 关注主播' };
    const output = await OverlayOutput.open(
      path.join(tempDir(), 'overlay'),
      FRAME,
      { scene, settings: before, now: Date.now() },
      { drawtext: true, images: (id) => (id === 'orange' ? orange : null) },
    );
    cleanups.push(() => output.close());
    const spawned: number[] = [];
    const engine = new StreamEngine({
      ffmpegPath: 'ffmpeg',
      source: { kind: 'test-pattern' },
      settings: {
        ...FRAME,
        fps: 25,
        videoKbps: 1500,
        audioKbps: 96,
        encoder: 'libx264',
        preset: 'veryfast',
        lowLatency: false,
      },
      destinations: [{ id: 'a', target: rtmp.target('move') }],
      overlay: output,
      spawn: (command: string, args: string[], options: SpawnOptions) => {
        const child = spawn(command, args, options);
        spawned.push(child.pid ?? -1);
        return child;
      },
    });
    cleanups.push(async () => void (await engine.stop()));
    await engine.start();
    await rtmp.waitForPublish('move', 30_000);
    const player = new IngestPlayer(rtmp.url('move'), FRAME.width / SCALE, FRAME.height / SCALE);
    cleanups.push(() => player.stop());

    const was = placeOverlay(before, FRAME);
    const oldCard = pictureTop(was.card!, was.unit);
    // The top edge's middle: the test pattern's bars there, under no element but the band once it moves up.
    const top = { x: 400, y: 4, width: 480, height: was.ticker!.height - 8 };
    const first = await player.waitFor('the card at the bottom left', (f) => near(f.mean(oldCard, SCALE), hex(ORANGE)));
    const bare = luma(first, top);

    const layout = before.landscape;
    const moved: OverlaySettings = {
      ...before,
      landscape: {
        ...layout,
        card: { ...layout.card, anchor: 'top-right' },
        ticker: { ...layout.ticker, edge: 'top' },
      },
    };
    const now = placeOverlay(moved, FRAME);
    const newCard = pictureTop(now.card!, now.unit);
    assert.ok(newCard.x > FRAME.width / 2 && newCard.y < FRAME.height / 2, 'the card goes to the top right');
    await output.update({ scene, settings: moved, now: Date.now() });
    await player.waitFor(
      'the card at the top right and no longer at the bottom left',
      (f) => near(f.mean(newCard, SCALE), hex(ORANGE)) && !near(f.mean(oldCard, SCALE), hex(ORANGE)),
    );
    await player.waitFor('the ticker’s band darkening the top edge', (f) => luma(f, top) < bare * 0.75);
    assert.equal(spawned.length, 1, 'one encoder for the whole show');
    assert.equal(engine.phase, 'live');
  },
);
