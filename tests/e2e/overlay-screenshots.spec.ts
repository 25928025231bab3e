// The overlay in README pictures, from a real show: the studio streams the test pattern to a real nginx-rtmp on
// loopback, with a product explained, a coupon pushed and a ticker, and one frame is taken as the ingest serves it,
// landscape and vertical; and the OBS page, transparent, laid over a picture. Written to resources/screenshots/
// when LIVECART_SCREENSHOTS=1 (`npm run screenshots`), else to the test's output. Each picture is checked for the
// card (its product picture's colour where the layout puts it) before it is kept.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay } from '../../electron/core/overlay/shared/overlay-layout.ts';
import { PRESET_SIZES } from '../../electron/core/protocol/stream-presets.ts';
import { makePicture } from '../support/tools.ts';
import { TestClient } from '../support/ws-client.ts';
import { expect, test } from './fixtures.ts';
import { arrangeTestPattern, requireStreamingTools, splitUrl, withRtmp } from './stream-helpers.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const target = (name: string, outputPath: (name: string) => string) =>
  process.env.LIVECART_SCREENSHOTS ? path.join(REPO_ROOT, 'resources/screenshots', name) : outputPath(name);

test.beforeEach(() => requireStreamingTools('taking the overlay pictures'));

/** The colour at the top of the card's picture in a PNG. */
async function cardColour(png: string | Buffer, frame: { width: number; height: number }): Promise<number[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(frame.width, frame.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0, frame.width, frame.height);
  const placed = placeOverlay(DEFAULT_OVERLAY_SETTINGS, frame);
  const x = Math.round(placed.card!.x + placed.card!.height * 0.3);
  const y = Math.round(placed.card!.y + 12 * placed.unit + 10);
  return [...ctx.getImageData(x, y, 1, 1).data.subarray(0, 3)];
}

test('the composited picture at the ingest, both layouts, and the OBS page over a picture', async ({
  browser,
  studio,
}, testInfo) => {
  test.setTimeout(180_000);
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    const picture = makePicture('gradients=size=320x320:c0=0xF6C177:c1=0xB5651D:seed=7:n=2', 'png-bytes');
    const { imageId } = await api.call('catalog.uploadImage', {
      uploadId: await api.upload('image', 'tea.png', picture),
    });
    const tea = await api.call('catalog.create', {
      input: {
        title: '福鼎白茶 2019年寿眉 老白茶饼 357克',
        priceFen: 12800,
        originalPriceFen: 19900,
        stock: 36,
        imageId,
      },
    });
    const session = await api.call('live.createSession', { input: { title: '秋茶专场' } });
    await api.call('live.bagAdd', { sessionId: session.id, productId: tea.id });
    const now = Date.now();
    const coupon = await api.call('coupons.create', {
      input: {
        name: '直播间专享券',
        kind: 'threshold',
        thresholdFen: 9900,
        offFen: 2000,
        quantity: 200,
        validFrom: now - 60_000,
        validUntil: now + 25 * 60_000,
      },
    });
    await api.call('overlay.saveSettings', {
      settings: { ...DEFAULT_OVERLAY_SETTINGS, tickerText: '今晚全场包邮 · 关注主播每 10 分钟抽奖 · 1号链接限时特价' },
    });
    await withRtmp({}, async (rtmp) => {
      const { server, key } = splitUrl(rtmp.url('lc-e2e-overlay-shots'));
      await arrangeTestPattern(api, false);
      await api.call('stream.saveDestination', {
        input: { name: '收流', platform: 'custom', serverUrl: server, streamKey: key, enabled: true },
      });
      await api.call('show.goLive', { sessionId: session.id });
      await api.call('live.explain', { sessionId: session.id, linkNo: 1 });
      await api.call('live.pushCoupon', { sessionId: session.id, couponId: coupon.id });
      for (const preset of ['720p', 'vertical'] as const) {
        if (preset === 'vertical') {
          await api.call('stream.stop', {});
          const { settings } = await api.call('stream.state', {});
          await api.call('stream.saveSettings', { settings: { ...settings, preset } });
          await api.call('stream.start', {});
        }
        await rtmp.waitForPublish(key, 20_000, preset === 'vertical' ? 2 : 1);
        const file = target(`overlay-${preset === '720p' ? 'landscape' : 'vertical'}.png`, (n) =>
          testInfo.outputPath(n),
        );
        const size = PRESET_SIZES[preset];
        const scale = preset === '720p' ? 'scale=1280:720' : 'scale=540:960';
        await promisify(execFile)('ffmpeg', [
          ...['-v', 'error', '-y', '-rw_timeout', '20000000', '-i', rtmp.url(key)],
          ...['-vf', scale, '-frames:v', '1', file],
        ]);
        const shown = preset === '720p' ? { width: 1280, height: 720 } : { width: 540, height: 960 };
        expect(size.width / size.height).toBeCloseTo(shown.width / shown.height, 2);
        const colour = await cardColour(file, shown);
        expect(colour[0]! - colour[2]!, `the card's warm picture at the ingest (${colour})`).toBeGreaterThan(60);
      }
      await api.call('show.end', { sessionId: session.id });
    });

    // The OBS page over a picture standing in for a camera (this machine has none).
    const link = await api.call('overlay.pageLink', {});
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const session2 = await api.call('live.createSession', { input: { title: 'OBS' } });
    await api.call('live.bagAdd', { sessionId: session2.id, productId: tea.id });
    await api.call('live.goLive', { id: session2.id });
    await api.call('live.explain', { sessionId: session2.id, linkNo: 1 });
    await page.goto(link.url!);
    await expect(page.locator('body')).toHaveAttribute('data-scene', /"linkNo":1/);
    await expect
      .poll(
        async () =>
          (await cardColour(await page.screenshot({ omitBackground: true }), { width: 1280, height: 720 }))[0],
      )
      .toBeGreaterThan(200);
    const overlay = await loadImage(await page.screenshot({ omitBackground: true }));
    const camera = await loadImage(makePicture('smptehdbars=size=1280x720', 'png-bytes'));
    const canvas = createCanvas(1280, 720);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(camera, 0, 0);
    ctx.drawImage(overlay, 0, 0);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      target('overlay-obs.png', (n) => testInfo.outputPath(n)),
      canvas.toBuffer('image/png'),
    );
    await context.close();
  } finally {
    api.close();
  }
});
