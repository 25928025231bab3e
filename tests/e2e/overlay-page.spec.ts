// The overlay as an OBS browser source: the page at /overlay with its own read-only token draws what the encoder
// composites — the explained product's card, transparent everywhere else — with the same drawing code, and follows
// the console. Its token reads the overlay and nothing else; a new token closes the old page.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page } from '@playwright/test';
import { OverlayPainter } from '../../electron/core/overlay/overlay-painter.ts';
import { DEFAULT_OVERLAY_SETTINGS } from '../../electron/core/overlay/shared/overlay-defaults.ts';
import { placeOverlay } from '../../electron/core/overlay/shared/overlay-layout.ts';
import type { OverlayScene } from '../../electron/core/protocol/overlay-schemas.ts';
import { makePicture } from '../support/tools.ts';
import { TestClient } from '../support/ws-client.ts';
import { expect, test } from './fixtures.ts';

const FRAME = { width: 1280, height: 720 };
const ORANGE = [255, 136, 0];

/** The page as OBS composites it: an RGBA screenshot with nothing behind it. */
async function pixels(page: Page): Promise<Uint8ClampedArray> {
  const png = await page.screenshot({ omitBackground: true });
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height).data;
}

/** Within a step of colour rounding (the screenshot's and the painter's may differ by one). */
const close = (seen: number[], want: number[]) => seen.every((v, i) => Math.abs(v - want[i]!) <= 3);

const at = (data: Uint8ClampedArray, x: number, y: number) => [
  ...data.subarray((y * FRAME.width + x) * 4, (y * FRAME.width + x) * 4 + 4),
];

test('the OBS page draws the card over a transparent page, as the encoder does, and follows the console', async ({
  browser,
  studio,
}) => {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    const picture = makePicture('color=0xFF8800:size=96x96', 'png-bytes');
    const { imageId } = await api.call('catalog.uploadImage', {
      uploadId: await api.upload('image', 'tea.png', picture),
    });
    const product = await api.call('catalog.create', {
      input: { title: '福鼎白茶 寿眉', priceFen: 3990, originalPriceFen: 5990, stock: 8, imageId },
    });
    const session = await api.call('live.createSession', { input: { title: '秋茶专场' } });
    await api.call('live.bagAdd', { sessionId: session.id, productId: product.id });
    await api.call('live.goLive', { id: session.id });
    await api.call('live.explain', { sessionId: session.id, linkNo: 1 });

    const link = await api.call('overlay.pageLink', {});
    expect(link.problem).toBeNull();
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/overlay#token=[A-Za-z0-9_-]{32}$/);

    const context = await browser.newContext({ viewport: FRAME });
    const page = await context.newPage();
    await page.goto(link.url!);
    await expect(page.locator('body')).toHaveAttribute('data-status', 'ready');
    await expect(page.locator('body')).toHaveAttribute('data-scene', /"linkNo":1/);
    // Drawn once the picture has come in: the card's picture is the product's, and the page is see-through elsewhere.
    const card = placeOverlay(DEFAULT_OVERLAY_SETTINGS, FRAME).card!;
    const inPicture = [card.x + 12 + 30, card.y + 12 + 30] as const;
    await expect.poll(async () => close(at(await pixels(page), ...inPicture), [...ORANGE, 255])).toBe(true);
    const shot = await pixels(page);
    expect(at(shot, 640, 200)).toEqual([0, 0, 0, 0]);

    // The same picture as the encoder's painter makes: where one is see-through, so is the other.
    const scene = JSON.parse((await page.locator('body').getAttribute('data-scene'))!) as OverlayScene;
    const painted = new OverlayPainter(FRAME, () => picture).paint(scene, DEFAULT_OVERLAY_SETTINGS, {
      now: Date.now(),
      ticker: 'band',
    });
    const offset = painted.length - FRAME.width * FRAME.height * 4;
    let differ = 0;
    for (let i = 3; i < shot.length; i += 4) if (Math.abs(shot[i]! - painted[offset + i]!) > 64) differ++;
    expect(differ / (FRAME.width * FRAME.height)).toBeLessThan(0.01);

    await api.call('live.stopExplaining', { sessionId: session.id });
    await expect(page.locator('body')).toHaveAttribute('data-scene', /"card":null/);
    await expect.poll(async () => at(await pixels(page), ...inPicture)[3]).toBe(0);

    // The page's token reads the overlay and nothing else.
    const token = new URL(link.url!).hash.replace('#token=', '');
    const pagePort = Number(new URL(link.url!).port);
    const asPage = await TestClient.connect(pagePort, token);
    expect((await asPage.call('studio.hello', { client: 'probe' })).role).toBe('overlay');
    await expect(asPage.call('overlay.state', {})).resolves.toHaveProperty('settings');
    await expect(asPage.call('catalog.list', {})).rejects.toThrow(/host only|forbidden/i);
    await expect(asPage.call('overlay.image', { imageId: 'a'.repeat(64) })).rejects.toThrow(/not in the overlay/);
    asPage.close();

    // A new token closes the page open with the old one, and the old one no longer opens anything.
    const rotated = await api.call('overlay.pageLink', { rotate: true });
    expect(rotated.url).not.toBe(link.url);
    await expect(page.locator('body')).toHaveAttribute('data-status', 'unauthorized');
    await context.close();
  } finally {
    api.close();
  }
});

test('the host places and themes the overlay on the stream screen; the preview follows and the core keeps it', async ({
  page,
  studio,
  openStudio,
}) => {
  await openStudio();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '直播', exact: true }).click();
  const panel = page.getByTestId('overlay-panel');
  await expect(panel.getByRole('heading', { name: '画面叠加层' })).toBeVisible();
  const card = panel.getByTestId('overlay-element-card');
  await card.getByLabel('位置').selectOption({ label: '右上' });
  await panel.getByTestId('overlay-ticker-text').fill('今晚全场包邮');
  await panel.getByTestId('overlay-ticker-text').press('Enter');
  await panel.getByRole('switch', { name: '台标' }).click();
  const saved = async () => {
    const api = await TestClient.connect(studio.port, studio.token);
    try {
      return (await api.call('overlay.state', {})).settings;
    } finally {
      api.close();
    }
  };
  await expect
    .poll(async () => {
      const s = await saved();
      return [s.landscape.card.anchor, s.tickerText, s.landscape.logo.on];
    })
    .toEqual(['top-right', '今晚全场包邮', false]);
  // The vertical layout is its own: editing it leaves the landscape one as it was.
  await panel.getByRole('radio', { name: '竖屏' }).click();
  await card.getByLabel('位置').selectOption({ label: '左侧居中' });
  await expect
    .poll(async () => {
      const s = await saved();
      return [s.vertical.card.anchor, s.landscape.card.anchor];
    })
    .toEqual(['middle-left', 'top-right']);
  await expect(panel.getByTestId('overlay-preview')).toBeVisible();

  await panel.getByRole('button', { name: '获取 OBS 链接' }).click();
  await expect(panel.getByRole('textbox', { name: 'OBS 浏览器源' })).toHaveValue(
    /^http:\/\/127\.0\.0\.1:\d+\/overlay#token=/,
  );
});
