// 直播 through the UI, against a real RTMP ingest (nginx with the RTMP module on loopback) and the real ffmpeg:
// choose the test pattern and a small bitrate, add a destination (server address and key typed separately, the key
// never shown again), go live from the keyboard, watch the preview move and the health numbers, end the show and
// find the recording. And a key the platform refuses: the countdown, then "key rejected" with Reconnect now.
import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startRtmpServer, type RtmpServer } from '../support/rtmp-server.ts';
import { missing } from '../support/tools.ts';
import { TestClient } from '../support/ws-client.ts';
import { expect, test } from './fixtures.ts';
import type { StudioProcess } from './studio-process.ts';

// CI must have the tools: a missing one fails every test here loudly. Only on a developer's machine without them
// are the tests skipped, and the skip names the tool and how to install it (tools.ts's `missing`).
test.beforeEach(() => {
  const absent = missing('nginx') ?? missing('ffmpeg');
  if (absent === null) return;
  if (process.env.CI) throw new Error(`CI must have the streaming tools: ${absent}`);
  test.skip(true, `skipped outside CI only: streaming needs ${absent}`);
});

/** `rtmp://127.0.0.1:PORT/live/KEY` → the server address and the key, as a platform's console shows them. */
function splitUrl(url: string): { server: string; key: string } {
  const cut = url.lastIndexOf('/');
  return { server: url.slice(0, cut), key: decodeURIComponent(url.slice(cut + 1)) };
}

async function withApi<T>(studio: StudioProcess, work: (api: TestClient) => Promise<T>): Promise<T> {
  const api = await TestClient.connect(studio.port, studio.token);
  try {
    return await work(api);
  } finally {
    api.close();
  }
}

async function withRtmp(options: Parameters<typeof startRtmpServer>[0], work: (rtmp: RtmpServer) => Promise<void>) {
  const rtmp = await startRtmpServer(options);
  try {
    await work(rtmp);
  } finally {
    await rtmp.stop();
  }
}

async function openStream(page: Page, studio: StudioProcess): Promise<void> {
  await page.goto(studio.url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '直播', exact: true }).click();
  await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'idle');
}

/** A fingerprint of the preview's pixels (drawn small), so "the picture moved" means more than a new URL. */
async function previewPixels(page: Page): Promise<{ src: string; frame: number; pixels: string }> {
  return page.getByTestId('preview-image').evaluate(async (node) => {
    const img = node as HTMLImageElement;
    await img.decode().catch(() => undefined);
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 54;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data[i]!) | 0;
    return { src: img.src, frame: Number(img.dataset.frame), pixels: `${hash}:${data.length}` };
  });
}

async function stopShow(page: Page): Promise<void> {
  await page.getByRole('button', { name: '结束直播' }).click();
  const confirm = page.getByRole('dialog', { name: '结束直播？' });
  await expect(confirm.getByRole('button', { name: '取消' })).toBeFocused(); // a stray Enter does not end it
  await confirm.getByRole('button', { name: '结束直播' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'idle', { timeout: 20_000 });
}

test('goes live with the test pattern to a real ingest: preview moves, health numbers, the key never shown; stop', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({}, async (rtmp) => {
    const { server, key } = splitUrl(rtmp.url('lc-e2e-7c21f9a3'));
    await openStream(page, studio);

    // The encoder panel found ffmpeg.
    await expect(page.getByTestId('ffmpeg-version')).not.toBeEmpty({ timeout: 20_000 });

    // Source and video: the test pattern, 720p, a low bitrate (saved when the field is left).
    await page.getByRole('radio', { name: /测试画面/ }).check();
    await page.getByRole('button', { name: /720p 横屏/ }).click();
    await expect(page.getByRole('button', { name: /720p 横屏/ })).toHaveAttribute('aria-pressed', 'true');
    const bitrate = page.getByLabel('视频码率（kbps）');
    await bitrate.fill('100');
    await bitrate.press('Enter');
    await expect(page.getByText('码率应为 300–20000 之间的整数')).toBeVisible();
    await bitrate.fill('800');
    await bitrate.press('Enter');
    await expect
      .poll(() => withApi(studio, async (api) => (await api.call('stream.state', {})).settings), { timeout: 5_000 })
      .toMatchObject({ source: { kind: 'test-pattern' }, preset: '720p', videoKbps: 800 });

    // A destination: platform, name, server address and key typed separately.
    await page.getByRole('button', { name: '添加推流目标' }).click();
    const editor = page.getByRole('dialog', { name: '添加推流目标' });
    await editor.getByLabel('平台').selectOption({ label: '抖音' });
    await expect(editor.getByLabel('名称')).toHaveValue('抖音');
    await editor.getByLabel('平台').selectOption({ label: 'YouTube' });
    await expect(editor.getByLabel('推流地址（服务器）')).toHaveValue('rtmps://a.rtmps.youtube.com/live2');
    await editor.getByLabel('平台').selectOption({ label: '自定义 RTMP(S)' });
    await expect(editor.getByLabel('推流地址（服务器）')).toHaveValue('');
    await editor.getByLabel('名称').fill('测试收流');
    await editor.getByLabel('推流地址（服务器）').fill(server);
    const keyInput = editor.getByLabel('推流密钥（串流密钥）');
    await keyInput.fill(key);
    await expect(keyInput).toHaveAttribute('type', 'password');
    await editor.getByRole('button', { name: '显示' }).click();
    await expect(keyInput).toHaveAttribute('type', 'text');
    await editor.getByRole('button', { name: '隐藏' }).click();
    await expect(keyInput).toHaveAttribute('type', 'password');
    await editor.getByRole('button', { name: '保存' }).click();
    await expect(editor).toBeHidden();

    const card = page.getByTestId('destination').filter({ hasText: '测试收流' });
    await expect(card.getByTestId('destination-url')).toHaveText(`${server}/••••`);
    await expect(card).toContainText('密钥已保存');
    await expect(card.getByRole('switch', { name: '启用' })).toHaveAttribute('aria-checked', 'true');
    expect(await page.content()).not.toContain(key);

    // Editing never shows the key back: the field is empty, and saving it empty keeps the saved key.
    await card.getByRole('button', { name: '编辑“测试收流”' }).click();
    const edit = page.getByRole('dialog', { name: '编辑推流目标' });
    await expect(edit.getByLabel('推流密钥（串流密钥）')).toHaveValue('');
    await expect(edit.getByLabel('推流地址（服务器）')).toHaveValue(server);
    await expect(edit).toContainText('留空则保留已保存的密钥');
    await edit.getByLabel('名称').fill('测试收流 1');
    await edit.getByRole('button', { name: '保存' }).click();
    await expect(edit).toBeHidden();
    const liveCard = page.getByTestId('destination').filter({ hasText: '测试收流 1' });
    await expect(liveCard).toContainText('密钥已保存');

    // Go live from the keyboard.
    const goLive = page.getByRole('button', { name: '开播', exact: true });
    await goLive.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    await rtmp.waitForPublish(key, 15_000);
    const status = liveCard.getByTestId('destination-status');
    await expect(status).toHaveAttribute('data-phase', 'live', { timeout: 15_000 });
    await expect(page.getByTestId('live-badge')).toHaveText(/LIVE\s*00:0\d:\d\d/);

    // The preview moves: new frames, new pixels.
    const preview = page.getByTestId('preview-image');
    await expect(preview).toBeVisible({ timeout: 10_000 });
    const first = await previewPixels(page);
    await expect
      .poll(async () => (await previewPixels(page)).frame, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(first.frame + 2);
    const later = await previewPixels(page);
    expect(later.src).not.toBe(first.src);
    expect(later.pixels).not.toBe(first.pixels);

    // Health numbers.
    const health = page.getByTestId('stream-health');
    await expect(health).toBeVisible();
    await expect
      .poll(async () => parseFloat((await page.getByTestId('health-fps').textContent()) ?? '0'), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await liveCard.getByTestId('destination-kbps').getAttribute('data-kbps')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => parseFloat((await page.getByTestId('health-bitrate').textContent())?.replace(/,/g, '') ?? '0'))
      .toBeGreaterThan(0);
    await expect(page.getByTestId('health-uptime')).toHaveText(/^00:0\d:\d\d$/);
    await expect(page.getByTestId('health-cpu')).toHaveText(/^\d+%$/, { timeout: 10_000 });
    await expect(page.getByTestId('health-speed')).toHaveText(/^\d+\.\d\d×$/);
    await expect(page.getByTestId('health-dropped')).toHaveText(/^\d+$/);
    await expect(page.getByTestId('recording-now')).toContainText('.mp4');

    // Settings wait for the show; a destination being streamed to keeps its switch.
    await expect(page.getByRole('button', { name: /1080p 横屏/ })).toBeDisabled();
    await expect(liveCard.getByRole('switch', { name: '启用' })).toBeDisabled();

    // The key is nowhere in the page, live either.
    expect(await page.content()).not.toContain(key);
    expect(await page.locator('body').innerText()).not.toContain(key);

    await stopShow(page);
    const recording = page.getByTestId('recording-file');
    await expect(recording).toContainText('本场直播已录制保存');
    const file = (await recording.locator('.mono').textContent())!.trim();
    expect(file).toMatch(/recordings[\\/].+\.mp4$/);
    expect(existsSync(file)).toBe(true);
    await expect(preview).toHaveCount(0);
    await expect(page.getByTestId('stream-preview')).toContainText('开播后这里显示正在推流的画面');
  });
});

test('a refused stream key: the countdown, then "key rejected" with Reconnect now; an empty plan is refused', async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000);
  await withRtmp({ rejectKeys: ['bad'] }, async (rtmp) => {
    await openStream(page, studio);

    // Nothing to do: recording off and no destination. The refusal says why, right under the button.
    await page.getByRole('switch', { name: /本地录制/ }).click();
    await expect(page.getByRole('switch', { name: /本地录制/ })).toHaveAttribute('aria-checked', 'false');
    await page.getByRole('button', { name: '开播', exact: true }).click();
    const refusal = page.getByTestId('go-live-refusal');
    await expect(refusal).toContainText('无法开播');
    await expect(refusal).toContainText('没有启用的推流目标，也没有开启本地录制');

    // A destination with the key the ingest refuses (arranged through the protocol; the form is tested above).
    const { server } = splitUrl(rtmp.url('bad'));
    await withApi(studio, async (api) => {
      await api.call('stream.saveSettings', {
        settings: {
          source: { kind: 'test-pattern' },
          preset: '720p',
          fps: 25,
          videoKbps: 600,
          hardware: false,
          lowLatency: true,
          record: false,
        },
      });
      await api.call('stream.saveDestination', {
        input: { name: '旧密钥', platform: 'custom', serverUrl: server, streamKey: 'bad', enabled: true },
      });
    });
    const card = page.getByTestId('destination').filter({ hasText: '旧密钥' });
    await expect(card).toBeVisible();

    await page.getByRole('button', { name: '开播', exact: true }).click();
    await expect(refusal).toHaveCount(0);
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live', { timeout: 20_000 });
    const status = card.getByTestId('destination-status');

    // Between refusals: OBS's "reconnecting in N s (attempt K)", with the reason in words.
    await expect(card.getByTestId('reconnect-countdown')).toHaveText(/^\d+ 秒后重连（第 \d+ 次）$/, {
      timeout: 15_000,
    });
    await expect(card.getByRole('button', { name: '立即重连' })).toBeVisible();

    // Refused again and again: key rejected, what to do, and the way to try again.
    await expect(status).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(status).toContainText('推流密钥被拒绝');
    await expect(card.getByTestId('destination-reason')).toContainText('请在平台后台复制新的推流地址和密钥');
    const tries = rtmp.publishes.filter((k) => k === 'bad').length;
    expect(tries).toBeGreaterThanOrEqual(3);
    await card.getByRole('button', { name: '立即重连' }).click();
    await rtmp.waitForPublish('bad', 10_000, tries + 1);

    // The show itself kept going all along.
    await expect(page.getByTestId('stream-phase')).toHaveAttribute('data-phase', 'live');
    await stopShow(page);
    await expect(page.getByTestId('recording-file')).toHaveCount(0); // recording was off
  });
});
