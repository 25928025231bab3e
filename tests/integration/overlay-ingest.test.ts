// The picture carries the sale: a real studio streams the test pattern through real ffmpeg to a real nginx-rtmp on
// loopback, and a player decodes what the ingest receives, frame by frame. The product card appears when a product
// is explained, changes with the next one, dims to 售罄 when its last unit is sold and goes when the explanation
// stops; the coupon banner comes and goes with the push — in the landscape and in the vertical layout.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { startWebHost } from '../../electron/core/host/web-host.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay, type Box } from '../../electron/core/overlay/shared/overlay-layout.ts';
import type { OverlaySettings } from '../../electron/core/protocol/overlay-schemas.ts';
import { PRESET_SIZES } from '../../electron/core/protocol/stream-presets.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { hex, IngestPlayer, near, pictureTop, type DecodedFrame } from '../support/ingest-player.ts';
import { startRtmpServer } from '../support/rtmp-server.ts';
import { tempDir } from '../support/studio-fixture.ts';
import { makePicture, requireTool } from '../support/tools.ts';
import { TestClient } from '../support/ws-client.ts';

const ORANGE = '#FF8800';
const GREEN = '#22AA66';
/** Not a colour of ffmpeg's test pattern, so the banner is not mistaken for it. */
const VIOLET = '#7A2BE2';
/** What the card's 售罄 shade (black at 55 %) leaves of a picture. */
const dimmed = (colour: string) => {
  const { r, g, b } = hex(colour);
  return { r: r * 0.45, g: g * 0.45, b: b * 0.45 };
};

const rendererDir = tempDir('livecart-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The top of the coupon's coloured block (its middle carries what it takes off). */
function couponBlock(coupon: Box): Box {
  const block = coupon.width * 0.36;
  return {
    x: coupon.x + block * 0.1,
    y: coupon.y + coupon.height * 0.06,
    width: block * 0.8,
    height: coupon.height * 0.14,
  };
}

for (const preset of ['720p', 'vertical'] as const) {
  test(
    `the card and the coupon banner follow the console in the picture at the ingest (${preset})`,
    { timeout: 240_000 },
    async (t: TestContext) => {
      if (!['nginx', 'ffmpeg'].every((tool) => requireTool(t, tool))) return;
      const rtmp = await startRtmpServer();
      cleanups.push(() => rtmp.stop());
      const dataDir = tempDir();
      const studio = await openStudio({ dataDir });
      const web = await startWebHost(studio, { port: 0, rendererDir });
      const host = await TestClient.connect(web.port, web.token);
      cleanups.push(async () => {
        host.close();
        await web.close();
        await studio.close();
      });
      await host.call('studio.hello', { client: 'overlay-test' });

      const picture = async (colour: string) =>
        studio.catalog.images.save(makePicture(`color=0x${colour.slice(1)}:size=96x96`, 'png-bytes'));
      const teapot = await host.call('catalog.create', {
        input: {
          title: '福鼎白茶 寿眉',
          priceFen: 3990,
          originalPriceFen: 5990,
          stock: 5,
          imageId: await picture(ORANGE),
        },
      });
      const cups = await host.call('catalog.create', {
        input: { title: '汝窑茶杯 一对', priceFen: 12800, stock: 1, imageId: await picture(GREEN) },
      });
      const now = Date.now();
      const coupon = await host.call('coupons.create', {
        input: {
          name: '直播间专享',
          kind: 'direct',
          offFen: 500,
          quantity: 100,
          validFrom: now - 60_000,
          validUntil: now + 3_600_000,
        },
      });
      const session = await host.call('live.createSession', { input: { title: '秋茶专场' } });
      await host.call('live.bagAdd', { sessionId: session.id, productId: teapot.id });
      await host.call('live.bagAdd', { sessionId: session.id, productId: cups.id });
      await host.call('live.goLive', { id: session.id });
      const settings: OverlaySettings = { ...DEFAULT_OVERLAY_SETTINGS, accent: VIOLET, tickerText: '今晚全场包邮' };
      const saved = await host.call('overlay.saveSettings', { settings });
      assert.equal(saved.settings.accent, VIOLET);

      const initial = await host.call('stream.state', {});
      await host.call('stream.saveSettings', {
        settings: { ...initial.settings, preset, fps: 25, videoKbps: 1500, record: false, hardware: false },
      });
      await host.call('stream.saveDestination', {
        input: {
          name: 'nginx',
          platform: 'custom',
          serverUrl: `rtmp://127.0.0.1:${rtmp.port}/live`,
          streamKey: 'overlay',
        },
      });
      const started = await host.call('stream.start', {});
      assert.equal(started.phase, 'live', started.error ?? '');
      assert.equal(started.overlay, 'composited');
      cleanups.push(async () => void (await host.call('stream.stop', {}).catch(() => undefined)));
      await rtmp.waitForPublish('overlay', 30_000);
      const during = await host.call('overlay.state', {});
      const orientation = preset === '720p' ? 'landscape' : 'vertical';
      assert.deepEqual(during.showLimits, { orientation, card: 1, coupon: 1, logo: 1 }, 'how large each can grow now');

      const frame = PRESET_SIZES[preset];
      const scale = 4 * (frame.width / 1280 > 1 || frame.height / 1280 > 1 ? 1.5 : 1);
      const player = new IngestPlayer(
        rtmp.url('overlay'),
        Math.round(frame.width / scale),
        Math.round(frame.height / scale),
      );
      cleanups.push(() => player.stop());
      const placed = placeOverlay(settings, frame);
      const card = pictureTop(placed.card!, placed.unit);
      const banner = couponBlock(placed.coupon!);
      const cardIs = (colour: { r: number; g: number; b: number }) => (f: DecodedFrame) =>
        near(f.mean(card, scale), colour);
      const noCard = (f: DecodedFrame) => {
        const seen = f.mean(card, scale);
        return !near(seen, hex(ORANGE)) && !near(seen, hex(GREEN)) && !near(seen, dimmed(GREEN), 25);
      };

      await player.waitFor('the picture with no card', noCard);
      await host.call('live.explain', { sessionId: session.id, linkNo: 1 });
      await player.waitFor('the first product’s card (its orange picture)', cardIs(hex(ORANGE)));
      await host.call('live.explain', { sessionId: session.id, linkNo: 2 });
      await player.waitFor('the card changed to the second product (green)', cardIs(hex(GREEN)));
      await host.call('orders.create', { input: { buyer: '小王', lines: [{ linkNo: 2, quantity: 1 }] } });
      await player.waitFor('售罄 over the second product once its last unit sold', cardIs(dimmed(GREEN)));
      await host.call('live.stopExplaining', { sessionId: session.id });
      await player.waitFor('the card gone when the explanation stops', noCard);

      await player.waitFor('no coupon banner before the push', (f) => !near(f.mean(banner, scale), hex(VIOLET)));
      await host.call('live.pushCoupon', { sessionId: session.id, couponId: coupon.id });
      await player.waitFor('the coupon banner (violet) once pushed', (f) => near(f.mean(banner, scale), hex(VIOLET)));
      await host.call('live.stopCoupon', { sessionId: session.id, couponId: coupon.id });
      await player.waitFor('the banner gone once the push stops', (f) => !near(f.mean(banner, scale), hex(VIOLET)));

      const stopped = await host.call('stream.stop', {});
      assert.equal(stopped.phase, 'idle');
      assert.equal((await host.call('overlay.state', {})).showLimits, null, 'no show, no limit');
      assert.deepEqual(
        fs.readdirSync(path.join(dataDir, 'overlay')),
        [],
        'the show’s overlay files are removed when it ends',
      );
    },
  );
}
