// 讲解回放 in the real UI: a show recorded by the studio's own stream (the test pattern, real ffmpeg) and explained
// product by product; its clips cut as the explanations ended, shown in the show report beside what they sold,
// played in the page with seeking (range requests), downloaded, put in the long video in another order, cut
// again exact, and deleted after asking.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { requireStreamingTools, withApi } from './stream-helpers.ts';
import { REPO_ROOT, type StudioProcess } from './studio-process.ts';

// CI must have ffmpeg (a missing one fails there); elsewhere the test is skipped, naming it and how to install it.
test.beforeEach(() => requireStreamingTools('cutting and playing clips', ['ffmpeg']));

const sizeOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;

/** Records a rehearsal of two explanations, each a stretch of recorded media; waits for both clips to be cut. */
async function recordShow(studio: StudioProcess): Promise<number> {
  return withApi(studio, async (api) => {
    const show = await api.call('live.createSession', { input: { title: '秋茶专场' } });
    for (const title of ['福鼎白茶', '武夷大红袍']) {
      const product = await api.call('catalog.create', { input: { title, priceFen: 8800, stock: 10 } });
      await api.call('live.bagAdd', { sessionId: show.id, productId: product.id });
    }
    const state = await api.call('stream.state', {});
    await api.call('stream.saveSettings', { settings: { ...state.settings, record: true, hardware: false } });
    await api.call('show.goLive', { sessionId: show.id, rehearse: true });
    const flv = (await api.call('stream.state', {})).recording.file!;
    const media = async (bytes: number) => {
      const from = sizeOf(flv);
      await expect.poll(() => sizeOf(flv), { timeout: 60_000 }).toBeGreaterThan(from + bytes);
    };
    await media(200_000);
    await api.call('live.explain', { sessionId: show.id, linkNo: 1 });
    // Sold while it was explained: the report shows it beside the clip.
    await api.call('orders.create', { input: { buyer: '小王', lines: [{ linkNo: 1, quantity: 2 }] } });
    await media(900_000);
    await api.call('live.explain', { sessionId: show.id, linkNo: 2 });
    await media(900_000);
    await api.call('live.stopExplaining', { sessionId: show.id });
    await media(200_000);
    await api.call('show.end', { sessionId: show.id });
    return show.id;
  });
}

const rows = (page: Page) => page.getByTestId('report-clips').getByTestId('clip-row');

test('the show report’s clips: cut as explained, played with seeking, downloaded, cut again, deleted', async ({
  page,
  studio,
  openStudio,
}) => {
  test.setTimeout(180_000);
  const sessionId = await recordShow(studio);
  await openStudio();
  await page.goto(`${studio.origin}/#/orders/report-${sessionId}`);
  const clips = page.getByTestId('report-clips');
  await expect(clips.getByRole('heading', { name: '讲解回放' })).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  // Both were cut as the explanations ended: each with its poster, its length and what it sold.
  for (const [i, name] of ['1号 福鼎白茶', '2号 武夷大红袍'].entries()) {
    const row = rows(page).nth(i);
    await expect(row).toContainText(name);
    await expect(row).toContainText(/时长 \d\d:\d\d/);
    await expect(row).toContainText('快速剪辑');
    await expect(row).toContainText(i === 0 ? '讲解中成交 1 单 · ¥176.00' : '讲解中成交 0 单');
    const poster = row.getByRole('img', { name: `${name} 的封面` });
    await expect(poster).toBeVisible();
    await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
  // The README's picture of it (written into the repository with LIVECART_SCREENSHOTS=1).
  await clips.screenshot({
    path: process.env.LIVECART_SCREENSHOTS
      ? path.join(REPO_ROOT, 'resources/screenshots/report-clips.png')
      : test.info().outputPath('report-clips.png'),
  });

  // Played in the page: the browser asks for the clip by ranges (206), and a seek near the end is answered.
  const media: Array<{ status: number; range: string | undefined }> = [];
  page.on('response', (response) => {
    if (response.url().includes('/media/') && response.request().resourceType() === 'media') {
      media.push({ status: response.status(), range: response.request().headers()['range'] });
    }
  });
  await rows(page).first().getByRole('button', { name: '播放 1号 福鼎白茶' }).click();
  const dialog = page.getByRole('dialog', { name: '回放 · 1号 福鼎白茶' });
  const video = dialog.getByTestId('clip-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  const duration = await video.evaluate((v: HTMLVideoElement) => v.duration);
  expect(duration).toBeGreaterThan(1);
  const seeked = await video.evaluate(
    (v: HTMLVideoElement, to) =>
      new Promise<number>((resolve) => {
        v.pause();
        v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
        v.currentTime = to;
      }),
    duration - 0.5,
  );
  expect(seeked).toBeGreaterThan(duration - 1);
  expect(await video.evaluate((v: HTMLVideoElement) => v.error)).toBeNull();
  expect(media.length).toBeGreaterThan(0);
  expect(media.every((m) => m.range?.startsWith('bytes=') && m.status === 206)).toBe(true);
  await dialog.getByRole('button', { name: '关闭' }).click();

  // Downloaded under its name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    rows(page).nth(1).getByRole('button', { name: '下载 2号 武夷大红袍' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^\d{4}-\d\d-\d\d 秋茶专场 2号 武夷大红袍\.mp4$/);
  const saved = await download.path();
  expect(sizeOf(saved)).toBeGreaterThan(10_000);

  // The long video: 2号 first, its length against 30 minutes, made as a job; its chapters to paste; played.
  const reel = page.getByTestId('reel-panel');
  await expect(reel.getByTestId('reel-length')).toHaveText(/合集时长约 00:\d\d（上限 30:00）/);
  await reel.getByRole('button', { name: '上移 2号 武夷大红袍' }).click();
  await expect(reel.getByRole('listitem').first()).toContainText('2号 武夷大红袍');
  await reel.getByRole('button', { name: '制作合集' }).click();
  await expect(page.getByText(/合集已做好：\d{4}-\d\d-\d\d 秋茶专场 合集 #\d+\.mp4/)).toBeVisible({ timeout: 60_000 });
  await expect(reel.getByLabel('视频描述（章节和商品链接）')).toHaveValue(
    /^00:00 2号 武夷大红袍\n00:\d\d 1号 福鼎白茶\n$/,
  );
  await reel.getByRole('button', { name: '播放合集' }).click();
  const reelDialog = page.getByRole('dialog', { name: '合集 · 整场合集' });
  const reelVideo = reelDialog.getByTestId('clip-video');
  await expect.poll(() => reelVideo.evaluate((v: HTMLVideoElement) => v.duration || 0)).toBeGreaterThan(duration);
  await reelDialog.getByRole('button', { name: '关闭' }).click();

  // Cut again, exact: progress while it runs, then both rows say so.
  await clips.getByLabel('逐帧精确（重新编码，较慢）').check();
  await clips.getByRole('button', { name: '剪辑全部回放' }).click();
  await expect(page.getByText('已剪好 2 段回放')).toBeVisible({ timeout: 60_000 });
  await expect(rows(page).filter({ hasText: '精确剪辑' })).toHaveCount(2);

  // Deleted only after saying so; the explanations stay, ready to be cut again.
  await clips.getByRole('button', { name: '删除本场回放…' }).click();
  const confirm = page.getByRole('dialog', { name: '删除本场的 2 段回放？' });
  await expect(confirm).toContainText('直播录像保留');
  await confirm.getByRole('button', { name: '删除回放' }).click();
  await expect(page.getByText('已删除 2 段回放')).toBeVisible();
  await expect(rows(page).filter({ hasText: '未剪辑' })).toHaveCount(2);
  await expect(rows(page).getByRole('button', { name: /^剪辑 / })).toHaveCount(2);
});

test('the live console’s timeline lists an ended explanation’s clip, and plays it', async ({
  page,
  studio,
  openStudio,
}) => {
  test.setTimeout(180_000);
  const sessionId = await recordShow(studio);
  await openStudio();
  await page.goto(`${studio.origin}/#/live/${sessionId}`);
  const timeline = page.getByRole('region', { name: '时间线' });
  await expect(timeline.getByRole('button', { name: /^回放 \d\d:\d\d · 1号 福鼎白茶$/ })).toBeVisible();
  await timeline.getByRole('button', { name: /^回放 \d\d:\d\d · 2号 武夷大红袍$/ }).click();
  const video = page.getByRole('dialog', { name: '回放 · 2号 武夷大红袍' }).getByTestId('clip-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
});
